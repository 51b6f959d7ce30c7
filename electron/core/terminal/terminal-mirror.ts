import type * as xtermHeadless from '@xterm/headless';
import { onFirstUse } from '../on-first-use.js';
import { serializeScreen } from './screen-serializer.js';

/** About 9 MB once loaded, so it comes with the first terminal rather than at start-up. */
const headless = onFirstUse<typeof xtermHeadless>('@xterm/headless');

/** A line of the buffer that moves with scrolling (an xterm marker); -1 once trimmed. */
interface LineAnchor {
  readonly line: number;
  dispose(): void;
}

const lostLine: LineAnchor = { line: -1, dispose() {} };

/** A place in the buffer that stays put while output scrolls it up. */
export interface BufferPosition {
  anchor: LineAnchor;
  column: number;
}

/** One FinalTerm shell-integration mark (OSC 133), where the cursor was when it was parsed. */
export interface ShellMark {
  /** A prompt start, B prompt end (input starts), C command output starts, D command finished. */
  kind: 'A' | 'B' | 'C' | 'D';
  /** D only, when the shell reported one. */
  exitCode?: number;
  position: BufferPosition;
}

interface TerminalMirrorOptions {
  cols: number;
  rows: number;
  scrollback: number;
  onShellMark: (mark: ShellMark) => void;
}

/** Text between two positions, and whether its start had already scrolled out of the buffer. */
interface BufferText {
  text: string;
  startTrimmed: boolean;
}

function parseMark(data: string): Pick<ShellMark, 'kind' | 'exitCode'> | undefined {
  const [kind, code] = data.split(';');
  if (kind !== 'A' && kind !== 'B' && kind !== 'C' && kind !== 'D') return undefined;
  if (kind !== 'D' || code === undefined || !/^\d{1,3}$/.test(code)) return { kind };
  return { kind, exitCode: Number(code) };
}

/**
 * A headless xterm.js fed the same output as the view: it keeps each terminal's screen and
 * scrollback in the core, so a reloaded window can be redrawn and a command's output read back
 * as plain text, and it sees the shell's marks and modes (bracketed paste) as the view would.
 */
export class TerminalMirror {
  private readonly terminal;

  constructor(options: TerminalMirrorOptions) {
    const { Terminal } = headless();
    this.terminal = new Terminal({
      cols: options.cols,
      rows: options.rows,
      scrollback: options.scrollback,
      allowProposedApi: true,
    });
    this.terminal.parser.registerOscHandler(133, (data) => {
      const mark = parseMark(data);
      if (mark) options.onShellMark({ ...mark, position: this.here() });
      return true;
    });
  }

  /** `parsed` is called once this data (and all before it) is in the buffer. */
  write(data: string, parsed: () => void): void {
    this.terminal.write(data, parsed);
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  get bracketedPasteMode(): boolean {
    return this.terminal.modes.bracketedPasteMode;
  }

  /** The cursor's place (where a shell mark was just parsed). */
  here(): BufferPosition {
    const anchor = this.terminal.registerMarker(0) ?? lostLine;
    return { anchor, column: this.terminal.buffer.active.cursorX };
  }

  /**
   * The plain text from `start` to `end` (default: the cursor), wrapped lines joined, trailing
   * blanks of each line and of the whole dropped. A start trimmed from the scrollback reads from the oldest line.
   */
  textBetween(start: BufferPosition, end?: BufferPosition): BufferText {
    const buffer = this.terminal.buffer.normal;
    const startTrimmed = start.anchor.line < 0;
    const from = startTrimmed
      ? { line: 0, column: 0 }
      : { line: start.anchor.line, column: start.column };
    const to =
      end && end.anchor.line >= 0
        ? { line: end.anchor.line, column: end.column }
        : { line: buffer.baseY + buffer.cursorY, column: buffer.cursorX };
    return { text: this.read(from, to), startTrimmed };
  }

  /** Everything the buffer keeps, scrollback and screen, as plain text. */
  allText(): string {
    const buffer = this.terminal.buffer.normal;
    return this.read({ line: 0, column: 0 }, { line: buffer.length - 1 });
  }

  private read(
    from: { line: number; column: number },
    to: { line: number; column?: number },
  ): string {
    const buffer = this.terminal.buffer.normal;
    const parts: string[] = [];
    for (let y = from.line; y <= to.line; y++) {
      const line = buffer.getLine(y);
      if (!line) break;
      const continues = y < to.line && buffer.getLine(y + 1)?.isWrapped === true;
      const startColumn = y === from.line ? from.column : 0;
      const endColumn = y === to.line ? to.column : undefined;
      parts.push(line.translateToString(!continues, startColumn, endColumn));
      if (y < to.line && !continues) parts.push('\n');
    }
    return parts.join('').trimEnd();
  }

  /** The screen and scrollback as a sequence that redraws them (see serializeScreen). */
  snapshot(): string {
    return serializeScreen(this.terminal);
  }

  get cols(): number {
    return this.terminal.cols;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  dispose(): void {
    this.terminal.dispose();
  }
}
