import type * as icalGenerator from 'ical-generator';
import { onFirstUse } from '../on-first-use.js';

/**
 * An iCalendar (RFC 5545) file of shifts, written by ical-generator: one VCALENDAR of VEVENTs
 * in UTC, CRLF line ends, folded at 75 octets between UTF-8 sequences, TEXT escaped. What the
 * library leaves to its caller is done here: provider text loses the control characters TEXT
 * may not carry, the calendar's name is escaped (ical-generator writes NAME and X-WR-CALNAME
 * as given, so a schedule named "a\r\nEND:VCALENDAR" would otherwise end the file), and the
 * last line gets its CRLF.
 */

const crlf = '\r\n';
/** Loaded with the first calendar written: most sessions never export one. */
const icalPackage = onFirstUse<typeof icalGenerator>('ical-generator');

export interface CalendarEvent {
  uid: string;
  /** Last revision of this event (UTC). */
  stamp: number;
  start: number;
  /** Exclusive. */
  end: number;
  summary: string;
  description?: string;
  categories?: string[];
}

export interface Calendar {
  /** `//Company//Product//LANG`; the file says `-//…` (not registered with ISO 9070). */
  prodId: string;
  name?: string;
  events: CalendarEvent[];
}

/** Line breaks stay (they become `\n`); every other control character goes. */
function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** TEXT escaping (§3.3.11), for the values ical-generator writes verbatim. */
function escapedText(text: string): string {
  return plainText(text)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

function instant(ms: number, what: string): Date {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a finite instant`);
  return new Date(ms);
}

/** The whole calendar as an `.ics` body: CRLF line ends, folded, UTF-8 when encoded. */
export function serializeCalendar(calendar: Calendar): string {
  const { default: ical, ICalEventTransparency } = icalPackage();
  const file = ical({ prodId: calendar.prodId, scale: 'gregorian' });
  if (calendar.name) file.name(escapedText(calendar.name));
  for (const event of calendar.events) {
    if (!(event.end > event.start)) {
      throw new RangeError(`event ${event.uid} must end after it starts`);
    }
    file.createEvent({
      id: plainText(event.uid),
      stamp: instant(event.stamp, `the stamp of ${event.uid}`),
      // No timezone given: ical-generator writes Date values in UTC (`…Z`), never with TZID.
      start: instant(event.start, `the start of ${event.uid}`),
      end: instant(event.end, `the end of ${event.uid}`),
      summary: plainText(event.summary),
      ...(event.description ? { description: plainText(event.description) } : {}),
      ...(event.categories?.length
        ? { categories: event.categories.map((name) => ({ name: plainText(name) })) }
        : {}),
      // A shift is time the responder is busy, whatever the calendar's default says.
      transparency: ICalEventTransparency.OPAQUE,
    });
  }
  return `${file.toString()}${crlf}`;
}
