import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import type { DunstRecord } from '../support/dunst-scenario-kit.js';
import { runInDunstSession, type DunstSessionResult } from '../support/dunst-session.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Debian: xvfb, dunst, libnotify-bin, dbus (dbus-run-session, dbus-send), coreutils, procps.
const needed = ['Xvfb', 'dunst', 'notify-send', 'dbus-run-session', 'dbus-send', 'stdbuf', 'pgrep'];
const missing = needed.filter((c) => !commandOnPath(c, process.env));
if (missing.length > 0) {
  console.warn(
    `\n*** SKIPPING notify-send-dunst.test.ts: ${missing.join(', ')} not on PATH. ` +
      'Install: apt-get install xvfb dunst libnotify-bin dbus procps ***\n',
  );
}

/** What test/support/dunst-notify-send-scenario.ts prints. */
interface ScenarioResult {
  app: { maxProcesses: number; problems: string[] };
  maxLive: number;
  liveBeforeQuit: number;
  shown: string[];
  original?: DunstRecord;
  updated: DunstRecord;
  exitCode: number | null;
  leftAtExit: string[];
  leftAfter: string[];
  liveAfterQuit: number;
}

describe.skipIf(missing.length > 0)('the notify-send fallback against dunst on Xvfb', () => {
  let session: DunstSessionResult;
  let result: ScenarioResult;

  beforeAll(async () => {
    session = await runInDunstSession(
      process.execPath,
      ['--import', 'tsx', 'test/support/dunst-notify-send-scenario.ts'],
      { cwd: repoRoot },
    );
    expect(session.exitCode, session.stderr).toBe(0);
    result = JSON.parse(session.stdout.trim().split('\n').at(-1)!) as ScenarioResult;
  });

  it('takes over when the session bus cannot be reached directly', () => {
    expect(result.app.problems).toEqual([
      expect.stringMatching(
        /^desktop notifications over D-Bus are unavailable \(.*ENOENT.*\); using the fallback$/,
      ),
    ]);
    expect(result.updated.appname).toBe('Onwatch');
  });

  it('runs at most 8 notify-send processes for 30 notifications, the critical one kept', () => {
    expect(result.app.maxProcesses).toBe(8);
    expect(result.maxLive).toBeLessThanOrEqual(8);
    expect(result.liveBeforeQuit).toBe(8);
    // The 20 DbusNotifier had waiting were handed over; each that pushed out an older one
    // waited for its process to end, and those pushed out before they started never did.
    const storm = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `storm ${from + i}`);
    expect(result.shown).toEqual([...storm(11, 17), ...storm(23, 29), 'storm critical']);
  });

  it('updates a notification in place', () => {
    expect(result.original).toBeDefined();
    expect(result.updated.id).toBe(result.original!.id);
  });

  it('leaves no notify-send, and no notification, once the app is sent SIGTERM', () => {
    expect(result.exitCode).toBe(0);
    // Signalled as the app exits; each closes its notification and is gone moments later.
    expect(result.leftAtExit.length).toBeLessThanOrEqual(8);
    expect(result.leftAfter).toEqual([]);
    expect(result.liveAfterQuit).toBe(0);
    expect(session.survivors).toEqual([]);
  });
});
