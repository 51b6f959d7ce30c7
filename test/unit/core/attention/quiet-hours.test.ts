import { describe, expect, it } from 'vitest';
import {
  inQuietHours,
  localTimeOfDay,
  quietHoursEndAfter,
} from '../../../../electron/core/attention/quiet-hours.js';

const overnight = { enabled: true, start: '22:00', end: '07:00' };
const daytime = { enabled: true, start: '12:00', end: '13:30' };
const utc = (text: string) => Date.parse(`${text}Z`);

describe('quiet hours', () => {
  it('reads the wall clock of the given zone', () => {
    expect(localTimeOfDay(utc('2026-11-22T23:30:15.250'), 'UTC')).toBe(
      ((23 * 60 + 30) * 60 + 15) * 1000 + 250,
    );
    // Berlin is an hour ahead in winter.
    expect(localTimeOfDay(utc('2026-11-22T23:30:00'), 'Europe/Berlin')).toBe(30 * 60_000);
  });

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

  it('never apply when disabled', () => {
    expect(inQuietHours({ ...overnight, enabled: false }, utc('2026-11-23T03:00:00'), 'UTC')).toBe(
      false,
    );
  });

  it('are local time', () => {
    // 21:30 UTC is 22:30 in Berlin.
    expect(inQuietHours(overnight, utc('2026-11-22T21:30:00'), 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(overnight, utc('2026-11-22T21:30:00'), 'UTC')).toBe(false);
  });

  it('end at the next moment the local clock reads their end', () => {
    expect(quietHoursEndAfter(overnight, utc('2026-11-22T23:00:00.500'), 'UTC')).toBe(
      utc('2026-11-23T07:00:00'),
    );
    expect(quietHoursEndAfter(overnight, utc('2026-11-23T03:00:00'), 'Europe/Berlin')).toBe(
      utc('2026-11-23T06:00:00'),
    );
  });

  it('end on time across a daylight-saving change', () => {
    // Berlin springs forward at 02:00 on 2026-03-29 and falls back at 03:00 on 2026-10-25.
    expect(quietHoursEndAfter(overnight, utc('2026-03-28T22:00:00'), 'Europe/Berlin')).toBe(
      utc('2026-03-29T05:00:00'),
    );
    expect(quietHoursEndAfter(overnight, utc('2026-10-24T21:00:00'), 'Europe/Berlin')).toBe(
      utc('2026-10-25T06:00:00'),
    );
  });
});
