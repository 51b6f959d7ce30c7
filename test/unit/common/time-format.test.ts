import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatDayTime,
  formatDuration,
  formatUpcoming,
  formatWait,
  formatWhen,
  isSameLocalDay,
  wallTime,
} from '../../../electron/common/time-format.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const utc = (text: string) => Date.parse(`${text}Z`);

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [45 * minute, '45 min'],
    [8 * hour, '8 h'],
    [8 * hour + 30 * minute, '8 h 30 min'],
    [day, '1 d'],
    [36 * hour + 20 * minute, '1 d 12 h'],
    [-5 * minute, '0 min'],
    [Number.NaN, '0 min'],
  ])('%i ms is %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('carries rounding into the larger unit', () => {
    expect(formatDuration(59 * minute + 40 * second)).toBe('1 h');
    expect(formatDuration(day - 20 * second)).toBe('1 d');
  });

  it('writes seconds when asked, and rounds as asked', () => {
    const style = { smallest: 'second' } as const;
    expect(formatDuration(40 * second, style)).toBe('40 s');
    expect(formatDuration(90 * second, style)).toBe('1 min 30 s');
    expect(formatDuration(2_001, { ...style, rounding: 'ceil' })).toBe('3 s');
    expect(formatWait(1)).toBe('1 s');
    expect(formatWait(90_000)).toBe('1 min 30 s');
    expect(formatDuration(4 * minute + 59 * second, { rounding: 'floor' })).toBe('4 min');
  });

  it('writes a single unit when asked', () => {
    expect(formatDuration(14 * hour + 25 * minute, { units: 1, rounding: 'floor' })).toBe('14 h');
    expect(formatDuration(50 * hour, { units: 1, rounding: 'floor' })).toBe('2 d');
  });
});

describe('wall time', () => {
  it('reads the clock and calendar of the given zone', () => {
    const at = utc('2026-11-22T23:30:00');
    expect(wallTime(at, 'UTC')).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      weekday: 0,
      hour: 23,
      minute: 30,
    });
    // Berlin is an hour ahead in winter, so already Monday.
    expect(wallTime(at, 'Europe/Berlin')).toMatchObject({ day: 23, weekday: 1, hour: 0 });
  });

  it("reads the system's zone the same as that zone named", () => {
    const systemZone = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
        process.env.TZ = zone;
        // Around New York's spring-forward and fall-back days, and an ordinary one.
        for (const iso of ['2026-03-08T06:59:00', '2026-03-08T07:01:00', '2026-11-01T05:30:00']) {
          expect(wallTime(utc(iso)), `${iso} in ${zone}`).toEqual(wallTime(utc(iso), zone));
        }
      }
    } finally {
      if (systemZone === undefined) delete process.env.TZ;
      else process.env.TZ = systemZone;
    }
  });

  it('writes midnight as 00:00, never 24:00', () => {
    expect(formatClockTime(utc('2026-11-23T00:05:00'), 'UTC')).toBe('00:05');
  });

  it('names the day in English whatever the locale', () => {
    expect(formatDayTime(utc('2025-03-04T09:00:00'), 'UTC')).toBe('Tue 4 Mar 09:00');
  });

  it('compares days on the local calendar', () => {
    const late = utc('2026-11-22T22:30:00');
    const later = utc('2026-11-22T23:30:00');
    expect(isSameLocalDay(late, later, 'UTC')).toBe(true);
    expect(isSameLocalDay(late, later, 'Europe/Berlin')).toBe(false);
  });
});

describe('formatWhen and formatUpcoming', () => {
  const now = utc('2025-03-04T10:00:00');

  it('gives only the time today, the day otherwise, and the year when it differs', () => {
    expect(formatWhen(utc('2025-03-04T18:00:00'), now, 'UTC')).toBe('18:00');
    expect(formatWhen(utc('2025-03-05T09:30:00'), now, 'UTC')).toBe('Wed 5 Mar 09:30');
    expect(formatWhen(utc('2024-12-31T23:00:00'), now, 'UTC')).toBe('Tue 31 Dec 2024 23:00');
  });

  it('gives only the time for the coming 24 hours, across midnight too', () => {
    const lateEvening = utc('2025-03-01T23:00:00');
    expect(formatUpcoming(utc('2025-03-02T07:00:00'), lateEvening, 'UTC')).toBe('07:00');
    expect(formatUpcoming(utc('2025-03-02T23:00:00'), lateEvening, 'UTC')).toBe('Sun 2 Mar 23:00');
    expect(formatUpcoming(utc('2025-03-01T22:00:00'), lateEvening, 'UTC')).toBe('22:00');
  });
});
