/**
 * The notify-send fallback against dunst, in an app process that is then sent SIGTERM, as a
 * desktop session's logout would. Runs inside `runInDunstSession` and prints one JSON line for
 * notify-send-dunst.test.ts.
 *
 * The app (this file with `app`) gets a session bus address with nothing behind it, so
 * DbusNotifier cannot connect and hands over to notify-send, which finds the real session bus in
 * the environment it inherits. It shows 30 notifications at once, updates the newest, and waits.
 * Run: node --import tsx test/support/dunst-notify-send-scenario.ts (inside the session)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DbusNotifier } from '../../electron/core/notify/dbus-notifier.js';
import { commandOnPath, selectNotifier } from '../../electron/core/notify/select-notifier.js';
import type { Log } from '../../electron/core/ports/log.js';
import type { DesktopNotification } from '../../electron/core/ports/notifier.js';
import { DunstControl } from './dunst-control.js';
import {
  childrenNamed,
  dunstRecords,
  eventually,
  inSession,
  sessionDir,
} from './dunst-scenario-kit.js';

const notifySend = ['notify-send', 'stdbuf'];

async function app(): Promise<void> {
  const problems: string[] = [];
  const log: Log = {
    info: () => {},
    warn: (message) => problems.push(message),
    error: (message) => problems.push(message),
  };
  const notifier = selectNotifier({
    platform: process.platform,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(sessionDir(), 'no-bus')}` },
    hasCommand: (name) => commandOnPath(name, process.env),
    log,
  });
  if (!(notifier instanceof DbusNotifier)) throw new Error('selectNotifier chose no DbusNotifier');
  // As the shell and the browser host do: dispose of the notifier, then exit.
  process.once('SIGTERM', () => {
    notifier.dispose();
    process.exit(0);
  });
  const storm = (n: number): DesktopNotification => ({
    id: `storm:${n}`,
    title: `storm ${n}`,
    body: `alert ${n}`,
    urgency: 'normal',
    actions: [{ id: 'ack', label: 'Acknowledge' }],
  });
  notifier.show({
    ...storm(0),
    id: 'storm:critical',
    title: 'storm critical',
    urgency: 'critical',
  });
  for (let n = 1; n < 30; n++) notifier.show(storm(n));
  let maxProcesses = 0;
  for (let waited = 0; waited < 1_500; waited += 10) {
    maxProcesses = Math.max(maxProcesses, childrenNamed(process.pid, notifySend));
    await delay(10);
  }
  notifier.show({ ...storm(29), body: 'alert 29, updated' });
  console.log(JSON.stringify({ maxProcesses, problems }));
  setInterval(() => {}, 60_000);
}

async function scenario(): Promise<void> {
  const dunst = await DunstControl.connect();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'app'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let maxLive = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      maxLive = Math.max(maxLive, await dunst.live());
      await delay(10);
    }
  })();
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const { value: line } = await lines.next();
  if (typeof line !== 'string') throw new Error('the app ended without saying what it saw');
  const app = JSON.parse(line) as { maxProcesses: number; problems: string[] };
  const updated = await eventually(
    async () => (await dunstRecords()).find((r) => r.body === 'alert 29, updated'),
    'the update to reach dunst',
  );
  await delay(300);
  watching = false;
  await watcher;
  const liveBeforeQuit = await dunst.live();
  const records = await dunstRecords();

  child.kill('SIGTERM');
  const exitCode = await exited;
  const leftAtExit = inSession(notifySend);
  const leftAfter = await eventually(
    async () => (inSession(notifySend).length === 0 ? [] : undefined),
    'notify-send to exit',
    3_000,
  ).catch(() => inSession(notifySend));
  const liveAfterQuit = await eventually(
    async () => ((await dunst.live()) === 0 ? 0 : undefined),
    'the notifications to close',
    3_000,
  ).catch(() => dunst.live());
  dunst.disconnect();

  console.log(
    JSON.stringify({
      app,
      maxLive,
      liveBeforeQuit,
      shown: [...new Set(records.map((r) => r.summary))].sort(),
      original: records.find((r) => r.summary === 'storm 29' && r.body === 'alert 29'),
      updated,
      exitCode,
      leftAtExit,
      leftAfter,
      liveAfterQuit,
    }),
  );
}

await (process.argv[2] === 'app' ? app() : scenario());
