import { describe, expect, it } from 'vitest';
import {
  formatDayTime,
  formatDuration,
  formatShiftRange,
  formatWhen,
  shiftDuration,
} from '../../../renderer/features/schedule/schedule-format.js';

// Local-time constructors keep these independent of the machine's time zone.
const local = (d: number, h: number, m = 0) => new Date(2025, 2, d, h, m).toISOString();
const now = new Date(2025, 2, 4, 10, 0).getTime();

describe('formatDayTime and formatWhen', () => {
  it('names the weekday, day and month in local time', () => {
    expect(formatDayTime(local(4, 9))).toBe('Tue 4 Mar 09:00');
    expect(formatDayTime('garbage')).toBe('—');
  });

  it('drops the day when it is today', () => {
    expect(formatWhen(local(4, 18), now)).toBe('18:00');
    expect(formatWhen(local(5, 9, 30), now)).toBe('Wed 5 Mar 09:30');
  });
});

describe('formatShiftRange', () => {
  it('repeats the day only when the shift crosses midnight', () => {
    expect(formatShiftRange(local(4, 9), local(4, 17))).toBe('Tue 4 Mar 09:00 – 17:00');
    expect(formatShiftRange(local(4, 9), local(5, 9))).toBe('Tue 4 Mar 09:00 – Wed 5 Mar 09:00');
  });

  it('says "onwards" for a shift without an end', () => {
    expect(formatShiftRange(local(4, 9), undefined)).toBe('Tue 4 Mar 09:00 onwards');
  });
});

describe('formatDuration', () => {
  it.each([
    [45, '45 min'],
    [8 * 60, '8 h'],
    [8 * 60 + 30, '8 h 30 min'],
    [24 * 60, '1 d'],
    [36 * 60 + 20, '1 d 12 h'],
    [-5, '0 min'],
  ])('%i minutes → %s', (minutes, expected) => {
    expect(formatDuration(minutes * 60_000)).toBe(expected);
  });

  it('measures a shift, or says nothing when it has no end', () => {
    expect(shiftDuration(local(4, 9), local(4, 21))).toBe('12 h');
    expect(shiftDuration(local(4, 9), undefined)).toBeNull();
  });
});
