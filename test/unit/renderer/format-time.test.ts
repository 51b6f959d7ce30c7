import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatUpcoming } from '../../../renderer/lib/format-time.js';

const now = Date.parse('2025-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const minute = 60_000;

describe('formatAge', () => {
  it.each([
    [0, '<1m'],
    [59_000, '<1m'],
    [4 * minute, '4m'],
    [59 * minute, '59m'],
    [60 * minute, '1h 0m'],
    [125 * minute, '2h 5m'],
    [(24 * 60 + 3 * 60 + 10) * minute, '1d 3h'],
  ])('%i ms ago is %s', (ms, expected) => {
    expect(formatAge(ago(ms), now)).toBe(expected);
  });

  it('treats a timestamp slightly in the future (clock skew) as new', () => {
    expect(formatAge(ago(-30_000), now)).toBe('<1m');
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

  it('adds the date for another day', () => {
    expect(formatClock(new Date(2025, 1, 27, 9, 5).toISOString(), today)).toBe('2025-02-27 09:05');
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
    expect(formatUpcoming(local(2, 23, 0), lateEvening)).toBe('2025-03-02 23:00');
    expect(formatUpcoming(local(1, 22, 0), lateEvening)).toBe('22:00');
    expect(formatUpcoming(local(28, 22, 0), lateEvening)).toBe('2025-03-28 22:00');
    expect(formatUpcoming('soon', lateEvening)).toBe('—');
  });
});
