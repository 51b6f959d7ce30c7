/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC
 * and the browser host's WebSocket) carry exactly these commands and events, and both clients
 * are generated from these lists; the main side validates every request payload with these
 * schemas before acting on it.
 */
import { z } from 'zod';
import { alarmSounds } from '../alarm-sounds.js';
import { fastLaneChoices, shiftReminderLeadSchema } from '../attention-config.js';
import { excerpt, quotedExcerpt } from '../excerpt.js';
import { incidentActionSchema } from '../model/action.js';
import { incidentTimelineSchema } from '../model/incident-timeline.js';
import { sourceConfigSchema } from '../model/source-config.js';
import { sourceSecretsSchema } from '../model/source-secrets.js';
import { CommandError, type CommandIssue } from './command-error.js';
import { runbookCommands, runbookEvents } from './runbook-contract.js';
import { checksCommands } from './checks-contract.js';
import { statusPageCommands } from './status-page-contract.js';
import { scheduleCommands, scheduleEvents } from './schedule-contract.js';
import {
  stateChangeSchema,
  stateSnapshotSchema,
  type StateChange,
  type StateSnapshot,
} from './state-changes.js';
import { terminalCommands, terminalEvents } from './terminal-contract.js';

const incidentRef = z.object({ key: z.string().min(1).max(600) });
const empty = z.object({}).strict();
const queuedAction = z.object({ actionId: z.string() });
const sourceWithSecrets = z.object({
  config: sourceConfigSchema,
  secrets: sourceSecretsSchema.optional(),
});

const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    summary: z.string(),
    identity: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const commands = {
  /**
   * The whole state with its change number: on load, and whenever a client missed a change.
   * The transports answer it from the same numbered feed that sends the changes.
   */
  getState: { request: empty, response: stateSnapshotSchema },
  // Actions answer once the outbox has written them down; their progress arrives as state.
  ack: { request: incidentRef, response: queuedAction },
  resolve: { request: incidentRef, response: queuedAction },
  act: { request: incidentRef.extend({ action: incidentActionSchema }), response: queuedAction },
  retryAction: { request: z.object({ id: z.string() }), response: z.object({}) },
  dismissAction: { request: z.object({ id: z.string() }), response: z.object({}) },
  /** The incident's history at its provider, read on demand (the detail opening, Refresh). */
  incidentTimeline: { request: incidentRef, response: incidentTimelineSchema },
  refresh: { request: z.object({ sourceId: z.string().optional() }), response: z.object({}) },
  addSource: { request: sourceWithSecrets, response: z.object({ id: z.string() }) },
  editSource: { request: sourceWithSecrets, response: z.object({ id: z.string() }) },
  removeSource: { request: z.object({ id: z.string() }), response: z.object({}) },
  testSource: { request: sourceWithSecrets, response: connectionTestResultSchema },
  updateSettings: {
    request: z
      .object({
        responderName: z.string().trim().min(1).max(80).optional(),
        alarmSound: z.enum(alarmSounds).optional(),
        fastLane: z.enum(fastLaneChoices).optional(),
        shiftReminderLeadMinutes: shiftReminderLeadSchema.optional(),
        ackShortcut: z.string().trim().min(1).max(60).optional(),
      })
      .refine((r) => Object.keys(r).length > 0, 'nothing to update'),
    response: z.object({}),
  },
  dismissNotice: { request: z.object({ id: z.string() }), response: z.object({}) },
  /** Mutes the alarm (and postpones takeovers) without acknowledging anything. */
  silenceAlarm: {
    request: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .optional(),
    }),
    response: z.object({}),
  },
  unsilenceAlarm: { request: empty, response: z.object({}) },
  /** Raises a practice page that climbs the whole ladder, to check sound and notifications. */
  sendTestPage: { request: empty, response: z.object({ key: z.string() }) },
  ...runbookCommands,
  ...terminalCommands,
  ...statusPageCommands,
  ...scheduleCommands,
  ...checksCommands,
} as const;

type Commands = typeof commands;
export type CommandName = keyof Commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type ParsedRequest<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;

export const events = {
  /** The whole state, numbered; the browser host sends one on connect. */
  stateSnapshot: stateSnapshotSchema,
  /** What changed since change `seq - 1`. */
  stateChange: stateChangeSchema,
  /** Show this incident: its notification or tray entry was clicked, or it is being escalated. */
  selectIncident: z.object({ key: z.string() }),
  ...runbookEvents,
  ...terminalEvents,
  ...scheduleEvents,
} as const;
type Events = typeof events;
export type EventName = keyof Events;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** `stateChange` is subscribed to as `onStateChange`. */
export type SubscriptionName<E extends EventName> = `on${Capitalize<E>}`;
export function subscriptionName<E extends EventName>(name: E): SubscriptionName<E> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as SubscriptionName<E>;
}

/** One subscription per event; each returns its own undo. */
export type EventSubscriptions = {
  [E in EventName as SubscriptionName<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

/** What the renderer talks to, whichever transport carries it; commands reject with a CommandError. */
export type OnwatchApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
} & EventSubscriptions;

/** getState is the transports' own: dispatchCommand answers it from `getSnapshot`. */
type HandledCommandName = Exclude<CommandName, 'getState'>;

/**
 * Who sent a command, as its transport knows: `viewer` names the window (or browser tab) for as
 * long as it is connected, so what it holds (a terminal's flow control) is its own.
 */
export interface Caller {
  viewer: string;
  transport: 'electron' | 'browser';
}

/**
 * What the core implements; requests arrive already validated. `caller` is absent for the main
 * side's own calls (the tray, the shortcut), which never use a terminal.
 */
export type CommandHandlers = {
  [K in HandledCommandName]: (
    request: ParsedRequest<K>,
    caller?: Caller,
  ) => Promise<CommandResponse<K>>;
};

/** The events a transport sends to one window rather than to all of them alike. */
export type ViewerEventName = Exclude<
  EventName,
  'stateSnapshot' | 'stateChange' | 'selectIncident'
>;
export type ViewerEventSink = <E extends ViewerEventName>(
  name: E,
  payload: EventPayload<E>,
) => void;

/** What a transport serves: the core's commands and its numbered state. */
export interface ContractServer {
  handlers: CommandHandlers;
  /** The state with the number of the last change it includes. */
  getSnapshot(): StateSnapshot;
  /** Numbered changes, in order, one per tick at most. */
  onStateChange(listener: (change: StateChange) => void): () => void;
  /** Something asked every window to show this incident. */
  onOpenIncident(listener: (key: string) => void): () => void;
  /**
   * A window connected: its own events (the terminals it attached to, runbook progress) go to
   * `send`. The undo is for when it closes or reloads: it lets go of everything it held.
   */
  connectViewer(caller: Caller, send: ViewerEventSink): () => void;
}

function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/**
 * Validates an untrusted command and payload, then runs it. Throws a CommandError whose data
 * the transport sends as is: `unknown-command`, `invalid-request` with the zod issues, or
 * whatever the handler threw.
 */
export async function dispatchCommand(
  server: Pick<ContractServer, 'handlers' | 'getSnapshot'>,
  name: unknown,
  payload: unknown,
  caller: Caller,
): Promise<unknown> {
  if (!isCommandName(name)) {
    const given = typeof name === 'string' ? quotedExcerpt(name) : typeof name;
    throw new CommandError({ code: 'unknown-command', message: `Unknown command ${given}` });
  }
  const parsed = commands[name].request.safeParse(payload ?? {});
  if (!parsed.success) throw invalidRequest(name, parsed.error.issues);
  if (name === 'getState') return server.getSnapshot();
  const handler = server.handlers[name] as (request: unknown, caller: Caller) => Promise<unknown>;
  return handler(parsed.data, caller);
}

function invalidRequest(name: CommandName, zodIssues: z.core.$ZodIssue[]): CommandError {
  const issues: CommandIssue[] = zodIssues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    // Some messages quote the input, e.g. every unrecognized key in full.
    message: excerpt(issue.message),
  }));
  const where = issues.map(({ path, message }) =>
    path.length > 0 ? `${path.join('.')}: ${message}` : message,
  );
  return new CommandError({
    code: 'invalid-request',
    message: `Invalid ${name} request (${where.join('; ')})`,
    issues,
  });
}
