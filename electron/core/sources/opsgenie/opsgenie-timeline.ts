import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';
import { alertLogEntry } from '../alert-log-kinds.js';

/** The newest hundred log lines, one page: what a responder opening the alert wants first. */
export const alertLogsQuery = { limit: '100', order: 'desc' };

export const alertLogPageSchema = z.object({
  data: z.array(z.unknown()),
  paging: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

const alertLogSchema = z.object({
  log: z.string(),
  type: optionalPart(z.string()),
  owner: optionalPart(z.string()),
  createdAt: timestampSchema,
});

/** One log line as a timeline entry, or undefined for one that cannot be read. */
export function alertLogToTimeline(raw: unknown): TimelineEntry | undefined {
  const parsed = alertLogSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { createdAt, ...line } = parsed.data;
  return alertLogEntry({ ...line, at: createdAt });
}
