import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';
import { plainText } from '../timeline-entries.js';

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

/**
 * Opsgenie's log lines are sentences ("Alert acknowledged via Web", "Alert closed by …"), typed
 * only as system, recipient or action: the kind is read from the words, first match wins.
 */
const kindPatterns: [RegExp, TimelineEntry['kind']][] = [
  [/\bunacknowledged?\b/i, 'unacknowledged'],
  [/\backnowledged?\b/i, 'acknowledged'],
  [/\bcreated\b/i, 'opened'],
  [/\bescalat/i, 'escalated'],
  [/\b(assigned|ownership|taken over)\b/i, 'assigned'],
  [/\bsnooz/i, 'snoozed'],
  [/\bclosed?\b/i, 'resolved'],
  [/\bnote\b/i, 'note'],
  [/\b(notified|notification|sent to|delivered)\b/i, 'notified'],
];

function kindOf(log: string, type: string | undefined): TimelineEntry['kind'] {
  if (type === 'alertRecipient') return 'notified';
  return kindPatterns.find(([pattern]) => pattern.test(log))?.[1] ?? 'other';
}

/** One log line as a timeline entry, or undefined for one that cannot be read. */
export function alertLogToTimeline(raw: unknown): TimelineEntry | undefined {
  const parsed = alertLogSchema.safeParse(raw);
  if (!parsed.success || !parsed.data.log.trim()) return undefined;
  const { log, type, owner, createdAt } = parsed.data;
  return {
    at: createdAt,
    kind: kindOf(log, type),
    text: plainText(log),
    ...(owner?.trim() && { by: plainText(owner) }),
  };
}
