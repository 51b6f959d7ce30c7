import type { TimelineEntry } from '../../common/model/incident-timeline.js';
import type { IncidentNote, SourceTimeline } from './source.js';
import {
  oldestFirst,
  partialReason,
  plainText,
  plural,
  settle,
  unreadReason,
} from './timeline-entries.js';

/** One page of a provider's incident log, not yet read entry by entry. */
interface LogPage {
  entries: readonly unknown[];
  /** The provider has older entries than this page. */
  more: boolean;
}

export interface LogWithNotes {
  provider: string;
  /** What the log is called in a sentence ("log entries"), and one of its entries. */
  log: { what: string; one: string; many: string };
  readLog(): Promise<LogPage>;
  /** One entry, or undefined for one that cannot be read: it is counted, never fatal. */
  toEntry(raw: unknown): TimelineEntry | undefined;
  readNotes(): Promise<IncidentNote[]>;
}

/**
 * A provider's log and its notes, read side by side. A note appears once, in its own words
 * from the notes endpoint; only when those are refused do the log's note entries stand in.
 * Either one refused leaves the other shown, marked partial; throws only when both fail.
 */
export async function logWithNotes(source: LogWithNotes): Promise<SourceTimeline> {
  const [log, notes] = await Promise.all([settle(source.readLog()), settle(source.readNotes())]);
  if (!log.ok && !notes.ok) throw log.error;
  const entries: TimelineEntry[] = [];
  const unread: string[] = [];
  if (log.ok) {
    let odd = 0;
    for (const raw of log.value.entries) {
      const entry = source.toEntry(raw);
      if (!entry) odd++;
      else if (!(notes.ok && entry.kind === 'note')) entries.push(entry);
    }
    const { one, many } = source.log;
    if (odd > 0) unread.push(`${plural(odd, one, many)} could not be read`);
    if (log.value.more) {
      unread.push(`only one page of ${many} (${log.value.entries.length}) was read`);
    }
  } else {
    unread.push(unreadReason(source.provider, source.log.what, log.error));
  }
  if (notes.ok) {
    for (const note of notes.value) {
      if (!note.createdAt) continue;
      entries.push({
        at: note.createdAt,
        kind: 'note',
        text: plainText(note.content),
        ...(note.author && { by: note.author }),
      });
    }
  } else {
    unread.push(unreadReason(source.provider, 'notes', notes.error));
  }
  return {
    entries: oldestFirst(entries),
    ...(unread.length > 0 && { partial: partialReason(unread) }),
  };
}
