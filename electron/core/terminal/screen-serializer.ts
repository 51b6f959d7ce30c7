import type { IBuffer, IBufferCell, IBufferLine, Terminal } from '@xterm/headless';

const esc = '\x1b';

/** The SGR parameters that draw `cell`: colours and attributes, from a reset. */
function sgrOf(cell: IBufferCell): string {
  if (cell.isAttributeDefault()) return '0';
  const params = ['0'];
  if (cell.isBold()) params.push('1');
  if (cell.isDim()) params.push('2');
  if (cell.isItalic()) params.push('3');
  if (cell.isUnderline()) params.push('4');
  if (cell.isBlink()) params.push('5');
  if (cell.isInverse()) params.push('7');
  if (cell.isInvisible()) params.push('8');
  if (cell.isStrikethrough()) params.push('9');
  if (cell.isOverline()) params.push('53');
  params.push(...colourParams(cell.isFgRGB(), cell.isFgPalette(), cell.getFgColor(), 30));
  params.push(...colourParams(cell.isBgRGB(), cell.isBgPalette(), cell.getBgColor(), 40));
  return params.join(';');
}

/** `base` is 30 for the foreground, 40 for the background. */
function colourParams(rgb: boolean, palette: boolean, colour: number, base: number): string[] {
  if (rgb) {
    const [r, g, b] = [(colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff];
    return [`${base + 8};2;${r};${g};${b}`];
  }
  if (!palette) return [];
  if (colour < 8) return [String(base + colour)];
  if (colour < 16) return [String(base + 60 + colour - 8)];
  return [`${base + 8};5;${colour}`];
}

/** Index after the last cell with something to draw (a character, or a background). */
function drawnWidth(line: IBufferLine, cols: number, cell: IBufferCell): number {
  for (let x = cols - 1; x >= 0; x--) {
    line.getCell(x, cell);
    if (cell.getChars() !== '' || !cell.isBgDefault()) return x + 1;
  }
  return 0;
}

/** The lines `from`..`to` (exclusive) of `buffer` as text with SGR sequences. */
function linesOf(buffer: IBuffer, from: number, to: number, cols: number): string {
  const cell = buffer.getNullCell();
  const out: string[] = [];
  let sgr = '0';
  for (let y = from; y < to; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    // A line that continues on the next is written to its full width, so it wraps again (and
    // reflows on resize) instead of ending in a hard line break.
    const continues = buffer.getLine(y + 1)?.isWrapped === true && y + 1 < to;
    const width = continues ? cols : drawnWidth(line, cols, cell);
    for (let x = 0; x < width; x++) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue; // the right half of a wide character
      const cellSgr = sgrOf(cell);
      if (cellSgr !== sgr) {
        out.push(`${esc}[${cellSgr}m`);
        sgr = cellSgr;
      }
      out.push(cell.getChars() || ' ');
    }
    if (sgr !== '0') {
      out.push(`${esc}[0m`);
      sgr = '0';
    }
    if (!continues && y < to - 1) out.push('\r\n');
  }
  return out.join('');
}

/** The input modes a program set that the view must keep, as the sequences that set them. */
function modesOf(terminal: Terminal): string {
  const { modes } = terminal;
  return [
    modes.bracketedPasteMode ? `${esc}[?2004h` : '',
    modes.applicationCursorKeysMode ? `${esc}[?1h` : '',
    modes.applicationKeypadMode ? `${esc}=` : '',
  ].join('');
}

/**
 * The terminal's state as a sequence that redraws it in a fresh terminal of the same size:
 * scrollback and screen with colours and attributes, the alternate screen if a full-screen
 * program is up, the cursor, and the input modes. Mouse tracking is not restored.
 */
export function serializeScreen(terminal: Terminal): string {
  const { normal, active } = terminal.buffer;
  const { cols, rows } = terminal;
  const parts = [linesOf(normal, 0, normal.length, cols)];
  if (active.type === 'alternate') {
    parts.push(`${esc}[?1049h${esc}[H`, linesOf(active, 0, rows, cols));
  }
  parts.push(`${esc}[${active.cursorY + 1};${active.cursorX + 1}H`, modesOf(terminal));
  return parts.join('');
}
