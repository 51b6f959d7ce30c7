import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatUpcoming } from '../../../renderer/lib/format-time.js';

const now = Date.parse('2025-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const minute = 60_000;

describe('formatAge', () => {
  it.each([
    [0, '<1 min'],
    [59_000, '<1 min'],
    [4 * minute, '4 min'],
    [4 * minute + 59_000, '4 min'],
    [59 * minute, '59 min'],
    [60 * minute, '1 h'],
    [125 * minute, '2 h 5 min'],
    [(24 * 60 + 3 * 60 + 10) * minute, '1 d 3 h'],
  ])('%i ms ago is %s', (ms, expected) => {
    expect(formatAge(ago(ms), now)).toBe(expected);
  });

  it('treats a timestamp slightly in the future (clock skew) as new', () => {
    expect(formatAge(ago(-30_000), now)).toBe('<1 min');
  });

  it('does not invent an age for an unparseable timestamp', () => {
    expect(formatAge('yesterday-ish', now)).toBe('—');
  });
});

describe('formatClock', () => {
  // Local-time constructors keep these independent of the machine's time zone.
  const today = new Date(2025, 2, 1, 18, 30).getTime();

  it('shows only the time for today', () => {
    expect(formatClock(new Date(2025, 2, 1, 14, 2).toISOString(), today)).toBe('14:02');
  });

  it('adds the day for another day, and the year for another year', () => {
    expect(formatClock(new Date(2025, 1, 27, 9, 5).toISOString(), today)).toBe('Thu 27 Feb 09:05');
    expect(formatClock(new Date(2024, 11, 31, 23, 0).toISOString(), today)).toBe(
      'Tue 31 Dec 2024 23:00',
    );
  });

  it('does not invent a time for garbage', () => {
    expect(formatClock('not a date', today)).toBe('—');
  });
});

describe('formatUpcoming', () => {
  const local = (day: number, hours: number, minutes: number) =>
    new Date(2025, 2, day, hours, minutes).toISOString();
  const lateEvening = Date.parse(local(1, 23, 0));

  it('gives only the time for the coming 24 hours, across midnight too', () => {
    expect(formatUpcoming(local(1, 23, 5), lateEvening)).toBe('23:05');
    expect(formatUpcoming(local(2, 7, 0), lateEvening)).toBe('07:00');
  });

  it('adds the date further ahead or in the past, and survives garbage', () => {
    expect(formatUpcoming(local(2, 23, 0), lateEvening)).toBe('Sun 2 Mar 23:00');
    expect(formatUpcoming(local(1, 22, 0), lateEvening)).toBe('22:00');
    expect(formatUpcoming(local(28, 22, 0), lateEvening)).toBe('Fri 28 Mar 22:00');
    expect(formatUpcoming('soon', lateEvening)).toBe('—');
  });
});
