import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { alertLogEntry } from '../alert-log-kinds.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';

/** One page of the alert's log, the most JSM gives at once. */
export const alertLogsQuery = { size: '100' };

export const alertLogPageSchema = z.object({
  values: z.array(z.unknown()),
  links: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

const alertLogSchema = z.object({
  log: z.string(),
  logType: optionalPart(z.string()),
  owner: optionalPart(z.string()),
  logTime: timestampSchema,
});

/** One log line as a timeline entry, or undefined for one that cannot be read. */
export function jsmLogToTimeline(raw: unknown): TimelineEntry | undefined {
  const parsed = alertLogSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { log, logType, owner, logTime } = parsed.data;
  return alertLogEntry({ log, type: logType, owner, at: logTime });
}
