import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Lists the processes of one POSIX session (a shell in a pty leads its own). */
export type ListSession = (sessionId: number) => Promise<number[]>;

/** Linux: the session id is field 6 of /proc/<pid>/stat, after the command name in parentheses. */
export const listSessionFromProc: ListSession = async (sessionId) => {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) === sessionId) members.push(pid);
    } catch {
      // It exited between the listing and the read.
    }
  }
  return members;
};

/** Other POSIX systems (macOS, the BSDs): procps and BSD pgrep both take `-s`. */
export const listSessionWithPgrep: ListSession = (sessionId) =>
  new Promise((resolve) => {
    execFile('pgrep', ['-s', String(sessionId)], (_error, stdout) => {
      // pgrep exits 1 when nothing matched: an empty list, not a failure.
      resolve(
        String(stdout)
          .split('\n')
          .map(Number)
          .filter((pid) => Number.isInteger(pid) && pid > 0),
      );
    });
  });

export const listSession: ListSession =
  process.platform === 'linux' ? listSessionFromProc : listSessionWithPgrep;

/** Sends `signal` to each process; one that is already gone is skipped. */
export function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // ESRCH: it exited meanwhile.
    }
  }
}
