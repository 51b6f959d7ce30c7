/**
 * The runbooks' part of the contract: which runbook answers an incident, the runbook filled in
 * for it, the responder's progress through it, its transcript, and the settings behind them.
 */
import { z } from 'zod';
import { maxNoteChars } from '../model/action.js';
import {
  renderedRunbookSchema,
  runbookMatchSchema,
  runbookProblemSchema,
  runbookSummarySchema,
} from '../model/runbook.js';
import { runbookProgressSchema } from '../model/runbook-progress.js';

const incidentKey = z.string().min(1).max(600);
const runbookId = z.string().min(1).max(200);
const ofRunbook = z.object({ key: incidentKey, runbookId });

const folderStatusSchema = z.object({
  path: z.string(),
  origin: z.enum(['user', 'shipped']),
  state: z.enum(['ok', 'missing', 'unreadable']),
  message: z.string().optional(),
  files: z.number().int(),
});

const absolutePath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((path) => /^(\/|[A-Za-z]:[\\/]|~(\/|$))/.test(path), 'an absolute path (or one from ~)');

/** A folder of runbooks; `repo` (`owner/name`) when it is a clone whose GitHub links resolve here. */
export const runbookFolderSettingSchema = z.object({
  path: absolutePath,
  repo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name, as on GitHub')
    .optional(),
});

export const terminalSettingsSchema = z.object({
  /** A path, or a name on PATH; $SHELL when unset. */
  shell: z.string().trim().min(1).max(1000).optional(),
  /** Where the free terminal starts; the home folder when unset. */
  workingDirectory: absolutePath.optional(),
  /** Each incident's terminal starts in its own folder under this one, made on first use. */
  incidentDirectory: absolutePath.optional(),
});

/** Whether the transcript goes to the incident as a note, or only into the local copy. */
const transcriptDeliverySchema = z.enum(['note', 'local']);

export const runbookCommands = {
  /** Every runbook loaded, every file that did not load and why, and the folders read. */
  listRunbooks: {
    request: z.object({}).strict(),
    response: z.object({
      runbooks: z.array(runbookSummarySchema),
      problems: z.array(runbookProblemSchema),
      folders: z.array(folderStatusSchema),
      /** Where "Create a runbook for this alert" writes. */
      draftFolder: z.string().optional(),
    }),
  },
  matchRunbooks: { request: z.object({ key: incidentKey }), response: runbookMatchSchema },
  renderRunbook: {
    request: ofRunbook,
    response: z.object({
      runbook: renderedRunbookSchema,
      progress: runbookProgressSchema,
      /** The runbook's `requires` not found on PATH. */
      missingTools: z.array(z.string()),
    }),
  },
  /** Writes the prefilled draft for an alert nothing matched into the first runbook folder. */
  createRunbookDraft: {
    request: z.object({ key: incidentKey }),
    response: z.object({ path: z.string() }),
  },
  tickChecklistItem: {
    request: ofRunbook.extend({
      step: z.string().min(1).max(200),
      itemId: z.string().min(1).max(200),
      ticked: z.boolean(),
    }),
    response: runbookProgressSchema,
  },
  /** The note the steps run so far would make, and where it would go. */
  previewTranscript: {
    request: ofRunbook,
    response: z.object({
      text: z.string(),
      /** Outputs were cut to fit the note; the local copy has them whole. */
      shortened: z.boolean(),
      steps: z.number().int(),
      delivery: transcriptDeliverySchema,
      /** Where it goes, in words: "as a note on PagerDuty incident …" or why only locally. */
      explanation: z.string(),
    }),
  },
  /**
   * Saves the full transcript in the data folder and sends `text` (as edited) as a note through
   * the outbox where the incident's source takes notes; the same text is sent only once.
   */
  postTranscript: {
    request: ofRunbook.extend({ text: z.string().trim().min(1).max(maxNoteChars) }),
    response: z.object({
      delivery: transcriptDeliverySchema,
      actionId: z.string().optional(),
      savedTo: z.string(),
      alreadyPosted: z.boolean(),
    }),
  },
  updateRunbookSettings: {
    request: z
      .object({
        folders: z.array(runbookFolderSettingSchema).max(50).optional(),
        terminal: terminalSettingsSchema.optional(),
        /** Terminals in the browser host: changeable only from the desktop app. */
        terminalInBrowser: z.boolean().optional(),
      })
      .strict()
      .refine((r) => Object.keys(r).length > 0, 'nothing to update'),
    response: z.object({}),
  },
} as const;

export const runbookEvents = {
  /** Progress through a runbook changed (a step ran or ended, an item was ticked). */
  runbookProgress: ofRunbook.extend({ progress: runbookProgressSchema }),
  /** Runbook files were added, edited or removed: what matched or rendered may differ now. */
  runbooksChanged: z.object({}),
} as const;
