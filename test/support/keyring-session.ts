/**
 * Runs a command against a real, private OS keychain: its own D-Bus session bus and an
 * unlocked gnome-keyring-daemon whose keyrings live in a temp directory, so tests never
 * touch the user's keyring. Both daemons are stopped by PID, and we check they are gone.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureExited,
  privateHome,
  readPids,
  spawnCollecting,
  type PrivateSessionOptions,
} from './private-session.js';

export interface KeyringSessionResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The session's daemons; both have exited by the time this result exists. */
  daemonPids: { dbus: number; keyring: number };
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
  options: PrivateSessionOptions = {},
): Promise<KeyringSessionResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-keyring-'));
  try {
    // gnome-keyring-daemon refuses a runtime dir that others can read.
    await mkdir(join(dir, 'run'), { mode: 0o700 });
    const env = {
      ...privateHome(dir),
      XDG_RUNTIME_DIR: join(dir, 'run'),
      KEYRING_SESSION_DIR: dir,
      ...options.env,
    };
    const run = await spawnCollecting(
      'dbus-run-session',
      ['--', 'sh', '-c', sessionScript, 'keyring-session', command, ...args],
      { cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 30_000 },
    );
    const daemonPids = await readPids(dir, ['dbus', 'keyring']);
    await ensureExited(Object.values(daemonPids), 'keyring session');
    if (run.timedOut) throw new Error(`keyring session timed out\n${run.stderr}`);
    return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, daemonPids };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
