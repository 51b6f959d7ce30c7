/**
 * Runs a command against a real notification daemon on a private desktop: its own D-Bus session
 * bus (with no service activation, so nothing else can claim the notification name), an Xvfb
 * display Xvfb picked itself, and dunst on both, configured from a temp directory. Every daemon
 * is stopped by PID; we then check that they, and anything else the session started, are gone.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureExited,
  killSurvivors,
  privateHome,
  readNumber,
  readPids,
  spawnCollecting,
  type PrivateSessionOptions,
} from './private-session.js';

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

/** What a command in the session finds in `$DUNST_SESSION_DIR`. */
export const dunstSessionFiles = {
  /** dunst's `-print` log: one `{ … }` record per notification it received. */
  printed: 'dunst.out',
  /** The lines dunst offered in its last context menu (`dunstctl context`). */
  menu: 'menu.txt',
};

// A session bus without <servicedir>: nothing can D-Bus-activate a second daemon.
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
  options: PrivateSessionOptions = {},
): Promise<DunstSessionResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-dunst-'));
  try {
    await writeFile(join(dir, 'bus.conf'), busConfig(dir));
    await writeFile(join(dir, 'dunstrc'), dunstrc(dir));
    await writeFile(join(dir, 'pick-acknowledge'), pickAcknowledge(dir));
    await chmod(join(dir, 'pick-acknowledge'), 0o755);
    const env = {
      ...privateHome(dir),
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
    const daemonPids = await readPids(dir, ['dbus', 'xvfb', 'dunst']);
    const display = await readNumber(join(dir, 'display'));
    await ensureExited(Object.values(daemonPids), 'dunst session');
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
