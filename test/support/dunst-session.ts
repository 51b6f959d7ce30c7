/**
 * Runs a command against a real notification daemon on a private desktop: its own D-Bus session
 * bus (with no service activation, so nothing else can claim the notification name), an Xvfb
 * display Xvfb picked itself, and dunst on both, configured from a temp directory. Every daemon
 * is stopped by PID; we then check that they, and anything else the session started, are gone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './keyring-session.js';

export interface DunstSessionResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The session's daemons; all have exited by the time this result exists. */
  daemonPids: { dbus: number; xvfb: number; dunst: number };
  /** The X display Xvfb served, e.g. 99 for `:99`. */
  display: number;
  /** Processes of the session still alive after it ended (each has been killed): none, we hope. */
  survivors: string[];
}

export interface DunstSessionOptions {
  cwd?: string;
  /** Added to the session's minimal environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** What a command in the session finds in `$DUNST_SESSION_DIR`. */
export const dunstSessionFiles = {
  /** dunst's `-print` log: one `{ … }` record per notification it received. */
  printed: 'dunst.out',
  /** The lines dunst offered in its last context menu (`dunstctl context`). */
  menu: 'menu.txt',
};

// A session bus without <servicedir>: notify-send can never D-Bus-activate a second daemon.
const busConfig = (dir: string) => `<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

// dunst's context menu pipes the actions of the shown notifications through `dmenu` and runs
// the one it prints; this one plays the responder choosing "Acknowledge".
const pickAcknowledge = (dir: string) => `#!/bin/sh
cat > "${dir}/${dunstSessionFiles.menu}"
grep -m1 '^#Acknowledge ' "${dir}/${dunstSessionFiles.menu}"
`;

const dunstrc = (dir: string) => `[global]
    markup = full
    format = "<b>%s</b>\\n%b"
    dmenu = "${dir}/pick-acknowledge"
    history_length = 20
`;

// Runs inside `dbus-run-session`, which ends its dbus-daemon once this shell exits. dunst goes
// before Xvfb, as it needs the display to shut down cleanly.
const sessionScript = `
set -u
dir=$DUNST_SESSION_DIR
pgrep -P "$PPID" -x dbus-daemon > "$dir/dbus.pid"
xvfb=
dunst=
stop() {
  if [ -n "$dunst" ]; then kill "$dunst" 2>/dev/null; wait "$dunst"; fi
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null; wait "$xvfb"; fi
}
trap stop EXIT
trap 'exit 143' HUP INT TERM
fail() {
  echo "dunst-session: $1" >&2
  cat "$dir/xvfb.log" "$dir/dunst.log" >&2 2>/dev/null
  exit 70
}
# Xvfb picks a free display and writes its number to fd 3 once it takes connections.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1280x800x24 3> "$dir/display" 2> "$dir/xvfb.log" &
xvfb=$!
echo "$xvfb" > "$dir/xvfb.pid"
tries=0
until [ -s "$dir/display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb" 2>/dev/null; then fail "Xvfb did not start"; fi
  sleep 0.05
done
DISPLAY=":$(cat "$dir/display")"
export DISPLAY
# Line-buffered, so each notification's record is in the file as soon as dunst has it.
stdbuf -oL dunst -config "$dir/dunstrc" -print > "$dir/dunst.out" 2> "$dir/dunst.log" &
dunst=$!
echo "$dunst" > "$dir/dunst.pid"
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
    grep -q 'boolean true'; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$dunst" 2>/dev/null; then fail "dunst did not start"; fi
  sleep 0.05
done
"$@"
`;

export async function runInDunstSession(
  command: string,
  args: readonly string[],
  options: DunstSessionOptions = {},
): Promise<DunstSessionResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-dunst-'));
  try {
    await writeFile(join(dir, 'bus.conf'), busConfig(dir));
    await writeFile(join(dir, 'dunstrc'), dunstrc(dir));
    await writeFile(join(dir, 'pick-acknowledge'), pickAcknowledge(dir));
    await chmod(join(dir, 'pick-acknowledge'), 0o755);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_RUNTIME_DIR: dir,
      DUNST_SESSION_DIR: dir,
      ...options.env,
    };
    const run = await spawnCollecting(
      'dbus-run-session',
      [
        `--config-file=${join(dir, 'bus.conf')}`,
        '--',
        'sh',
        '-c',
        sessionScript,
        'dunst-session',
        command,
        ...args,
      ],
      { cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 45_000 },
    );
    const daemonPids = {
      dbus: await readNumber(join(dir, 'dbus.pid')),
      xvfb: await readNumber(join(dir, 'xvfb.pid')),
      dunst: await readNumber(join(dir, 'dunst.pid')),
    };
    const display = await readNumber(join(dir, 'display'));
    await ensureExited(Object.values(daemonPids));
    const survivors = killSurvivors(run.sessionId);
    if (run.timedOut) throw new Error(`dunst session timed out\n${run.stderr}`);
    // Xvfb removes its lock when it shuts down cleanly; a leftover one blocks that display.
    if (existsSync(`/tmp/.X${display}-lock`)) {
      throw new Error(`Xvfb left /tmp/.X${display}-lock behind`);
    }
    return { ...run, daemonPids, display, survivors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnCollecting(
  command: string,
  args: string[],
  options: { cwd: string | undefined; env: Record<string, string>; timeoutMs: number },
): Promise<{
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  sessionId: number;
}> {
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

async function readNumber(path: string): Promise<number> {
  const value = Number.parseInt(await readFile(path, 'utf8'), 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`no number in ${path}`);
  return value;
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
  throw new Error(`dunst session left daemons running (killed): ${alive.join(', ')}`);
}

/** Kills, by PID, whatever is still running in the session, and says what it was. */
function killSurvivors(sessionId: number): string[] {
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
