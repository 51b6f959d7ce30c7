import type { TimelineEntry } from '../../common/model/incident-timeline.js';
import { plainText } from './timeline-entries.js';

/**
 * Opsgenie and its successor JSM Operations write their alert logs as sentences ("Alert
 * acknowledged via Web", "Alert closed by …"), typed only as system, recipient or action: the
 * kind is read from the words, first match wins.
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

/** A log line's kind; a recipient line is a notification whatever its words. */
function alertLogKind(log: string, type: string | undefined): TimelineEntry['kind'] {
  if (type === 'alertRecipient') return 'notified';
  return kindPatterns.find(([pattern]) => pattern.test(log))?.[1] ?? 'other';
}

/** One alert log line, as either provider names its fields. */
interface AlertLogLine {
  log: string;
  type?: string;
  owner?: string;
  at: string;
}

/** A log line as a timeline entry, or undefined for an empty one. */
export function alertLogEntry({ log, type, owner, at }: AlertLogLine): TimelineEntry | undefined {
  if (!log.trim()) return undefined;
  return {
    at,
    kind: alertLogKind(log, type),
    text: plainText(log),
    ...(owner?.trim() && { by: plainText(owner) }),
  };
}
