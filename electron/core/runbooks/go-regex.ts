/**
 * Alertmanager and most runbook authors write Go (RE2) regular expressions. JavaScript reads
 * nearly all of RE2 the same; the differences that matter are translated here, and what
 * JavaScript would read differently is an error at load rather than a silently different match.
 */
export function goRegex(pattern: string, options: { anchored: boolean; global?: boolean }): RegExp {
  let body = pattern;
  let flags = '';
  // RE2 sets flags for the whole expression with a leading `(?i)`; JavaScript takes them apart.
  const leading = /^\(\?([ims]+)\)/.exec(body);
  if (leading) {
    flags = [...new Set(leading[1]!)].join('');
    body = body.slice(leading[0].length);
  }
  body = translate(body, pattern);
  if (options.anchored) body = `^(?:${body})$`;
  try {
    return new RegExp(body, flags + (options.global ? 'g' : ''));
  } catch (error) {
    throw new Error(`not a valid regular expression: ${pattern} (${(error as Error).message})`);
  }
}

const escapes: Record<string, string> = { A: '^', z: '$' };
const unsupportedEscapes = new Set(['p', 'P', 'Q', 'C']);

function translate(body: string, pattern: string): string {
  if (/\(\?[a-zA-Z-]+[:)]/.test(body)) {
    throw new Error(`flags are supported only at the very start, as in (?i)…: ${pattern}`);
  }
  if (/\[:[a-z]+:\]/.test(body)) {
    throw new Error(`POSIX classes such as [[:alpha:]] are not supported: ${pattern}`);
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i] ?? '';
    if (unsupportedEscapes.has(next)) {
      throw new Error(`\\${next} is not supported: ${pattern}`);
    }
    out += escapes[next] ?? `\\${next}`;
  }
  // Go's named groups, `(?P<name>…)`, are `(?<name>…)` in JavaScript.
  return out.replace(/\(\?P</g, '(?<');
}
