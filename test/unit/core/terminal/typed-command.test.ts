import { describe, expect, it } from 'vitest';
import {
  commandProblem,
  envNameProblem,
  exportLines,
  keystrokesFor,
} from '../../../../electron/core/terminal/typed-command.js';

describe('keystrokesFor', () => {
  it('wraps the command in a bracketed paste when the shell asked for one', () => {
    expect(keystrokesFor('echo a\necho b\n', true)).toBe('\x1b[200~echo a\recho b\x1b[201~\r');
  });

  it('types line breaks as Enter otherwise', () => {
    expect(keystrokesFor('echo a\r\necho b', false)).toBe('echo a\recho b\r');
  });
});

describe('checks', () => {
  it('refuses empty commands and control characters, naming the character', () => {
    expect(commandProblem('  \n')).toMatch(/empty/);
    expect(commandProblem('echo \x1b[201~')).toBe(
      'the command contains the control character U+001B at position 5',
    );
    expect(commandProblem('a\rb')).toMatch(/U\+000D/);
    expect(commandProblem('del\x7f')).toMatch(/U\+007F/);
    expect(commandProblem('for x in a b; do\n\techo "$x"\ndone')).toBeUndefined();
  });

  it('accepts only names a shell can export', () => {
    expect(envNameProblem('NAMESPACE')).toBeUndefined();
    expect(envNameProblem('_pod2')).toBeUndefined();
    expect(envNameProblem('2POD')).toMatch(/not a valid/);
    expect(envNameProblem('A=B')).toMatch(/not a valid/);
  });

  it('exports each value single-quoted', () => {
    expect(exportLines({ POD: "web-1'x", NS: 'prod' })).toEqual([
      `export POD='web-1'\\''x'`,
      `export NS='prod'`,
    ]);
  });
});
