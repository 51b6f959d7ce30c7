import { describe, expect, it } from 'vitest';
import {
  coverRangeProblem,
  defaultCoverRange,
  removalOf,
} from '../../../electron/common/model/cover.js';

const hour = 3_600_000;
const now = Date.UTC(2026, 2, 2, 10, 17, 30);
const iso = (ms: number) => new Date(ms).toISOString();
const running = { start: iso(now - 2 * hour), end: iso(now + 6 * hour) };
const future = { start: iso(now + 24 * hour), end: iso(now + 36 * hour) };

describe('the range a cover form starts with', () => {
  it('is the rest of a running shift, from the next whole minute', () => {
    expect(defaultCoverRange(running, now)).toEqual({
      start: Date.UTC(2026, 2, 2, 10, 18),
      end: now + 6 * hour,
    });
  });

  it('is the whole of a shift that has not started', () => {
    expect(defaultCoverRange(future, now)).toEqual({
      start: now + 24 * hour,
      end: now + 36 * hour,
    });
  });
});

describe('a cover range', () => {
  it('must end after it starts, not start in the past, and fall within the shift', () => {
    const at = (start: number, end: number) => coverRangeProblem({ start, end }, future, now);
    expect(at(now + 25 * hour, now + 27 * hour)).toBeUndefined();
    expect(at(now + 27 * hour, now + 25 * hour)).toBe('The cover must end after it starts.');
    expect(coverRangeProblem({ start: now - hour, end: now }, running, now)).toBe(
      'The cover cannot start in the past.',
    );
    expect(at(now + 23 * hour, now + 25 * hour)).toBe('The cover must fall within the shift.');
    expect(at(now + 25 * hour, now + 37 * hour)).toBe('The cover must fall within the shift.');
    expect(at(Number.NaN, now + 25 * hour)).toBe('Choose a start and an end.');
  });
});

describe('removing a cover', () => {
  it('deletes one that has not started, cuts a running one short, leaves an ended one', () => {
    expect(removalOf(future, now)).toBe('delete');
    expect(removalOf(running, now)).toBe('cut-short');
    expect(removalOf({ start: iso(now - 2 * hour), end: iso(now - hour) }, now)).toBe('ended');
  });
});
