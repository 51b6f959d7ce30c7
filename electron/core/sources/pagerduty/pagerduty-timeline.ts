import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import type { Query } from './pagerduty-client.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';
import { plainText } from '../timeline-entries.js';

/**
 * An incident's log as PagerDuty keeps it: the overview (its most important changes), one
 * page of the most PagerDuty gives at once. Entries are read one by one: an odd one is left
 * out, never the reason the timeline is not shown.
 */
export const logEntriesQuery: Query = [
  ['is_overview', true],
  ['limit', 100],
];

export const logEntryPageSchema = z.object({
  log_entries: z.array(z.unknown()),
  more: optionalPart(z.boolean()),
});

const logEntrySchema = z.object({
  type: z.string(),
  created_at: timestampSchema,
  summary: optionalPart(z.string()),
  agent: optionalPart(z.object({ summary: optionalPart(z.string()) })),
});

const kinds: Record<string, TimelineEntry['kind']> = {
  trigger_log_entry: 'opened',
  notify_log_entry: 'notified',
  acknowledge_log_entry: 'acknowledged',
  unacknowledge_log_entry: 'unacknowledged',
  escalate_log_entry: 'escalated',
  assign_log_entry: 'assigned',
  delegate_log_entry: 'assigned',
  snooze_log_entry: 'snoozed',
  resolve_log_entry: 'resolved',
  annotate_log_entry: 'note',
};

/** One log entry as a timeline entry, or undefined for one that cannot be read. */
export function logEntryToTimeline(raw: unknown): TimelineEntry | undefined {
  const parsed = logEntrySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { type, created_at: at, summary, agent } = parsed.data;
  const text = plainText(summary ?? type.replace(/_log_entry$/, '').replace(/_/g, ' '));
  return {
    at,
    kind: kinds[type] ?? 'other',
    text,
    ...(agent?.summary?.trim() && { by: plainText(agent.summary) }),
  };
}
