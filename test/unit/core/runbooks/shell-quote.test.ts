import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../../electron/core/runbooks/shell-quote.js';

describe('shellQuote', () => {
  it.each([
    ['plain'],
    [''],
    ["it's"],
    ["'; rm -rf ~; '"],
    ['$(touch /tmp/x) `id` $HOME \\n "double"'],
  ])('gives sh back exactly %j', (value) => {
    const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], {
      encoding: 'utf8',
    });
    expect(echoed).toBe(value);
  });
});
