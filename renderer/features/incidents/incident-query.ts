import type { Incident } from '../../../electron/common/model/incident.js';

/**
 * The search box's language: free words match anywhere (title, service, number, label names and
 * values, annotations); `name=value`, `name!=value`, `name=~regex` and `name!~regex` match one
 * label as Alertmanager's matchers do (regexes anchored). Terms are ANDed; Alertmanager's
 * `{a="x", b=~"y.*"}` form is read too, so a matcher pasted from its UI just works.
 */
type MatchOp = '=' | '!=' | '=~' | '!~';

export type QueryTerm =
  | { kind: 'text'; raw: string; text: string }
  | { kind: 'label'; raw: string; name: string; op: MatchOp; value: string };

export type ParsedQuery = {
  terms: QueryTerm[];
  /** Terms that cannot be used (a broken regex), in words; the other terms still apply. */
  errors: string[];
};

const matcherPattern = /^([A-Za-z_][A-Za-z0-9_.-]*)(=~|!~|!=|=)(.*)$/s;

/** Splits on spaces and commas outside double quotes; braces around a matcher list are dropped. */
function tokens(query: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const char = query[i]!;
    if (char === '\\' && quoted && i + 1 < query.length) {
      current += char + query[++i];
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (!quoted && (char === ' ' || char === ',' || char === '\t' || char === '\n')) {
      if (current) out.push(current);
      current = '';
    } else if (!quoted && (char === '{' || char === '}')) {
      if (current) out.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) out.push(current);
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

export function parseQuery(query: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const errors: string[] = [];
  for (const raw of tokens(query)) {
    const matcher = matcherPattern.exec(raw);
    if (matcher) {
      const name = matcher[1]!;
      const op = matcher[2] as MatchOp;
      const value = unquote(matcher[3]!);
      if ((op === '=~' || op === '!~') && !compiles(value)) {
        errors.push(`“${raw}” is not a valid regular expression, so it is ignored`);
        continue;
      }
      terms.push({ kind: 'label', raw, name, op, value });
    } else {
      const text = unquote(raw).toLowerCase();
      if (text) terms.push({ kind: 'text', raw, text });
    }
  }
  return { terms, errors };
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** The query without one of its terms, for a chip's remove button. */
export function queryWithout(query: string, raw: string): string {
  const kept = tokens(query);
  const index = kept.indexOf(raw);
  if (index >= 0) kept.splice(index, 1);
  return kept.join(' ');
}

// Lower-cased search text per incident object: incidents are replaced, never mutated, so a
// changed incident gets a fresh entry and 10,000 rows are not re-joined on every keystroke.
const haystacks = new WeakMap<Incident, string>();

function haystackOf(incident: Incident): string {
  let text = haystacks.get(incident);
  if (text === undefined) {
    const parts = [incident.title, incident.service ?? '', incident.number ?? ''];
    for (const [name, value] of Object.entries(incident.labels)) parts.push(name, value);
    for (const value of Object.values(incident.annotations ?? {})) parts.push(value);
    text = parts.join('\n').toLowerCase();
    haystacks.set(incident, text);
  }
  return text;
}

const regexes = new Map<string, RegExp>();

function anchored(source: string): RegExp {
  let regex = regexes.get(source);
  if (!regex) {
    // Alertmanager anchors its regex matchers; `job=~api` must not match `api-gateway`.
    regex = new RegExp(`^(?:${source})$`);
    if (regexes.size > 200) regexes.clear();
    regexes.set(source, regex);
  }
  return regex;
}

function termMatches(incident: Incident, term: QueryTerm): boolean {
  if (term.kind === 'text') return haystackOf(incident).includes(term.text);
  // A missing label reads as empty, as in Alertmanager: `team!=core` keeps unlabelled alerts.
  const actual = incident.labels[term.name] ?? '';
  switch (term.op) {
    case '=':
      return actual === term.value;
    case '!=':
      return actual !== term.value;
    case '=~':
      return anchored(term.value).test(actual);
    case '!~':
      return !anchored(term.value).test(actual);
  }
}

export function matchesQuery(incident: Incident, terms: readonly QueryTerm[]): boolean {
  return terms.every((term) => termMatches(incident, term));
}
