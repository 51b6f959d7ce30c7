import type * as nodePtyModule from '@lydell/node-pty';
import type { IPty } from '@lydell/node-pty';
import { onFirstUse } from '../on-first-use.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { PtyExit, PtyHost, PtyProcess, PtySpawnRequest } from '../ports/pty-host.js';
import { listSession, signalAll, type ListSession } from './session-processes.js';

interface NodePtyHostOptions {
  clock?: Clock;
  /** How long processes get to leave after the hangup before they are killed. */
  hangupGraceMs?: number;
  listSession?: ListSession;
}

/** Loaded with the first terminal: many sessions never open one. */
const nodePty = onFirstUse<typeof nodePtyModule>('@lydell/node-pty');

const defaultHangupGraceMs = 500;
const sweepPollMs = 25;

/** The PtyHost on @lydell/node-pty (prebuilt binaries, no install step); nothing else imports it. */
export function nodePtyHost(options: NodePtyHostOptions = {}): PtyHost {
  const clock = options.clock ?? systemClock;
  const graceMs = options.hangupGraceMs ?? defaultHangupGraceMs;
  const list = options.listSession ?? listSession;
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  /** Everything in the shell's session: what a hangup of the terminal should end. */
  const sessionOf = async (pty: IPty) => (await list(pty.pid)).filter((pid) => pid !== process.pid);

  const endSession = async (pty: IPty) => {
    signalAll(await sessionOf(pty), 'SIGHUP');
    for (let waited = 0; waited < graceMs; waited += sweepPollMs) {
      if ((await sessionOf(pty)).length === 0) return;
      await sleep(sweepPollMs);
    }
    signalAll(await sessionOf(pty), 'SIGKILL');
  };

  return {
    spawn(request: PtySpawnRequest): PtyProcess {
      const pty = nodePty().spawn(request.file, [...request.args], {
        name: 'xterm-256color',
        cwd: request.cwd,
        env: { ...request.env },
        cols: request.cols,
        rows: request.rows,
      });
      let killing: Promise<void> | undefined;
      return {
        pid: pty.pid,
        write: (data) => pty.write(data),
        resize: (cols, rows) => {
          try {
            pty.resize(cols, rows);
          } catch {
            // After exit the fd is gone (EBADF); a late resize from the view is harmless.
          }
        },
        pause: () => pty.pause(),
        resume: () => pty.resume(),
        kill: () => {
          // Windows: conpty closes the console, which ends everything attached to it.
          killing ??= process.platform === 'win32' ? Promise.resolve(pty.kill()) : endSession(pty);
          return killing;
        },
        onData: (listener) => {
          const subscription = pty.onData(listener);
          return () => subscription.dispose();
        },
        onExit: (listener: (exit: PtyExit) => void) => {
          const subscription = pty.onExit(({ exitCode, signal }) =>
            listener(signal ? { exitCode, signal } : { exitCode }),
          );
          return () => subscription.dispose();
        },
      };
    },
  };
}
