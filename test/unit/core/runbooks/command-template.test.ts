import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compileCommand,
  fillCommand,
  TemplateError,
} from '../../../../electron/core/runbooks/command-template.js';
import { makeTempDir } from '../../../support/temp-dir.js';

const fill = (template: string, values: Record<string, string>) =>
  fillCommand(compileCommand(template), (token) => values[token.path]!);

const contexts = (template: string) =>
  compileCommand(template).parts.flatMap((part) => ('token' in part ? [part.context] : []));

/** Runs `script` with bash in `cwd` and returns what it printed. */
function bash(script: string, cwd: string): string {
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const hostile = [
  '$(touch pwned)',
  '`touch pwned`',
  "'; touch pwned; '",
  '"; touch pwned; "',
  "x' $(touch pwned) '",
  "\\'; touch pwned #",
  '$((1)) ${PATH} ~ * ? [a] !! && touch pwned',
  'line one\ntouch pwned',
  "'\"'\"'; touch pwned",
];

describe('compileCommand: where each placeholder stands', () => {
  it('tells bare, single-quoted and double-quoted spots apart', () => {
    expect(contexts('echo {{labels.a}}')).toEqual(['bare']);
    expect(contexts("echo 'x {{labels.a}} y'")).toEqual(['single']);
    expect(contexts('echo "x {{labels.a}} y"')).toEqual(['double']);
    expect(contexts('echo "$(grep {{labels.a}} "f {{labels.b}}")"')).toEqual(['bare', 'double']);
    expect(contexts('echo \\" {{labels.a}}')).toEqual(['bare']);
    expect(contexts('echo "it\'s" {{labels.a}} \'"\' {{labels.b}}')).toEqual(['bare', 'bare']);
    expect(contexts('a=1 # note\necho {{labels.a}}')).toEqual(['bare']);
    expect(contexts('echo a#b {{labels.a}}')).toEqual(['bare']);
  });

  it('refuses spots where no quoting keeps a value inert, naming the spot', () => {
    const refused: [string, RegExp][] = [
      ['echo `echo {{labels.a}}`', /backticks/],
      ["echo $'{{labels.a}}'", /\$'/],
      ['echo $(( {{labels.a}} + 1 ))', /arithmetic/],
      ['(( {{labels.a}} > 1 )) && echo big', /arithmetic/],
      ['echo ${X:-{{labels.a}}}', /\$\{/],
      ['ls # {{labels.a}}', /comment/],
      ['cat <<EOF\n{{labels.a}}\nEOF', /here-document/],
      ["cat <<-'EOF'\n\tvalue {{labels.a}}\n\tEOF", /here-document/],
      ['echo ${{labels.a}}', /cannot tell/],
      ['echo \\{{labels.a}}', /cannot tell/],
    ];
    for (const [template, message] of refused) {
      expect(() => compileCommand(template), template).toThrow(message);
    }
  });

  it('accepts placeholders after a here-document ends', () => {
    expect(contexts('cat <<EOF\nbody $HOME\nEOF\necho {{labels.a}}')).toEqual(['bare']);
    expect(contexts('cat <<<{{labels.a}}')).toEqual(['bare']);
  });

  it('refuses a command that ends inside a quote, and unknown placeholders', () => {
    expect(() => compileCommand("echo {{labels.a}} 'open")).toThrow(/unclosed single quote/);
    expect(() => compileCommand('echo "open {{labels.a}}')).toThrow(/unclosed double quote/);
    // Without placeholders nothing is filled in, so the command is the author's alone.
    expect(compileCommand("echo 'open").parts).toEqual([{ text: "echo 'open" }]);
    expect(() => compileCommand('echo {{labels.a | upper}}')).toThrow(/unknown filter/);
    expect(() => compileCommand('echo {{incident.title}}')).toThrow(/unknown placeholder/);
  });

  it('reports where in the command the problem is', () => {
    try {
      compileCommand('ls\necho `{{labels.a}}`');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).offset).toBe(9);
    }
  });

  it('leaves a Go template in a command alone', () => {
    expect(
      compileCommand("amtool template render --template.text='{{ .Labels.x }}'").tokens,
    ).toEqual([]);
  });
});

describe('fillCommand', () => {
  it('single-quotes every value, closing and reopening the quote around it', () => {
    expect(fill('kubectl -n {{labels.ns}} get pod', { 'labels.ns': 'shop' })).toBe(
      "kubectl -n 'shop' get pod",
    );
    expect(fill("echo 'in {{labels.a}} quotes'", { 'labels.a': "it's" })).toBe(
      `echo 'in ''it'\\''s'' quotes'`,
    );
    expect(fill('echo "in {{labels.a}}"', { 'labels.a': 'x' })).toBe(`echo "in "'x'""`);
    expect(fill('echo {{labels.a | raw}}', { 'labels.a': 'db-1:9100' })).toBe('echo db-1:9100');
  });

  describe('run by a real bash', () => {
    let dir: { path: string; remove: () => Promise<void> };
    beforeEach(async () => {
      dir = await makeTempDir('onwatch-quoting-');
    });
    afterEach(async () => {
      await dir.remove();
    });

    const templates = [
      "printf '%s\\n' {{labels.v}}",
      'printf "%s\\n" "{{labels.v}}"',
      "printf '%s\\n' 'before {{labels.v}} after'",
      'printf "%s\\n" "$(printf %s {{labels.v}})"',
      'printf "%s\\n" "$(printf "%s" "{{labels.v}}")"',
      "printf '%s\\n' x{{labels.v}}y",
      'printf "%s\\n" "a" | cat >/dev/null; printf "%s\\n" {{labels.v}}',
    ];

    it.each(hostile)('keeps %j inert and prints it literally', (value) => {
      for (const template of templates) {
        const output = bash(fill(template, { 'labels.v': value }), dir.path);
        expect(existsSync(join(dir.path, 'pwned')), `${template} with ${value}`).toBe(false);
        expect(output, template).toContain(value);
      }
    });

    it('prints the value exactly, spaces and quotes included', () => {
      const value = '  two  spaces, \'single\' and "double" quotes, a \\ and a * ';
      expect(bash(fill("printf '[%s]' {{labels.v}}", { 'labels.v': value }), dir.path)).toBe(
        `[${value}]`,
      );
      expect(bash(fill('printf "[%s]" "<{{labels.v}}>"', { 'labels.v': value }), dir.path)).toBe(
        `[<${value}>]`,
      );
    });
  });
});
