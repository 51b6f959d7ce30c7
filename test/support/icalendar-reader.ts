/**
 * A strict reader for the iCalendar we write, for tests: it checks the framing RFC 5545 asks
 * for (CRLF, ≤75 octets, folds only between UTF-8 sequences) and gives back each component's
 * properties with TEXT unescaped. It is not a general parser; it refuses what we never emit.
 */
export interface ReadComponent {
  name: string;
  props: Map<string, string[]>;
  children: ReadComponent[];
}

export function readCalendar(text: string): ReadComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const [index, line] of physical.entries()) {
    if (/[\r\n]/.test(line)) throw new Error(`line ${index + 1} has a bare CR or LF`);
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) throw new Error(`line ${index + 1} is ${octets} octets`);
    if (line.includes('\uFFFD')) throw new Error(`line ${index + 1} splits a UTF-8 sequence`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const stack: ReadComponent[] = [{ name: '', props: new Map(), children: [] }];
  for (const line of logical) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a content line: ${line}`);
    const name = line.slice(0, colon);
    if (!/^[A-Z0-9-]+$/.test(name)) throw new Error(`unexpected property name ${name}`);
    const value = line.slice(colon + 1);
    const top = stack.at(-1)!;
    if (name === 'BEGIN') {
      const child = { name: value, props: new Map(), children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`);
      stack.pop();
    } else {
      top.props.set(name, [...(top.props.get(name) ?? []), value]);
    }
  }
  if (stack.length !== 1 || stack[0]!.children.length !== 1) throw new Error('unbalanced calendar');
  return stack[0]!.children[0]!;
}

/** TEXT as written (§3.3.11) back to what it says; a stray backslash is an error. */
export function unescapeText(value: string): string {
  return value.replace(/\\(.)|[;,]/g, (match, escaped: string | undefined) => {
    if (escaped === undefined) throw new Error(`unescaped ${match} in TEXT`);
    if (escaped === 'n' || escaped === 'N') return '\n';
    if ('\\;,'.includes(escaped)) return escaped;
    throw new Error(`unknown escape \\${escaped}`);
  });
}

/** `20260302T090000Z` → epoch ms; anything but UTC form is refused. */
export function readUtc(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new Error(`not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

export const prop = (component: ReadComponent, name: string): string | undefined =>
  component.props.get(name)?.[0];
