/**
 * The `{{…}}` placeholders a runbook may use. The core checks and fills them in commands; the
 * renderer fills them into prose as text nodes, so a value can never become markup.
 */

/** What a placeholder names: `labels.x`, `annotations.x`, `incident.id`, `incident.url`, `source`. */
export type PlaceholderPath = string;

export interface PlaceholderToken {
  /** Offsets of the whole `{{…}}` in the scanned text. */
  start: number;
  end: number;
  /** The text as written, for messages. */
  text: string;
  path: PlaceholderPath;
  /** `{{labels.x | raw}}`: inserted unquoted, allowed only for values of plain characters. */
  raw: boolean;
}

export interface PlaceholderProblem {
  start: number;
  text: string;
  message: string;
}

export const knownPlaceholders =
  '{{labels.x}}, {{annotations.x}}, {{incident.id}}, {{incident.url}}, {{source}}';

/**
 * A candidate is one dotted name (or `source`), optionally with a filter. Go templates shown
 * in a runbook or used by a command (`{{ .Labels.x }}`, `{{range .items}}…{{end}}`) and
 * Hugo shortcodes (`{{< hint >}}`) are left alone; a misspelt `{{lables.pod}}` is caught.
 */
const candidate = /\{\{\s*((?:[A-Za-z_][\w-]*\.[^\s{}|]+|source)(?:\s*\|[^{}]*)?)\s*\}\}/g;
const namedPath = /^(labels|annotations)\.[^\s{}|]+$/;
const fixedPaths = new Set(['incident.id', 'incident.url', 'source']);

export function isPlaceholderPath(path: string): boolean {
  return fixedPaths.has(path) || namedPath.test(path);
}

/** Every placeholder in `text`, and every `{{…}}` that looks like one but is not known. */
export function scanPlaceholders(text: string): {
  tokens: PlaceholderToken[];
  problems: PlaceholderProblem[];
} {
  const tokens: PlaceholderToken[] = [];
  const problems: PlaceholderProblem[] = [];
  if (!text.includes('{{')) return { tokens, problems };
  for (const match of text.matchAll(candidate)) {
    const [whole, inner] = match as unknown as [string, string];
    const start = match.index;
    const [pathPart, filter, ...more] = inner.split('|').map((part) => part.trim());
    const path = pathPart ?? '';
    if (!isPlaceholderPath(path)) {
      problems.push({
        start,
        text: whole,
        message: `unknown placeholder ${whole}; a runbook may use ${knownPlaceholders}`,
      });
    } else if (more.length > 0 || (filter !== undefined && filter !== 'raw')) {
      problems.push({
        start,
        text: whole,
        message: `unknown filter in ${whole}; the only filter is "raw", as in {{${path} | raw}}`,
      });
    } else {
      tokens.push({ start, end: start + whole.length, text: whole, path, raw: filter === 'raw' });
    }
  }
  return { tokens, problems };
}

export type TextPart = { text: string } | { placeholder: PlaceholderToken };

/** `text` cut into plain runs and placeholders, for filling prose in as text. */
export function splitPlaceholders(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const token of scanPlaceholders(text).tokens) {
    if (token.start > at) parts.push({ text: text.slice(at, token.start) });
    parts.push({ placeholder: token });
    at = token.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
