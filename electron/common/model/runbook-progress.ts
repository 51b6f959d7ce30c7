import { z } from 'zod';

/** How a step went the last time it ran, and how often it ran, for one incident. */
const stepProgressSchema = z.object({
  runs: z.number().int().min(0),
  /** `unknown`: the shell gives no end marks, so neither the end nor the exit code is known. */
  state: z.enum(['running', 'finished', 'unknown']),
  exitCode: z.number().int().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

/** A transcript sent (or kept) once; `hash` is of the text, so the same text is never sent twice. */
const postedTranscriptSchema = z.object({
  hash: z.string(),
  at: z.string(),
  delivery: z.enum(['note', 'local']),
  actionId: z.string().optional(),
});
export type PostedTranscript = z.infer<typeof postedTranscriptSchema>;

/**
 * Where the responder is in one runbook for one incident: kept by Onwatch across restarts,
 * never written into the runbook file.
 */
export const runbookProgressSchema = z.object({
  /** By step name. */
  steps: z.record(z.string(), stepProgressSchema),
  /** Ticked checklist items, each as `<step name>/<item id>`. */
  ticked: z.array(z.string()),
  transcripts: z.array(postedTranscriptSchema),
});
export type RunbookProgress = z.infer<typeof runbookProgressSchema>;

export const emptyProgress = (): RunbookProgress => ({ steps: {}, ticked: [], transcripts: [] });

/** The key of a checklist item in `ticked`. */
export function checklistKey(step: string, itemId: string): string {
  return `${step}/${itemId}`;
}
