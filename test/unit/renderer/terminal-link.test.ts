import { describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../electron/common/contract/ipc-contract.js';
import { createEmitter } from '../../../electron/common/emitter.js';
import { terminalLimits } from '../../../electron/common/terminal-limits.js';
import { linkTerminal, sendInput } from '../../../renderer/bridge/terminal-link.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The bridge's terminal part, with the attach answer held until the test releases it. */
function fakeApi() {
  const data = createEmitter<EventPayload<'terminalData'>>();
  let answer!: (snapshot: { seq: number; cols: number; rows: number; screen: string }) => void;
  const api = {
    onTerminalData: data.on,
    terminalAttach: vi.fn(() => new Promise<never>((resolve) => (answer = resolve as never))),
    terminalDetach: vi.fn(async () => ({})),
    terminalAck: vi.fn(async () => ({})),
    terminalInput: vi.fn(async (_request: { id: string; data: string }) => ({})),
  };
  return {
    api,
    data,
    answer: (seq: number, screen: string) => answer({ seq, cols: 90, rows: 20, screen }),
  };
}

/** A screen that records what it was given and parses on demand. */
function fakeScreen() {
  const shown: string[] = [];
  const pending: (() => void)[] = [];
  return {
    shown,
    parseAll: () => pending.splice(0).forEach((parsed) => parsed()),
    screen: {
      write: (text: string, parsed?: () => void) => {
        shown.push(text);
        if (parsed) pending.push(parsed);
      },
      reset: () => shown.push('<reset>'),
      resize: (cols: number, rows: number) => shown.push(`<${cols}x${rows}>`),
    },
  };
}

describe('linkTerminal', () => {
  it('draws the snapshot, then only output numbered after it, none lost while attaching', async () => {
    const { api, data, answer } = fakeApi();
    const { screen, shown } = fakeScreen();
    linkTerminal(api, 't1', screen, () => {});
    data.emit({ id: 't1', seq: 4, data: 'in the snapshot' });
    data.emit({ id: 't1', seq: 5, data: 'after it' });
    data.emit({ id: 't2', seq: 6, data: 'another terminal' });
    answer(4, 'SCREEN');
    await flush();
    data.emit({ id: 't1', seq: 6, data: 'live' });
    expect(shown).toEqual(['<reset>', '<90x20>', 'SCREEN', 'after it', 'live']);
  });

  it('acknowledges what the screen parsed, in credits of a few thousand characters', async () => {
    const { api, data, answer } = fakeApi();
    const { screen, parseAll } = fakeScreen();
    linkTerminal(api, 't1', screen, () => {});
    answer(0, '');
    await flush();
    data.emit({ id: 't1', seq: 1, data: 'x'.repeat(3_000) });
    data.emit({ id: 't1', seq: 2, data: 'x'.repeat(3_000) });
    expect(api.terminalAck).not.toHaveBeenCalled(); // nothing parsed yet
    parseAll();
    expect(api.terminalAck).toHaveBeenCalledTimes(1);
    expect(api.terminalAck).toHaveBeenCalledWith({ id: 't1', chars: 6_000 });
    data.emit({ id: 't1', seq: 3, data: 'x'.repeat(100) });
    parseAll();
    expect(api.terminalAck).toHaveBeenCalledTimes(1);
  });

  it('hands a large batch to the screen in pieces, so the window can breathe between them', async () => {
    const { api, data, answer } = fakeApi();
    const { screen, shown, parseAll } = fakeScreen();
    linkTerminal(api, 't1', screen, () => {});
    answer(0, '');
    await flush();
    data.emit({ id: 't1', seq: 1, data: 'y\n'.repeat(10_000) });
    const pieces = shown.slice(3);
    expect(pieces.join('')).toBe('y\n'.repeat(10_000));
    expect(pieces.map((piece) => piece.length)).toEqual([8192, 8192, 3616]);
    parseAll();
    expect(api.terminalAck.mock.calls).toEqual([
      [{ id: 't1', chars: 8192 }],
      [{ id: 't1', chars: 8192 }],
    ]);
  });

  it('detaches when undone, and stops drawing', async () => {
    const { api, data, answer } = fakeApi();
    const { screen, shown } = fakeScreen();
    const undo = linkTerminal(api, 't1', screen, () => {});
    undo();
    answer(0, 'late');
    await flush();
    data.emit({ id: 't1', seq: 1, data: 'gone' });
    expect(shown).toEqual([]);
    expect(api.terminalDetach).toHaveBeenCalledWith({ id: 't1' });
  });
});

describe('sendInput', () => {
  it('sends a paste larger than one command may carry in order, never splitting a character', () => {
    const { api } = fakeApi();
    const max = terminalLimits.maxInputChars;
    const paste = `${'a'.repeat(max - 1)}😀${'b'.repeat(10)}`;
    sendInput(api, 't1', paste, () => {});
    const pieces = api.terminalInput.mock.calls.map(([request]) => request.data);
    expect(pieces.join('')).toBe(paste);
    expect(pieces.every((piece) => piece.length <= max)).toBe(true);
    expect(pieces[1]!.startsWith('😀')).toBe(true);
  });
});
