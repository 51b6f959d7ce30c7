import { z } from 'zod';

/** Where a runbook file came from: a folder the user listed, or the drill's own, shipped with the app. */
const runbookOriginSchema = z.enum(['user', 'shipped']);
export type RunbookOrigin = z.infer<typeof runbookOriginSchema>;

/** A file that did not load, with why; it never stops the others. */
export const runbookProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type RunbookProblem = z.infer<typeof runbookProblemSchema>;

/** One loaded runbook, as the Runbooks page lists it. */
export const runbookSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  path: z.string(),
  origin: runbookOriginSchema,
  steps: z.number().int(),
  /** Each `match` entry as written, matchers joined with commas. */
  match: z.array(z.string()),
  runbookUrls: z.array(z.string()),
});
export type RunbookSummary = z.infer<typeof runbookSummarySchema>;

/**
 * How a runbook was found for an incident, strongest first: its `runbook_urls` lists the
 * incident's link; the link names its file by path; a `match` entry fits the labels.
 */
const matchedViaSchema = z.enum(['runbook-url', 'url-path', 'match-rule']);

const runbookCandidateSchema = z.object({
  runbookId: z.string(),
  title: z.string(),
  path: z.string(),
  via: matchedViaSchema,
  /** What matched, for the panel: the link, or the matchers of the entry that fit. */
  rule: z.string(),
});
export type RunbookCandidate = z.infer<typeof runbookCandidateSchema>;

/** A new runbook file prefilled for an alert nothing matched. */
const runbookDraftSchema = z.object({ fileName: z.string(), markdown: z.string() });
export type RunbookDraft = z.infer<typeof runbookDraftSchema>;

/**
 * The runbooks for one incident. One candidate: open it. Several: equally strong, offered as a
 * choice. None: `runbookUrl` (http/https only) can open in the browser, and `draft` is offered.
 */
export const runbookMatchSchema = z.object({
  candidates: z.array(runbookCandidateSchema),
  runbookUrl: z.string().optional(),
  draft: runbookDraftSchema.optional(),
});
export type RunbookMatch = z.infer<typeof runbookMatchSchema>;

const checklistItemSchema = z.object({
  /** Stable while the item's text stays the same; the key for its ticked state per incident. */
  id: z.string(),
  text: z.string(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** A step filled in for one incident. */
const renderedStepSchema = z.object({
  name: z.string(),
  /** The heading the step sits under. */
  section: z.string().optional(),
  language: z.string(),
  /** 1-based line of the opening fence in the file. */
  line: z.number().int(),
  /** The command as written, placeholders and all. */
  template: z.string(),
  /** Ready to send to the terminal; absent while `blockedBy` says why it cannot be filled in. */
  command: z.string().optional(),
  blockedBy: z.array(z.string()),
  /** Why the step is dangerous (its mark, matched patterns); empty when it is not. */
  danger: z.array(z.string()),
  /** The value the responder must type before a dangerous step runs (`onwatch.confirm`). */
  confirmValue: z.string().optional(),
  inRunAll: z.boolean(),
  checklist: z.array(checklistItemSchema),
});
export type RenderedStep = z.infer<typeof renderedStepSchema>;

/**
 * The file in order: Markdown prose (placeholders left in, filled as text from `values` by the
 * renderer; `literal` prose is a code block shown as written) and steps by index.
 */
const runbookSegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('prose'), markdown: z.string(), literal: z.boolean() }),
  z.object({ kind: z.literal('step'), step: z.number().int() }),
]);
export type RunbookSegment = z.infer<typeof runbookSegmentSchema>;

const transcriptPolicySchema = z.enum(['ask', 'always', 'never']);
export type TranscriptPolicy = z.infer<typeof transcriptPolicySchema>;

export const renderedRunbookSchema = z.object({
  id: z.string(),
  title: z.string(),
  path: z.string(),
  origin: runbookOriginSchema,
  /** Runme's `shell` front-matter key: the shell the runbook's author wrote the steps for. */
  shell: z.string().optional(),
  segments: z.array(runbookSegmentSchema),
  steps: z.array(renderedStepSchema),
  /** Values of the placeholders the prose uses; a missing one is absent. */
  values: z.record(z.string(), z.string()),
  /** Exported into the step's terminal, so `$NAMESPACE`-style commands work unchanged. */
  env: z.record(z.string(), z.string()),
  /** Commands to find on PATH before the first run. */
  requires: z.array(z.string()),
  transcript: transcriptPolicySchema,
});
export type RenderedRunbook = z.infer<typeof renderedRunbookSchema>;
