import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../electron/common/count-format.js';

describe('formatCount', () => {
  it('groups thousands with commas, as en-US does', () => {
    for (const count of [0, 7, 999, 1000, 10_000, 123_456, 1_234_567, -4_200]) {
      expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
    }
  });

  it('writes what is not a whole number as it is', () => {
    expect(formatCount(2.5)).toBe('2.5');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });
});
