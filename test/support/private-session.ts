/**
 * What the private desktop sessions (keyring-session.ts, dunst-session.ts) share: a command run
 * in a session and process group of its own, with its output collected, a private home, and
 * checks that the session's daemons, stopped by PID, are really gone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PrivateSessionOptions {
  cwd?: string;
  /** Added to the session's minimal environment (PATH plus the private home). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface SessionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The session (and process group) id: the PID of the command spawned. */
  sessionId: number;
}

/** PATH, and a home and XDG directories inside `dir`; the runtime dir is the caller's. */
export function privateHome(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CACHE_HOME: join(dir, 'cache'),
  };
}

export function spawnCollecting(
  command: string,
  args: string[],
  options: { cwd: string | undefined; env: Record<string, string>; timeoutMs: number },
): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    // A session (and process group) of its own: a timeout stops everything in it, and
    // afterwards anything still in it is a leftover.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, timedOut, sessionId: child.pid! });
    });
  });
}

export async function readNumber(path: string): Promise<number> {
  const value = Number.parseInt(await readFile(path, 'utf8'), 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`no number in ${path}`);
  return value;
}

/** The PID of each daemon, from the `<daemon>.pid` file the session script wrote in `dir`. */
export async function readPids<D extends string>(
  dir: string,
  daemons: readonly D[],
): Promise<Record<D, number>> {
  const pids = {} as Record<D, number>;
  for (const daemon of daemons) {
    const path = join(dir, `${daemon}.pid`);
    pids[daemon] = await readNumber(path);
    if (pids[daemon] === 0) throw new Error(`no daemon PID in ${path}`);
  }
  return pids;
}

/** Waits briefly for the daemons to go; any survivor is killed and reported as a failure. */
export async function ensureExited(pids: number[], session: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isRunning);
  }
  if (alive.length === 0) return;
  for (const pid of alive) process.kill(pid, 'SIGKILL');
  throw new Error(`${session} left daemons running (killed): ${alive.join(', ')}`);
}

/** Kills, by PID, whatever is still running in the session, and says what it was. */
export function killSurvivors(sessionId: number): string[] {
  let listing = '';
  try {
    listing = execFileSync('pgrep', ['-a', '-s', String(sessionId)], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []; // nothing matched
    throw error;
  }
  // A zombie has already exited; it only waits for init to reap it.
  const survivors = listing.split('\n').filter((line) => line && isRunning(Number.parseInt(line)));
  for (const line of survivors) process.kill(Number.parseInt(line), 'SIGKILL');
  return survivors;
}

/** True while the process exists and is not a zombie waiting to be reaped (Linux only). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
