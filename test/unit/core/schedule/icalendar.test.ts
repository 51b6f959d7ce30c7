import { describe, expect, it } from 'vitest';
import {
  foldLine,
  serializeCalendar,
  textValue,
  utcDateTime,
} from '../../../../electron/core/schedule/icalendar.js';
import { prop, readCalendar, readUtc, unescapeText } from '../../../support/icalendar-reader.js';

const hour = 60 * 60_000;
const start = Date.UTC(2026, 2, 2, 9);

describe('iCalendar text values', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(textValue('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('drops control characters, which TEXT may not carry', () => {
    expect(textValue('bell\u0007 esc\u001b[31m tab\tok')).toBe('bell esc[31m tab\tok');
  });
});

describe('folding', () => {
  it('leaves a line of 75 octets alone and folds the 76th onto a space-led line', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('counts octets, not characters, and never splits a UTF-8 sequence', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(40)}${'🚨'.repeat(20)}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i === 0 ? l : l.slice(1)))
        .join(''),
    ).toBe(`SUMMARY:${'é'.repeat(40)}${'🚨'.repeat(20)}`);
  });
});

describe('serializeCalendar', () => {
  it('writes the required properties, CRLF line ends and UTC times', () => {
    const text = serializeCalendar({
      prodId: '-//Onwatch//Test//EN',
      events: [
        {
          uid: 'u1@onwatch',
          stamp: start - hour,
          start,
          end: start + 8 * hour,
          summary: 'On call',
        },
      ],
    });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const calendar = readCalendar(text);
    expect(calendar.name).toBe('VCALENDAR');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(prop(calendar, 'PRODID')).toBe('-//Onwatch//Test//EN');
    const [event] = calendar.children;
    expect(event?.name).toBe('VEVENT');
    expect(prop(event!, 'UID')).toBe('u1@onwatch');
    expect(prop(event!, 'DTSTAMP')).toBe('20260302T080000Z');
    expect(readUtc(prop(event!, 'DTSTART')!)).toBe(start);
    expect(readUtc(prop(event!, 'DTEND')!)).toBe(start + 8 * hour);
  });

  it('keeps hostile text inside its own property', () => {
    const hostile = 'Checkout\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil;x=1,y\\z';
    const calendar = readCalendar(
      serializeCalendar({
        prodId: 'p',
        name: hostile,
        events: [
          {
            uid: 'u',
            stamp: start,
            start,
            end: start + hour,
            summary: hostile,
            description: hostile,
          },
        ],
      }),
    );
    expect(calendar.children).toHaveLength(1);
    const event = calendar.children[0]!;
    expect(event.props.get('UID')).toEqual(['u']);
    expect(unescapeText(prop(event, 'SUMMARY')!)).toBe(hostile.replace(/\r\n/g, '\n'));
    expect(unescapeText(prop(calendar, 'NAME')!)).toBe(hostile.replace(/\r\n/g, '\n'));
  });

  it('refuses an event that does not end after it starts', () => {
    expect(() =>
      serializeCalendar({
        prodId: 'p',
        events: [{ uid: 'u', stamp: start, start, end: start, summary: 's' }],
      }),
    ).toThrow(/end after/);
  });

  it('formats UTC date-times without separators or milliseconds', () => {
    expect(utcDateTime(Date.UTC(2026, 11, 31, 23, 59, 58, 999))).toBe('20261231T235958Z');
    expect(() => utcDateTime(Number.NaN)).toThrow(RangeError);
  });
});
