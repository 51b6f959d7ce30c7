import { goRegex } from './go-regex.js';

/**
 * Alertmanager's matcher strings, as in routes and `amtool`: `name="value"`, `!=`, `=~`, `!~`.
 * Regexes are anchored at both ends; a missing label reads as the empty string, so
 * `team=""` matches an alert without a team, as Alertmanager does.
 */
export interface LabelMatcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
  /** As written, for messages and the panel. */
  text: string;
  test(labels: Readonly<Record<string, string>>): boolean;
}

const matcherShape = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!~|!=|=)\s*([\s\S]*?)\s*$/;

export function parseMatcher(text: string): LabelMatcher {
  const shape = matcherShape.exec(text);
  if (!shape) {
    throw new Error(
      `not a matcher: ${JSON.stringify(text)} (write it as name="value", !=, =~ or !~)`,
    );
  }
  const [, name, type, rawValue] = shape as unknown as [
    string,
    string,
    LabelMatcher['type'],
    string,
  ];
  const value = unquote(rawValue, text);
  const regex = type === '=~' || type === '!~' ? anchored(value, text) : undefined;
  const fits = (actual: string) => (regex ? regex.test(actual) : actual === value);
  const negated = type === '!=' || type === '!~';
  return {
    name,
    type,
    value,
    text: text.trim(),
    test: (labels) => fits(labels[name] ?? '') !== negated,
  };
}

function anchored(value: string, text: string): RegExp {
  try {
    return goRegex(value, { anchored: true });
  } catch (error) {
    throw new Error(`in matcher ${text}: ${(error as Error).message}`);
  }
}

/**
 * Alertmanager's own unquoting: an optional pair of double quotes, `\"`, `\\` and `\n`
 * escapes, any other backslash kept as it is, and no bare `"` inside.
 */
function unquote(raw: string, text: string): string {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  let value = '';
  let closed = !quoted;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i < body.length - 1) {
      const next = body[++i]!;
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (c === '"') {
      if (closed || i < body.length - 1) {
        throw new Error(`matcher value has an unescaped double quote: ${text}`);
      }
      closed = true;
    } else {
      value += c;
    }
  }
  if (!closed) throw new Error(`matcher value has no closing double quote: ${text}`);
  return value;
}

/** A matcher string for `name` equal to `value`, quoted so it parses back to exactly `value`. */
export function equalityMatcher(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * One `match` entry: a list of matcher strings, or one string holding several the way amtool
 * and Alertmanager's UI print them, `{a="b", c=~"d"}`. All must hold.
 */
export function parseMatcherList(entry: string | readonly string[]): LabelMatcher[] {
  const texts = typeof entry === 'string' ? splitMatcherList(entry) : entry;
  if (texts.length === 0) throw new Error('a match entry needs at least one matcher');
  return texts.map(parseMatcher);
}

/** Splits `{a="b", c="d,e"}` at the commas outside quotes. */
function splitMatcherList(text: string): string[] {
  const inner = text.trim().replace(/^\{([\s\S]*)\}$/, '$1');
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && inQuotes) {
      current += c + (inner[++i] ?? '');
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    if (c === ',' && !inQuotes) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}
