import type { OnwatchApi } from '../../electron/common/contract/ipc-contract.js';
import { terminalFlowControl, terminalLimits } from '../../electron/common/terminal-limits.js';
import { errorMessage } from '../store/error-message.js';

/** What the link draws on: xterm, or a test's stand-in. */
export interface TerminalScreen {
  /** `parsed` runs once the screen has taken the data in (xterm's write callback). */
  write(data: string, parsed?: () => void): void;
  /** Forget everything shown, before a snapshot is drawn. */
  reset(): void;
  resize(cols: number, rows: number): void;
}

/** Characters handed to the screen at once. */
const writePieceChars = 8 * 1024;

type LinkApi = Pick<
  OnwatchApi,
  'terminalAttach' | 'terminalDetach' | 'terminalAck' | 'onTerminalData' | 'terminalInput'
>;

/**
 * Shows terminal `id` on `screen`: attaches, draws the snapshot, then applies only the output
 * numbered after it (output that arrives before the snapshot is held, not lost), and hands the
 * core back credit every few thousand characters once the screen has parsed them, so a flood
 * never outruns the window. Returns the undo, which detaches.
 */
export function linkTerminal(
  api: LinkApi,
  id: string,
  screen: TerminalScreen,
  onError: (message: string) => void,
): () => void {
  let snapshotSeq: number | null = null;
  let early: { seq: number; data: string }[] = [];
  let parsedSinceAck = 0;
  let linked = true;

  const parsed = (chars: number) => {
    if (!linked) return;
    parsedSinceAck += chars;
    if (parsedSinceAck < terminalFlowControl.ackEveryChars) return;
    const acked = parsedSinceAck;
    parsedSinceAck = 0;
    api.terminalAck({ id, chars: acked }).catch(() => {
      // Lost with the connection; the core lets go of this view when it notices.
    });
  };
  const apply = ({ seq, data }: { seq: number; data: string }) => {
    if (snapshotSeq === null || seq <= snapshotSeq) return;
    // In pieces: xterm yields to the page between writes, not within one, so a batch of
    // line feeds parsed at once would freeze the window for as long as it takes.
    for (let at = 0; at < data.length; at += writePieceChars) {
      const piece = data.slice(at, at + writePieceChars);
      screen.write(piece, () => parsed(piece.length));
    }
  };

  const stopData = api.onTerminalData((event) => {
    if (event.id !== id) return;
    if (snapshotSeq === null) early.push(event);
    else apply(event);
  });
  api.terminalAttach({ id }).then(
    (snapshot) => {
      if (!linked) return;
      screen.reset();
      screen.resize(snapshot.cols, snapshot.rows);
      screen.write(snapshot.screen);
      snapshotSeq = snapshot.seq;
      const held = early;
      early = [];
      held.forEach(apply);
    },
    (error: unknown) => linked && onError(errorMessage(error)),
  );

  return () => {
    linked = false;
    stopData();
    api.terminalDetach({ id }).catch(() => {});
  };
}

/** Keystrokes and pastes, in pieces no larger than a command may carry, in order. */
export function sendInput(
  api: LinkApi,
  id: string,
  data: string,
  onError: (message: string) => void,
): void {
  let at = 0;
  while (at < data.length) {
    let end = Math.min(data.length, at + terminalLimits.maxInputChars);
    // Never between the halves of a surrogate pair: half a character is not text.
    const code = data.charCodeAt(end - 1);
    if (end < data.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    api
      .terminalInput({ id, data: data.slice(at, end) })
      .catch((error: unknown) => onError(errorMessage(error)));
    at = end;
  }
}
