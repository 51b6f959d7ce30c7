import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../../../electron/core/engine/deep-equal.js';

describe('deepEqual', () => {
  it('ignores key order, which JSON.stringify does not', () => {
    const a = { id: 'am', auth: { type: 'basic', username: 'alice' }, pollIntervalSeconds: 30 };
    const b = { pollIntervalSeconds: 30, auth: { username: 'alice', type: 'basic' }, id: 'am' };
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(deepEqual(a, b)).toBe(true);
  });

  it('treats a key holding undefined as missing, as serialising does', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, b: null }, { a: 1 })).toBe(false);
  });

  it('tells values, lengths and shapes apart', () => {
    expect(deepEqual([1, 2], [1, 2])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1], [1, undefined])).toBe(false);
    expect(deepEqual({ 0: 1 }, [1])).toBe(false);
    expect(deepEqual({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } })).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
