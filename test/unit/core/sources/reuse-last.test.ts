import { describe, expect, it } from 'vitest';
import { reuseLast } from '../../../../electron/core/sources/reuse-last.js';

describe('reuseLast', () => {
  it('derives again only when an argument is not the very value of the previous call', () => {
    const calls: unknown[][] = [];
    const derive = reuseLast((items: readonly string[], root: string) => {
      calls.push([items, root]);
      return items.map((item) => `${root}/${item}`);
    });
    const items = ['a', 'b'];
    const first = derive(items, 'x');
    expect(derive(items, 'x')).toBe(first);
    // Equal but not the same list: derived again, as the memo upstream would have said "changed".
    expect(derive(['a', 'b'], 'x')).toEqual(first);
    expect(derive(items, 'y')).toEqual(['y/a', 'y/b']);
    expect(calls).toHaveLength(3);
  });
});
