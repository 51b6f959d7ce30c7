import { describe, expect, it } from 'vitest';
import {
  formatDayTime,
  formatShiftRange,
  shiftDuration,
} from '../../../renderer/features/schedule/schedule-format.js';

// Local-time constructors keep these independent of the machine's time zone.
const local = (d: number, h: number, m = 0) => new Date(2025, 2, d, h, m).toISOString();

describe('formatDayTime', () => {
  it('names the weekday, day and month in local time', () => {
    expect(formatDayTime(local(4, 9))).toBe('Tue 4 Mar 09:00');
    expect(formatDayTime('garbage')).toBe('—');
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

describe('shiftDuration', () => {
  it('measures a shift, or says nothing when it has no end', () => {
    expect(shiftDuration(local(4, 9), local(4, 21))).toBe('12 h');
    expect(shiftDuration(local(4, 9), undefined)).toBeNull();
  });
});
