/**
 * The terminal's part of the contract: a shell per incident (and a free one) in the core, drawn
 * by the window. Output comes as numbered `terminalData` batches that the window acknowledges
 * as it parses them (credit flow control); only windows that attached to a terminal get its
 * events.
 */
import { z } from 'zod';
import { terminalLimits } from '../terminal-limits.js';

const { minCols, maxCols, minRows, maxRows, maxInputChars } = terminalLimits;

const terminalId = z.string().min(1).max(40);
const incidentKey = z.string().min(1).max(600);
const size = {
  cols: z.number().int().min(minCols).max(maxCols),
  rows: z.number().int().min(minRows).max(maxRows),
};
const ofTerminal = z.object({ id: terminalId });
const done = z.object({});

const exitSchema = z.object({ exitCode: z.number().int(), signal: z.number().int().optional() });

const terminalInfoSchema = z.object({
  id: terminalId,
  /** The incident this terminal works on; absent for the free terminal. */
  incidentKey: z.string().optional(),
  cwd: z.string(),
  shell: z.string(),
  pid: z.number().int(),
  ...size,
  /** Whether the shell marks its commands: without, a step's end and exit code are unknown. */
  integrated: z.boolean(),
  /** Set once the shell has exited; its screen stays readable until the terminal is closed. */
  exit: exitSchema.optional(),
});
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** What a window needs to draw a terminal it did not see from the start. */
const terminalSnapshotSchema = z.object({
  /** Apply only `terminalData` with a greater seq on top of `screen`. */
  seq: z.number().int().min(0),
  ...size,
  /** Scrollback, screen, cursor and modes as one VT sequence. */
  screen: z.string(),
});
export type TerminalSnapshot = z.infer<typeof terminalSnapshotSchema>;

/** One command the shell ran: a runbook step (with `stepId`) or one typed by hand. */
const commandRecordSchema = z.object({
  id: z.number().int(),
  stepId: z.string().optional(),
  command: z.string(),
  sentAt: z.number().optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().int().optional(),
  state: z.enum(['running', 'finished', 'unknown']),
  output: z.string(),
  outputTruncated: z.boolean(),
});
export type CommandRecordView = z.infer<typeof commandRecordSchema>;

const stepRef = z.object({
  id: terminalId,
  /** The incident, the runbook and the step: the core renders the command itself. */
  key: incidentKey,
  runbookId: z.string().min(1).max(200),
  step: z.string().min(1).max(200),
  /** The responder confirmed a dangerous step in the dialog that showed its command. */
  confirmed: z.boolean().optional(),
  /** What the responder typed where the step asks for a value (`onwatch.confirm`). */
  typed: z.string().max(1000).optional(),
});

export const terminalCommands = {
  /** Whether this window may open terminals, and why not. */
  terminalAccess: {
    request: z.object({}).strict(),
    response: z.object({ enabled: z.boolean(), reason: z.string().optional() }),
  },
  /** Opens the incident's terminal (or the free one), or returns the one already open. */
  terminalOpen: {
    request: z.object({ incidentKey: incidentKey.optional(), ...size }),
    response: terminalInfoSchema,
  },
  terminalList: { request: z.object({}).strict(), response: z.array(terminalInfoSchema) },
  terminalInput: {
    request: z.object({ id: terminalId, data: z.string().max(maxInputChars) }),
    response: done,
  },
  terminalResize: { request: z.object({ id: terminalId, ...size }), response: done },
  /** Ends the shell and everything it started. */
  terminalClose: { request: ofTerminal, response: done },
  /** Starts sending this window the terminal's output, from the screen as it is now. */
  terminalAttach: { request: ofTerminal, response: terminalSnapshotSchema },
  terminalDetach: { request: ofTerminal, response: done },
  /** This many more characters of output parsed (sent every few thousand). */
  terminalAck: {
    request: z.object({ id: terminalId, chars: z.number().int().min(0).max(100_000_000) }),
    response: done,
  },
  /** Types a runbook step into the terminal, as rendered for the incident now. */
  terminalRunStep: { request: stepRef, response: z.object({ stepId: z.string() }) },
  /**
   * Runs the runbook's "Run all" steps one after another, each once the previous has finished
   * with exit code 0; dangerous steps are never among them.
   */
  terminalRunAll: {
    request: stepRef.pick({ id: true, key: true, runbookId: true }),
    response: z.object({ steps: z.array(z.string()) }),
  },
  terminalStopRunAll: { request: ofTerminal, response: done },
} as const;

/** Where a "Run all" stands; `done` once it finished, stopped or failed (`message` says which). */
const runAllStateSchema = z.object({
  id: terminalId,
  key: z.string(),
  runbookId: z.string(),
  current: z.string().optional(),
  remaining: z.array(z.string()),
  done: z.boolean(),
  message: z.string().optional(),
});
export type RunAllState = z.infer<typeof runAllStateSchema>;

/** Sent only to the windows attached to the terminal. */
export const terminalEvents = {
  /** Output, batched and numbered per terminal. */
  terminalData: z.object({ id: terminalId, seq: z.number().int().min(1), data: z.string() }),
  terminalExit: exitSchema.extend({ id: terminalId }),
  /** A command started or finished. */
  terminalCommand: z.object({ id: terminalId, record: commandRecordSchema }),
  terminalRunAll: runAllStateSchema,
} as const;
