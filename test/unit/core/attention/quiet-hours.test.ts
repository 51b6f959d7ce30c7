import { describe, expect, it } from 'vitest';
import {
  inQuietHours,
  quietHoursEndAfter,
} from '../../../../electron/core/attention/quiet-hours.js';

const overnight = { enabled: true, start: '22:00', end: '07:00' };
const daytime = { enabled: true, start: '12:00', end: '13:30' };
const utc = (text: string) => Date.parse(`${text}Z`);
const minute = 60_000;

describe('quiet hours', () => {
  it('span midnight when they start later than they end', () => {
    expect(inQuietHours(overnight, utc('2026-11-22T21:59:59'), 'UTC')).toBe(false);
    expect(inQuietHours(overnight, utc('2026-11-22T22:00:00'), 'UTC')).toBe(true);
    expect(inQuietHours(overnight, utc('2026-11-23T03:00:00'), 'UTC')).toBe(true);
    expect(inQuietHours(overnight, utc('2026-11-23T06:59:59'), 'UTC')).toBe(true);
    expect(inQuietHours(overnight, utc('2026-11-23T07:00:00'), 'UTC')).toBe(false);
  });

  it('also work within one day', () => {
    expect(inQuietHours(daytime, utc('2026-11-22T11:59:00'), 'UTC')).toBe(false);
    expect(inQuietHours(daytime, utc('2026-11-22T13:29:00'), 'UTC')).toBe(true);
    expect(inQuietHours(daytime, utc('2026-11-22T13:30:00'), 'UTC')).toBe(false);
  });

  it('last a whole day when they start when they end', () => {
    const always = { enabled: true, start: '07:00', end: '07:00' };
    expect(inQuietHours(always, utc('2026-11-22T06:59:00'), 'UTC')).toBe(true);
    expect(inQuietHours(always, utc('2026-11-22T07:00:00'), 'UTC')).toBe(true);
    expect(quietHoursEndAfter(always, utc('2026-11-22T07:00:00'), 'UTC')).toBe(
      utc('2026-11-23T07:00:00'),
    );
  });

  it('never apply when disabled', () => {
    expect(inQuietHours({ ...overnight, enabled: false }, utc('2026-11-23T03:00:00'), 'UTC')).toBe(
      false,
    );
  });

  it('are local time, in the system zone unless told', () => {
    // 21:30 UTC is 22:30 in Berlin; 11:30 UTC is 12:30 there.
    expect(inQuietHours(overnight, utc('2026-11-22T21:30:00'), 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(overnight, utc('2026-11-22T21:30:00'), 'UTC')).toBe(false);
    expect(inQuietHours(daytime, utc('2026-11-22T11:30:00'), 'Europe/Berlin')).toBe(true);
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const at of [utc('2026-11-22T21:30:00'), utc('2026-11-23T06:30:00')]) {
      expect(inQuietHours(overnight, at)).toBe(inQuietHours(overnight, at, system));
    }
  });

  it('end at the next moment the local clock reads their end', () => {
    expect(quietHoursEndAfter(overnight, utc('2026-11-22T23:00:00.500'), 'UTC')).toBe(
      utc('2026-11-23T07:00:00'),
    );
    expect(quietHoursEndAfter(overnight, utc('2026-11-23T03:00:00'), 'Europe/Berlin')).toBe(
      utc('2026-11-23T06:00:00'),
    );
    // Outside quiet hours, the end of the next window.
    expect(quietHoursEndAfter(overnight, utc('2026-11-23T12:00:00'), 'UTC')).toBe(
      utc('2026-11-24T07:00:00'),
    );
    expect(quietHoursEndAfter(daytime, utc('2026-11-22T14:00:00'), 'UTC')).toBe(
      utc('2026-11-23T13:30:00'),
    );
  });
});

/*
 * The clock changes of 2026: Berlin springs forward at 02:00 CET on 29 March (01:00 UTC) and
 * falls back at 03:00 CEST on 25 October (01:00 UTC); New York springs forward at 02:00 EST on
 * 8 March (07:00 UTC) and falls back at 02:00 EDT on 1 November (06:00 UTC).
 */
describe('quiet hours 22:00–07:00 across a daylight-saving change', () => {
  it.each([
    // zone, an instant that night, when 22:00 struck the evening before, when 07:00 strikes
    ['Europe/Berlin', '2026-03-29T00:30:00', '2026-03-28T21:00:00', '2026-03-29T05:00:00'],
    ['Europe/Berlin', '2026-10-25T01:30:00', '2026-10-24T20:00:00', '2026-10-25T06:00:00'],
    ['America/New_York', '2026-03-08T06:30:00', '2026-03-08T03:00:00', '2026-03-08T11:00:00'],
    ['America/New_York', '2026-11-01T06:30:00', '2026-11-01T02:00:00', '2026-11-01T12:00:00'],
  ])('in %s around %s start and end on the real instants', (zone, during, start, end) => {
    expect(inQuietHours(overnight, utc(during), zone)).toBe(true);
    expect(inQuietHours(overnight, utc(start) - 1, zone)).toBe(false);
    expect(inQuietHours(overnight, utc(start), zone)).toBe(true);
    expect(inQuietHours(overnight, utc(end) - 1, zone)).toBe(true);
    expect(inQuietHours(overnight, utc(end), zone)).toBe(false);
    expect(quietHoursEndAfter(overnight, utc(during), zone)).toBe(utc(end));
    expect(quietHoursEndAfter(overnight, utc(start), zone)).toBe(utc(end));
  });
});

describe('a boundary in the hour the clocks skip or repeat', () => {
  const endsInGap = { enabled: true, start: '22:00', end: '02:30' };
  const startsInGap = { enabled: true, start: '02:30', end: '07:00' };

  it('falls at the jump when the clock skips it', () => {
    // Berlin, 29 March: the clock goes from 01:59 CET to 03:00 CEST at 01:00 UTC.
    const jump = utc('2026-03-29T01:00:00');
    expect(quietHoursEndAfter(endsInGap, utc('2026-03-28T22:00:00'), 'Europe/Berlin')).toBe(jump);
    expect(inQuietHours(endsInGap, jump - minute, 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(endsInGap, jump, 'Europe/Berlin')).toBe(false);
    expect(inQuietHours(startsInGap, jump - minute, 'Europe/Berlin')).toBe(false);
    expect(inQuietHours(startsInGap, jump, 'Europe/Berlin')).toBe(true);
    expect(quietHoursEndAfter(startsInGap, jump, 'Europe/Berlin')).toBe(utc('2026-03-29T05:00:00'));
    // New York, 8 March: from 01:59 EST to 03:00 EDT at 07:00 UTC.
    expect(quietHoursEndAfter(endsInGap, utc('2026-03-08T04:00:00'), 'America/New_York')).toBe(
      utc('2026-03-08T07:00:00'),
    );
  });

  it('is the first showing when the clock repeats it, and stays so', () => {
    // Berlin, 25 October: 02:30 shows at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    const first = utc('2026-10-25T00:30:00');
    const repeat = utc('2026-10-25T01:15:00'); // 02:15 on the clock, the second time
    expect(quietHoursEndAfter(endsInGap, utc('2026-10-24T21:00:00'), 'Europe/Berlin')).toBe(first);
    expect(inQuietHours(endsInGap, first - minute, 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(endsInGap, first, 'Europe/Berlin')).toBe(false);
    expect(inQuietHours(endsInGap, repeat, 'Europe/Berlin')).toBe(false);
    expect(inQuietHours(startsInGap, first - minute, 'Europe/Berlin')).toBe(false);
    expect(inQuietHours(startsInGap, first, 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(startsInGap, repeat, 'Europe/Berlin')).toBe(true);
    // New York, 1 November: 01:30 shows at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    const endsInRepeat = { enabled: true, start: '22:00', end: '01:30' };
    expect(quietHoursEndAfter(endsInRepeat, utc('2026-11-01T03:00:00'), 'America/New_York')).toBe(
      utc('2026-11-01T05:30:00'),
    );
    expect(inQuietHours(endsInRepeat, utc('2026-11-01T06:15:00'), 'America/New_York')).toBe(false);
  });

  it('ends exactly when inQuietHours turns false, every minute of a change night', () => {
    const windows = [
      overnight,
      endsInGap,
      startsInGap,
      { enabled: true, start: '01:30', end: '02:30' },
    ];
    const nights: [string, string][] = [
      ['Europe/Berlin', '2026-03-28T12:00:00'],
      ['Europe/Berlin', '2026-10-24T12:00:00'],
      ['America/New_York', '2026-03-07T18:00:00'],
      ['America/New_York', '2026-10-31T18:00:00'],
    ];
    for (const [zone, from] of nights) {
      for (const quiet of windows) {
        for (let at = utc(from); at < utc(from) + 24 * 60 * minute; at += 7 * minute) {
          if (!inQuietHours(quiet, at, zone)) continue;
          const end = quietHoursEndAfter(quiet, at, zone);
          expect(inQuietHours(quiet, end - 1, zone)).toBe(true);
          expect(inQuietHours(quiet, end, zone)).toBe(false);
        }
      }
    }
  });
});
