import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../electron/common/name-order.js';

describe('compareNames', () => {
  it('orders names case-insensitively, as a person reads a list', () => {
    const names = ['platform', 'Zeta', 'alpha', 'Payments'];
    expect(names.sort(compareNames)).toEqual(['alpha', 'Payments', 'platform', 'Zeta']);
  });

  it('gives names differing only in case a fixed order, and equal names none', () => {
    expect(compareNames('Ops', 'ops')).toBeLessThan(0);
    expect(compareNames('ops', 'Ops')).toBeGreaterThan(0);
    expect(compareNames('ops', 'ops')).toBe(0);
  });
});
