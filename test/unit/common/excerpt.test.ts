import { describe, expect, it } from 'vitest';
import { excerpt, quotedExcerpt } from '../../../electron/common/excerpt.js';

describe('excerpt', () => {
  it('keeps text up to 120 characters as it is', () => {
    expect(excerpt('a'.repeat(120))).toBe('a'.repeat(120));
    expect(quotedExcerpt('rm -rf')).toBe('"rm -rf"');
  });

  it('cuts longer text and says how long it was', () => {
    expect(excerpt('a'.repeat(121))).toBe(`${'a'.repeat(120)}… (121 characters)`);
    expect(quotedExcerpt('b'.repeat(500_000))).toBe(`"${'b'.repeat(120)}"… (500000 characters)`);
  });

  it('keeps a quoted excerpt on one line', () => {
    expect(quotedExcerpt('x\nWARN forged line')).toBe('"x\\nWARN forged line"');
  });
});
