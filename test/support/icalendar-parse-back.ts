import ICAL from 'ical.js';

/**
 * Reads an `.ics` back with Mozilla's parser (ical.js), as a calendar client would. ical.js is
 * lenient (it takes LF-only files, no UID, a TZID without VTIMEZONE), so this proves the file
 * means what we meant; icalendar-reader.ts proves the framing RFC 5545 asks for.
 * It does not know NAME (RFC 7986) and leaves it escaped, so the calendar's name is checked
 * with icalendar-reader.ts only.
 */
interface ParsedEvent {
  uid: string;
  summary: string;
  description: string | undefined;
  categories: string[];
  start: number;
  end: number;
  stamp: number;
  /** Every date-time of the event is UTC, none carries a TZID. */
  allUtc: boolean;
}

export interface ParsedCalendar {
  prodId: string | undefined;
  version: string | undefined;
  events: ParsedEvent[];
}

export function parseBack(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const text_ = (component: ICAL.Component, name: string) => {
    const value = component.getFirstPropertyValue(name);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    prodId: text_(calendar, 'prodid'),
    version: text_(calendar, 'version'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      const times = ['dtstart', 'dtend', 'dtstamp'].map((name) => {
        const property = vevent.getFirstProperty(name);
        if (!property) throw new Error(`the event ${event.uid} has no ${name}`);
        return { property, time: property.getFirstValue() as ICAL.Time };
      });
      const [start, end, stamp] = times.map(({ time }) => time.toJSDate().getTime()) as [
        number,
        number,
        number,
      ];
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description ?? undefined,
        categories: vevent
          .getAllProperties('categories')
          .flatMap((property) => property.getValues() as string[]),
        start,
        end,
        stamp,
        allUtc: times.every(
          ({ property, time }) => !property.getParameter('tzid') && time.zone?.tzid === 'UTC',
        ),
      };
    }),
  };
}
