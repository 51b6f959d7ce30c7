/**
 * Runs a command against a real, private OS keychain: its own D-Bus session bus and an
 * unlocked gnome-keyring-daemon whose keyrings live in a temp directory, so tests never
 * touch the user's keyring. Both daemons are stopped by PID, and we check they are gone.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyringSessionResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The session's daemons; both have exited by the time this result exists. */
  daemonPids: { dbus: number; keyring: number };
}

export interface KeyringSessionOptions {
  cwd?: string;
  /** Added to the session's minimal environment (PATH plus the private home). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

// Runs inside `dbus-run-session`, which ends its dbus-daemon once this shell exits. The
// daemon waits on the bus name before the command runs, or libsecret would D-Bus-activate
// a second, locked gnome-keyring-daemon.
const sessionScript = `
set -u
dir=$KEYRING_SESSION_DIR
pgrep -P "$PPID" -x dbus-daemon > "$dir/dbus.pid"
printf '%s' onwatch-test |
  gnome-keyring-daemon --foreground --unlock --components=secrets > "$dir/keyring.log" 2>&1 &
keyring=$!
echo "$keyring" > "$dir/keyring.pid"
trap 'kill "$keyring" 2>/dev/null; wait "$keyring"' EXIT
trap 'exit 143' HUP INT TERM
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ]; then
    echo "keyring-session: gnome-keyring-daemon did not start:" >&2
    cat "$dir/keyring.log" >&2
    exit 70
  fi
  sleep 0.05
done
"$@"
`;

export async function runInKeyringSession(
  command: string,
  args: readonly string[],
  options: KeyringSessionOptions = {},
): Promise<KeyringSessionResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-keyring-'));
  try {
    // gnome-keyring-daemon refuses a runtime dir that others can read.
    await mkdir(join(dir, 'run'), { mode: 0o700 });
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_RUNTIME_DIR: join(dir, 'run'),
      KEYRING_SESSION_DIR: dir,
      ...options.env,
    };
    const run = await spawnCollecting(
      'dbus-run-session',
      ['--', 'sh', '-c', sessionScript, 'keyring-session', command, ...args],
      { cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 30_000 },
    );
    const daemonPids = {
      dbus: await readPid(join(dir, 'dbus.pid')),
      keyring: await readPid(join(dir, 'keyring.pid')),
    };
    await ensureExited(Object.values(daemonPids));
    if (run.timedOut) throw new Error(`keyring session timed out\n${run.stderr}`);
    return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, daemonPids };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnCollecting(
  command: string,
  args: string[],
  options: { cwd: string | undefined; env: Record<string, string>; timeoutMs: number },
): Promise<{ exitCode: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout can stop the session and everything in it.
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
      resolve({ exitCode, stdout, stderr, timedOut });
    });
  });
}

async function readPid(path: string): Promise<number> {
  const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no daemon PID in ${path}`);
  return pid;
}

/** Waits briefly for the daemons to go; any survivor is killed and reported as a failure. */
async function ensureExited(pids: number[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isRunning);
  }
  if (alive.length === 0) return;
  for (const pid of alive) process.kill(pid, 'SIGKILL');
  throw new Error(`keyring session left daemons running (killed): ${alive.join(', ')}`);
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
