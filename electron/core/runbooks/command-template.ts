import { scanPlaceholders, type PlaceholderToken } from '../../common/runbook-placeholders.js';
import { shellQuote } from './shell-quote.js';

/**
 * How the shell reads the spot where a placeholder stands. A value is always inserted as one
 * single-quoted word; inside `'…'` or `"…"` the surrounding quote is closed first and reopened
 * after, so the value is never read inside double quotes (where `$(…)` would run).
 */
type QuoteContext = 'bare' | 'single' | 'double';

type CommandPart = { text: string } | { token: PlaceholderToken; context: QuoteContext };

export interface CommandTemplate {
  source: string;
  parts: CommandPart[];
  tokens: PlaceholderToken[];
}

/** A command whose placeholders cannot be filled in safely; `offset` is into the command. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Compiles a step's command once, at load: every placeholder gets the context it sits in. */
export function compileCommand(source: string): CommandTemplate {
  const { tokens, problems } = scanPlaceholders(source);
  const problem = problems[0];
  if (problem) throw new TemplateError(problem.message, problem.start);
  // Quoting matters only where a value goes in; a command without placeholders is sent as written.
  const contexts = tokens.length === 0 ? [] : placeholderContexts(source, tokens);
  const parts: CommandPart[] = [];
  let at = 0;
  tokens.forEach((token, index) => {
    if (token.start > at) parts.push({ text: source.slice(at, token.start) });
    parts.push({ token, context: contexts[index]! });
    at = token.end;
  });
  if (at < source.length) parts.push({ text: source.slice(at) });
  return { source, parts, tokens };
}

/** The command with every placeholder's value inserted; `value` must know each one. */
export function fillCommand(
  template: CommandTemplate,
  value: (token: PlaceholderToken) => string,
): string {
  return template.parts
    .map((part) => ('text' in part ? part.text : insertion(part.context, value(part.token), part)))
    .join('');
}

function insertion(context: QuoteContext, value: string, part: { token: PlaceholderToken }) {
  // `raw` values are plain characters (checked by the caller), which read the same everywhere.
  if (part.token.raw) return value;
  const quoted = shellQuote(value);
  if (context === 'single') return `'${quoted}'`;
  if (context === 'double') return `"${quoted}"`;
  return quoted;
}

type Frame =
  | { kind: 'code'; closedByParen: boolean; parens: number }
  | { kind: 'double' | 'single' | 'ansi' | 'backtick' | 'comment' }
  | { kind: 'arith'; parens: number }
  | { kind: 'brace'; depth: number }
  | { kind: 'heredoc'; delimiter: string; stripTabs: boolean };

/** Where a value cannot be made inert by quoting, so a placeholder there is refused at load. */
const unsafeSpots: Record<string, string> = {
  ansi: "inside $'…'",
  backtick: 'inside backticks (write $(…) instead)',
  arith: 'inside arithmetic ((…))',
  brace: 'inside ${…}',
  comment: 'inside a shell comment',
  heredoc: 'inside a here-document',
};

const separators = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/**
 * A small shell lexer: enough of POSIX sh and bash quoting to know, for each placeholder,
 * whether it stands bare, in single or in double quotes, or somewhere no quoting can hold it.
 */
function placeholderContexts(source: string, tokens: PlaceholderToken[]): QuoteContext[] {
  const stack: Frame[] = [{ kind: 'code', closedByParen: false, parens: 0 }];
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  const contexts: QuoteContext[] = [];
  let next = 0;
  let wordStart = true;
  let i = 0;
  const push = (frame: Frame, width: number) => {
    stack.push(frame);
    i += width;
  };
  const pop = (width: number) => {
    stack.pop();
    i += width;
  };

  while (i < source.length) {
    const frame = stack[stack.length - 1]!;
    const token = tokens[next];
    if (token && token.start < i) {
      throw new TemplateError(`cannot tell how the shell reads ${token.text} there`, token.start);
    }
    if (token && token.start === i && frame.kind !== 'heredoc') {
      contexts.push(contextOf(frame, token));
      next++;
      i = token.end;
      wordStart = false;
      continue;
    }
    const c = source[i]!;
    // The character and the one after it, compared without cutting a string for every step.
    const two = c + (source[i + 1] ?? '');
    switch (frame.kind) {
      case 'code': {
        const depth = stack.length;
        if (c === '\\') i += 2;
        else if (c === "'") push({ kind: 'single' }, 1);
        else if (two === "$'") push({ kind: 'ansi' }, 2);
        else if (c === '"') push({ kind: 'double' }, 1);
        else if (c === '`') push({ kind: 'backtick' }, 1);
        else if (source.startsWith('$((', i)) push({ kind: 'arith', parens: 0 }, 3);
        else if (two === '$(') push({ kind: 'code', closedByParen: true, parens: 0 }, 2);
        else if (two === '${') push({ kind: 'brace', depth: 0 }, 2);
        else if (two === '((' && wordStart) push({ kind: 'arith', parens: 0 }, 2);
        else if (c === '#' && wordStart) push({ kind: 'comment' }, 1);
        else if (source.startsWith('<<<', i)) i += 3;
        else if (two === '<<') {
          const { end, ...heredoc } = readHeredocStart(source, i + 2, tokens[next]);
          pendingHeredocs.push(heredoc);
          i = end;
        } else if (c === ')' && frame.closedByParen && frame.parens === 0) pop(1);
        else {
          if (c === '(') frame.parens++;
          if (c === ')' && frame.parens > 0) frame.parens--;
          if (c === '\n') {
            for (const heredoc of pendingHeredocs.reverse())
              stack.push({ kind: 'heredoc', ...heredoc });
            pendingHeredocs.length = 0;
          }
          i++;
        }
        // A word starts after a separator, and at the start of a `$(…)`.
        wordStart = separators.has(c) || (stack.length > depth && stack.at(-1)!.kind === 'code');
        break;
      }
      case 'double':
        if (c === '\\') i += 2;
        else if (c === '"') pop(1);
        else if (c === '`') push({ kind: 'backtick' }, 1);
        else if (source.startsWith('$((', i)) push({ kind: 'arith', parens: 0 }, 3);
        else if (two === '$(') push({ kind: 'code', closedByParen: true, parens: 0 }, 2);
        else if (two === '${') push({ kind: 'brace', depth: 0 }, 2);
        else i++;
        break;
      case 'single':
        if (c === "'") pop(1);
        else i++;
        break;
      case 'ansi':
      case 'backtick':
        if (c === '\\') i += 2;
        else if (c === (frame.kind === 'ansi' ? "'" : '`')) pop(1);
        else i++;
        break;
      case 'comment':
        // The newline itself belongs to the code around the comment (it may start a here-doc).
        if (c === '\n') stack.pop();
        else i++;
        break;
      case 'arith':
        if (c === '(') frame.parens++;
        if (c === ')' && frame.parens === 0 && source[i + 1] === ')') {
          pop(2);
          break;
        }
        if (c === ')' && frame.parens > 0) frame.parens--;
        i++;
        break;
      case 'brace':
        if (c === '}' && frame.depth === 0) pop(1);
        else {
          if (c === '{') frame.depth++;
          if (c === '}') frame.depth--;
          i++;
        }
        break;
      case 'heredoc':
        i = skipHeredocLine(source, i, frame, tokens[next], () => stack.pop());
        break;
    }
  }
  const open = stack[stack.length - 1]!;
  if (open.kind !== 'code' && open.kind !== 'comment' && open.kind !== 'heredoc') {
    throw new TemplateError(`the command ends inside ${describeOpen(open.kind)}`, source.length);
  }
  if (next < tokens.length) {
    const token = tokens[next]!;
    throw new TemplateError(`cannot tell how the shell reads ${token.text} there`, token.start);
  }
  return contexts;
}

function contextOf(frame: Frame, token: PlaceholderToken): QuoteContext {
  if (frame.kind === 'code') return 'bare';
  if (frame.kind === 'single' || frame.kind === 'double') return frame.kind;
  throw new TemplateError(
    `${token.text} stands ${unsafeSpots[frame.kind]}, where quoting cannot keep a value inert; move it out`,
    token.start,
  );
}

function describeOpen(kind: Frame['kind']): string {
  if (kind === 'single' || kind === 'double') return `an unclosed ${kind} quote`;
  if (kind === 'ansi') return "an unclosed $'…'";
  if (kind === 'backtick') return 'unclosed backticks';
  if (kind === 'arith') return 'an unclosed ((…))';
  return 'an unclosed ${…}';
}

/** Reads `<<[-]WORD` from just after `<<`; a quoted or escaped word still ends the body verbatim. */
function readHeredocStart(
  source: string,
  from: number,
  token: PlaceholderToken | undefined,
): { delimiter: string; stripTabs: boolean; end: number } {
  let j = from;
  const stripTabs = source[j] === '-';
  if (stripTabs) j++;
  while (source[j] === ' ' || source[j] === '\t') j++;
  const wordStart = j;
  while (j < source.length && !separators.has(source[j]!)) j++;
  if (token && token.start < j) {
    throw new TemplateError(`${token.text} cannot name a here-document's end`, token.start);
  }
  const delimiter = source.slice(wordStart, j).replace(/['"\\]/g, '');
  return { delimiter, stripTabs, end: j };
}

/** Skips one line of a here-document body, ending the body at its delimiter line. */
function skipHeredocLine(
  source: string,
  from: number,
  frame: { delimiter: string; stripTabs: boolean },
  token: PlaceholderToken | undefined,
  end: () => void,
): number {
  const newline = source.indexOf('\n', from);
  const lineEnd = newline === -1 ? source.length : newline;
  const line = source.slice(from, lineEnd);
  if ((frame.stripTabs ? line.replace(/^\t+/, '') : line) === frame.delimiter) {
    end();
  } else if (token && token.start < lineEnd) {
    throw new TemplateError(
      `${token.text} stands ${unsafeSpots.heredoc}, where quoting cannot keep a value inert; move it out`,
      token.start,
    );
  }
  return lineEnd + 1;
}
