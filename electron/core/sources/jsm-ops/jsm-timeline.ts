import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { alertLogKind } from '../alert-log-kinds.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';
import { plainText } from '../timeline-entries.js';

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
  if (!parsed.success || !parsed.data.log.trim()) return undefined;
  const { log, logType, owner, logTime } = parsed.data;
  return {
    at: logTime,
    kind: alertLogKind(log, logType),
    text: plainText(log),
    ...(owner?.trim() && { by: plainText(owner) }),
  };
}
