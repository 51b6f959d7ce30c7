/**
 * A small RFC 5545 writer: just what a calendar of shifts needs (one VCALENDAR of VEVENTs in
 * UTC). Every value that came from a provider is written as TEXT through `textValue`, so a
 * schedule named "a\r\nEND:VEVENT" stays one escaped property value.
 */

const crlf = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const maxLineOctets = 75;

/** A property of a component, e.g. `DTSTART:20260302T090000Z`. `value` is already encoded. */
interface ContentLine {
  name: string;
  value: string;
}

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
  prodId: string;
  name?: string;
  events: CalendarEvent[];
}

/**
 * TEXT escaping (§3.3.11): backslash, semicolon and comma are escaped, any line break becomes
 * `\n`. Other control characters are not allowed in a value at all, so they are dropped.
 */
export function textValue(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, '\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

/** A UTC date-time (§3.3.5 form 2): `20260302T090000Z`. */
export function utcDateTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('a calendar time must be a finite instant');
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Folds a line to at most 75 octets per physical line (§3.1): each continuation starts with a
 * space, which counts towards its 75. Splits fall between code points, never inside a UTF-8
 * sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? maxLineOctets : maxLineOctets - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${crlf} `);
}

function eventLines(event: CalendarEvent): ContentLine[] {
  if (!(event.end > event.start)) {
    throw new RangeError(`event ${event.uid} must end after it starts`);
  }
  const lines: ContentLine[] = [
    { name: 'BEGIN', value: 'VEVENT' },
    { name: 'UID', value: textValue(event.uid) },
    { name: 'DTSTAMP', value: utcDateTime(event.stamp) },
    { name: 'DTSTART', value: utcDateTime(event.start) },
    { name: 'DTEND', value: utcDateTime(event.end) },
    { name: 'SUMMARY', value: textValue(event.summary) },
  ];
  if (event.description) lines.push({ name: 'DESCRIPTION', value: textValue(event.description) });
  if (event.categories?.length) {
    lines.push({ name: 'CATEGORIES', value: event.categories.map(textValue).join(',') });
  }
  // A shift is time the responder is busy, whatever the calendar's default says.
  lines.push({ name: 'TRANSP', value: 'OPAQUE' }, { name: 'END', value: 'VEVENT' });
  return lines;
}

/** The whole calendar as an `.ics` body: CRLF line ends, folded, UTF-8 when encoded. */
export function serializeCalendar(calendar: Calendar): string {
  const lines: ContentLine[] = [
    { name: 'BEGIN', value: 'VCALENDAR' },
    { name: 'VERSION', value: '2.0' },
    { name: 'PRODID', value: textValue(calendar.prodId) },
    { name: 'CALSCALE', value: 'GREGORIAN' },
  ];
  if (calendar.name) {
    lines.push(
      { name: 'NAME', value: textValue(calendar.name) },
      { name: 'X-WR-CALNAME', value: textValue(calendar.name) },
    );
  }
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push({ name: 'END', value: 'VCALENDAR' });
  return lines.map(({ name, value }) => `${foldLine(`${name}:${value}`)}${crlf}`).join('');
}
