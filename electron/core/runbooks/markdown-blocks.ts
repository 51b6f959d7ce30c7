/**
 * The few Markdown structures a runbook is built from, found line by line: ATX headings,
 * fenced code blocks (also inside list items) and GFM task items. Everything else is prose,
 * passed on as written for the renderer's Markdown parser.
 */
export type MarkdownBlock =
  | { kind: 'prose'; line: number; text: string }
  | { kind: 'heading'; line: number; text: string; title: string }
  | { kind: 'task'; line: number; text: string; item: string }
  | { kind: 'fence'; line: number; text: string; info: string; content: string };

const fenceOpen = /^(\s*)(`{3,}|~{3,})(.*)$/;
const heading = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const taskItem = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[ xX]\]\s+(.*)$/;
const listItem = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

/** `firstLine` is the file line `text` starts on, so blocks carry the file's own line numbers. */
export function markdownBlocks(text: string, firstLine = 1): MarkdownBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: MarkdownBlock[] = [];
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const number = firstLine + i;
    const open = fenceOpen.exec(line);
    const indent = open?.[1]!.length ?? 0;
    // Four spaces outside a list make an indented code block, whose ``` is just text.
    if (open && (indent <= 3 || inList) && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
      const end = closingFence(lines, i + 1, open[2]!, indent);
      const body = lines.slice(i + 1, end).map((l) => stripIndent(l, indent));
      blocks.push({
        kind: 'fence',
        line: number,
        text: lines.slice(i, Math.min(end + 1, lines.length)).join('\n'),
        info: open[3]!,
        content: body.join('\n'),
      });
      i = end;
      continue;
    }
    if (line.trim() !== '') inList = listItem.test(line) || (inList && /^\s/.test(line));
    const task = taskItem.exec(line);
    const title = heading.exec(line);
    if (task) {
      let item = task[1]!.trim();
      // An item's lazy continuation lines belong to it.
      while (isContinuation(lines[i + 1])) item += ` ${lines[++i]!.trim()}`;
      blocks.push({ kind: 'task', line: number, text: line, item });
    } else if (title) {
      blocks.push({ kind: 'heading', line: number, text: line, title: (title[1] ?? '').trim() });
    } else {
      blocks.push({ kind: 'prose', line: number, text: line });
    }
  }
  return blocks;
}

/** The index of the closing fence line, or `lines.length` when the block runs to the end. */
function closingFence(lines: string[], from: number, fence: string, indent: number): number {
  const close = new RegExp(
    `^\\s{0,${indent + 3}}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`,
  );
  for (let j = from; j < lines.length; j++) if (close.test(lines[j]!)) return j;
  return lines.length;
}

function stripIndent(line: string, indent: number): string {
  const leading = /^ */.exec(line)![0].length;
  return line.slice(Math.min(leading, indent));
}

function isContinuation(line: string | undefined): boolean {
  return (
    line !== undefined && /^\s{2,}\S/.test(line) && !listItem.test(line) && !fenceOpen.test(line)
  );
}
