import { describe, expect, it } from 'vitest';
import { serializeCalendar } from '../../../../electron/core/schedule/icalendar.js';
import { parseBack } from '../../../support/icalendar-parse-back.js';
import { prop, readCalendar, readUtc, unescapeText } from '../../../support/icalendar-reader.js';

const hour = 60 * 60_000;
const start = Date.UTC(2026, 2, 2, 9);

const oneEvent = (more: Partial<Parameters<typeof serializeCalendar>[0]['events'][0]> = {}) => ({
  uid: 'u1@onwatch',
  stamp: start - hour,
  start,
  end: start + 8 * hour,
  summary: 'On call',
  ...more,
});

describe('serializeCalendar (ical-generator)', () => {
  it('writes the required properties, CRLF line ends and UTC times', () => {
    const text = serializeCalendar({ prodId: '//Onwatch//Test//EN', events: [oneEvent()] });
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
    expect(prop(event!, 'TRANSP')).toBe('OPAQUE');
  });

  it('folds long lines at 75 octets, never inside a UTF-8 sequence, and ical.js reads them whole', () => {
    const summary = `On call: ${'é'.repeat(40)}${'🚨'.repeat(20)} ${'x'.repeat(90)}`;
    const text = serializeCalendar({
      prodId: '//Onwatch//Test//EN',
      events: [oneEvent({ summary, description: 'ü'.repeat(200) })],
    });
    // readCalendar refuses any physical line over 75 octets or one that splits a sequence.
    const event = readCalendar(text).children[0]!;
    expect(text.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    expect(unescapeText(prop(event, 'SUMMARY')!)).toBe(summary);
    const parsed = parseBack(text).events[0]!;
    expect(parsed.summary).toBe(summary);
    expect(parsed.description).toBe('ü'.repeat(200));
  });

  it('keeps hostile text inside its own property, the calendar name too', () => {
    const hostile = 'Checkout\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil;x=1,y\\z\u0007';
    const meant = 'Checkout\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil;x=1,y\\z';
    const text = serializeCalendar({
      prodId: '//Onwatch//Test//EN',
      name: hostile,
      events: [oneEvent({ summary: hostile, description: hostile, categories: [hostile] })],
    });
    const calendar = readCalendar(text);
    expect(calendar.children).toHaveLength(1);
    const event = calendar.children[0]!;
    expect(event.props.get('UID')).toEqual(['u1@onwatch']);
    expect(unescapeText(prop(event, 'SUMMARY')!)).toBe(meant);
    expect(unescapeText(prop(calendar, 'NAME')!)).toBe(meant);
    expect(unescapeText(prop(calendar, 'X-WR-CALNAME')!)).toBe(meant);

    const parsed = parseBack(text);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      uid: 'u1@onwatch',
      summary: meant,
      description: meant,
      categories: [meant],
    });
  });

  it('is read back by ical.js to the same instants, all in UTC', () => {
    const events = [
      oneEvent(),
      oneEvent({ uid: 'u2@onwatch', start: start + 8 * hour, end: start + 20 * hour }),
    ];
    const parsed = parseBack(serializeCalendar({ prodId: '//Onwatch//Test//EN', events }));
    expect(parsed.version).toBe('2.0');
    expect(parsed.prodId).toBe('-//Onwatch//Test//EN');
    expect(parsed.events.map((e) => [e.uid, e.start, e.end, e.stamp, e.allUtc])).toEqual(
      events.map((e) => [e.uid, e.start, e.end, e.stamp, true]),
    );
  });

  it('refuses an event that does not end after it starts, or a time that is no instant', () => {
    expect(() =>
      serializeCalendar({ prodId: '//a//b//EN', events: [oneEvent({ end: start })] }),
    ).toThrow(/end after/);
    expect(() =>
      serializeCalendar({ prodId: '//a//b//EN', events: [oneEvent({ stamp: Number.NaN })] }),
    ).toThrow(RangeError);
  });
});
