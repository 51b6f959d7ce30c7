import { z } from 'zod';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import type { Query } from './pagerduty-client.js';
import { optionalPart } from '../lenient-schemas.js';
import { timestampSchema } from '../provider-time.js';
import type { IncidentNote, SourceTimeline } from '../source.js';
import {
  oldestFirst,
  partialReason,
  plainText,
  plural,
  settle,
  unreadReason,
} from '../timeline-entries.js';

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
type LogEntryPage = z.infer<typeof logEntryPageSchema>;

const logEntrySchema = z.object({
  type: z.string(),
  created_at: timestampSchema,
  summary: optionalPart(z.string()),
  agent: optionalPart(z.object({ summary: optionalPart(z.string()) })),
  channel: optionalPart(
    z.object({ summary: optionalPart(z.string()), type: optionalPart(z.string()) }),
  ),
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

function noteEntry(note: IncidentNote): TimelineEntry | undefined {
  if (!note.createdAt) return undefined;
  return {
    at: note.createdAt,
    kind: 'note',
    text: plainText(note.content),
    ...(note.author && { by: note.author }),
  };
}

/**
 * The log entries and the notes together. A note appears once: with its own words from the
 * notes endpoint, whose annotate entries are then dropped; only when the notes are refused do
 * the log's annotate entries stand in for them. Throws only when neither could be read.
 */
export async function pagerDutyTimeline(
  readLog: () => Promise<LogEntryPage>,
  readNotes: () => Promise<IncidentNote[]>,
): Promise<SourceTimeline> {
  const [log, notes] = await Promise.all([settle(readLog()), settle(readNotes())]);
  if (!log.ok && !notes.ok) throw log.error;
  const entries: TimelineEntry[] = [];
  const unread: string[] = [];
  if (log.ok) {
    let odd = 0;
    for (const raw of log.value.log_entries) {
      const entry = logEntryToTimeline(raw);
      if (!entry) odd++;
      else if (!(notes.ok && entry.kind === 'note')) entries.push(entry);
    }
    if (odd > 0) unread.push(`${plural(odd, 'log entry', 'log entries')} could not be read`);
    if (log.value.more)
      unread.push(`only the newest ${log.value.log_entries.length} log entries were read`);
  } else {
    unread.push(unreadReason('PagerDuty', 'log entries', log.error));
  }
  if (notes.ok) {
    for (const note of notes.value) {
      const entry = noteEntry(note);
      if (entry) entries.push(entry);
    }
  } else {
    unread.push(unreadReason('PagerDuty', 'notes', notes.error));
  }
  return {
    entries: oldestFirst(entries),
    ...(unread.length > 0 && { partial: partialReason(unread) }),
  };
}
