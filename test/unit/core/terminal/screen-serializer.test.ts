import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { serializeScreen } from '../../../../electron/core/terminal/screen-serializer.js';

type HeadlessTerminal = InstanceType<typeof headless.Terminal>;

const make = () =>
  new headless.Terminal({ cols: 20, rows: 6, scrollback: 100, allowProposedApi: true });
const written = (terminal: HeadlessTerminal, data: string) =>
  new Promise<void>((resolve) => terminal.write(data, resolve));

/** Every cell of both buffers: characters, width, colours and attributes; cursor and modes. */
function picture(terminal: HeadlessTerminal) {
  const cells = (buffer: typeof terminal.buffer.normal) => {
    const rows: string[] = [];
    for (let y = 0; y < buffer.length; y++) {
      const line = buffer.getLine(y)!;
      const row: string[] = [line.isWrapped ? 'wrapped' : ''];
      for (let x = 0; x < terminal.cols; x++) {
        const cell = line.getCell(x)!;
        row.push(
          [
            cell.getChars(),
            cell.getWidth(),
            cell.getFgColorMode(),
            cell.getFgColor(),
            cell.getBgColorMode(),
            cell.getBgColor(),
            cell.isBold(),
            cell.isDim(),
            cell.isItalic(),
            cell.isUnderline(),
            cell.isInverse(),
            cell.isStrikethrough(),
            cell.isOverline(),
          ].join(','),
        );
      }
      rows.push(row.join('|'));
    }
    return rows;
  };
  const { active } = terminal.buffer;
  return {
    normal: cells(terminal.buffer.normal),
    active: active.type === 'alternate' ? cells(active) : 'normal',
    cursor: [active.cursorX, active.cursorY],
    modes: terminal.modes,
  };
}

async function roundTrip(data: string) {
  const original = make();
  await written(original, data);
  const restored = make();
  await written(restored, serializeScreen(original));
  return { original: picture(original), restored: picture(restored) };
}

describe('serializeScreen', () => {
  it('redraws colours, attributes, wide characters and scrollback exactly', async () => {
    const lines = [
      '\x1b[1;31mbold red\x1b[0m plain',
      '\x1b[38;5;208m256\x1b[48;2;10;20;30m rgb bg\x1b[0m',
      '\x1b[2;3;4;7;9;53mall of them\x1b[0m',
      '\x1b[94mbright\x1b[0m 你好',
      ...Array.from({ length: 10 }, (_, i) => `scroll ${i}`),
    ];
    const { original, restored } = await roundTrip(`${lines.join('\r\n')}\x1b[3;5H`);
    expect(restored).toEqual(original);
    expect(original.normal.length).toBeGreaterThan(6); // some of it is scrollback
  });

  it('keeps a long line wrapping, so it reflows like the original', async () => {
    const { original, restored } = await roundTrip(`${'w'.repeat(45)}\r\nnext`);
    expect(restored).toEqual(original);
    expect(original.normal.filter((row) => row.startsWith('wrapped'))).toHaveLength(2);
  });

  it('redraws a full-screen program on the alternate screen, over the shell it hides', async () => {
    const { original, restored } = await roundTrip(
      '$ vim notes\r\n\x1b[?1049h\x1b[H\x1b[7m NORMAL \x1b[0m\x1b[6;1H~ end\x1b[2;3H',
    );
    expect(original.active).not.toBe('normal');
    expect(restored).toEqual(original);
  });

  it('restores the input modes a program set: bracketed paste, application keys', async () => {
    const { original, restored } = await roundTrip('$ \x1b[?2004h\x1b[?1h\x1b=');
    expect(original.modes).toMatchObject({
      bracketedPasteMode: true,
      applicationCursorKeysMode: true,
      applicationKeypadMode: true,
    });
    expect(restored.modes).toEqual(original.modes);
  });
});
