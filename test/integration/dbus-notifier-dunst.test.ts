import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../electron/core/ports/notifier.js';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import type { DunstRecord } from '../support/dunst-scenario-kit.js';
import { runInDunstSession, type DunstSessionResult } from '../support/dunst-session.js';
import { isRunning } from '../support/private-session.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Debian: xvfb, dunst, dbus (dbus-run-session, dbus-send), procps (pgrep).
const needed = ['Xvfb', 'dunst', 'dbus-run-session', 'dbus-send', 'stdbuf', 'pgrep'];
const missing = needed.filter((c) => !commandOnPath(c, process.env));
if (missing.length > 0) {
  console.warn(
    `\n*** SKIPPING dbus-notifier-dunst.test.ts: ${missing.join(', ')} not on PATH. ` +
      'Install: apt-get install xvfb dunst dbus procps ***\n',
  );
}

/** Runs a scenario script in a fresh dunst session; its last line of output is its verdict. */
async function runScenario<T>(script: string): Promise<{ session: DunstSessionResult; result: T }> {
  const session = await runInDunstSession(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
  });
  expect(session.exitCode, session.stderr).toBe(0);
  return { session, result: JSON.parse(session.stdout.trim().split('\n').at(-1)!) as T };
}

/** What test/support/dunst-ack-scenario.ts prints. */
interface ScenarioResult {
  incident: { key: string; title: string; service: string };
  hostile: { sent: { title: string; body: string }; record: DunstRecord; closed: boolean };
  pwned: boolean;
  normalRung: DunstRecord;
  criticalRung: DunstRecord;
  displayedAfterEscalation: number;
  opened: string[];
  shownAgain: DunstRecord;
  menu: string[];
  ackAction: { state: string; attempts: number; lastError?: string };
  coreStatus: string;
  inSource: { status: string; acknowledgedAt?: string };
  displayedAfterAck: number;
  newChildren: string[];
  problems: string[];
}

describe.skipIf(missing.length > 0)('acknowledging a page from dunst, over D-Bus', () => {
  let session: DunstSessionResult;
  let result: ScenarioResult;

  beforeAll(async () => {
    ({ session, result } = await runScenario<ScenarioResult>('test/support/dunst-ack-scenario.ts'));
  });

  it('shows a drill page as a critical notification with an Acknowledge action', () => {
    expect(result.incident.key).toMatch(/^drill:/);
    expect(result.criticalRung).toEqual({
      appname: 'Onwatch',
      summary: `▲ HIGH · ${result.incident.service}`,
      body: result.incident.title,
      urgency: 'CRITICAL',
      id: expect.any(Number),
      actions: { ack: 'Acknowledge', default: 'Open' },
    });
    expect(result.displayedAfterEscalation).toBe(1);
  });

  it('escalates a normal notification to critical in place, with replaces_id', () => {
    expect(result.normalRung.urgency).toBe('NORMAL');
    expect(result.criticalRung.id).toBe(result.normalRung.id);
  });

  it('opens the incident on a click on the notification', () => {
    expect(result.opened).toEqual([result.incident.key]);
  });

  it('acknowledges the incident in its source from the Acknowledge action', () => {
    expect(result.menu).toEqual([
      `#Open (▲ HIGH · ${result.incident.service}) [${result.shownAgain.id},default]`,
      `#Acknowledge (▲ HIGH · ${result.incident.service}) [${result.shownAgain.id},ack]`,
    ]);
    expect(result.ackAction).toMatchObject({ state: 'done', attempts: 1 });
    expect(result.coreStatus).toBe('acknowledged');
    expect(result.inSource).toEqual({ status: 'acknowledged', acknowledgedAt: expect.any(String) });
    expect(result.displayedAfterAck).toBe(0);
    expect(result.problems).toEqual([]);
  });

  it('delivers hostile text as inert text, with the body’s markup escaped', () => {
    const { sent, record } = result.hostile;
    expect(result.pwned).toBe(false);
    expect(record.summary).toBe(sent.title);
    expect(record.urgency).toBe('CRITICAL');
    // dunst advertises body-markup, so the body arrives escaped, backslashes and all.
    expect(record.body).toBe(
      sent.body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
    expect(result.hostile.closed).toBe(true);
  });

  it('leaves nothing running, having started no process at all', () => {
    expect(result.newChildren).toEqual([]);
    expect(session.survivors).toEqual([]);
    for (const pid of Object.values(session.daemonPids)) expect(isRunning(pid)).toBe(false);
  });
});

/** What test/support/dunst-dbus-scenario.ts prints. */
interface DbusScenarioResult {
  shown: DunstRecord;
  updated: DunstRecord;
  liveAfterUpdate: number;
  shownAgain: DunstRecord;
  actions: [string, string][];
  toClose: DunstRecord;
  liveBeforeClose: number;
  liveAfterClose: number;
  reshown: DunstRecord;
  hostile: {
    sent: DesktopNotification;
    record: DunstRecord;
    rendered: { summary: string; body: string; message: string };
  };
  storm: { stormCallsMs: number; records: string[]; maxLive: number; liveAfterStorm: number };
  closedAfterDisposeMs: number;
  handlesBefore: string[];
  handlesAfter: string[];
  newChildren: string[];
  problems: string[];
}

describe.skipIf(missing.length > 0)('DbusNotifier against dunst on Xvfb', () => {
  let session: DunstSessionResult;
  let result: DbusScenarioResult;

  beforeAll(async () => {
    ({ session, result } = await runScenario<DbusScenarioResult>(
      'test/support/dunst-dbus-scenario.ts',
    ));
  });

  it('shows a notification with its actions, and updates it in place', () => {
    expect(result.shown).toEqual({
      appname: 'Onwatch',
      summary: '▽ LOW · checkout',
      body: 'Checkout p99 above 2 s',
      urgency: 'NORMAL',
      id: expect.any(Number),
      actions: { ack: 'Acknowledge', default: 'Open' },
    });
    expect(result.updated).toMatchObject({ summary: '▲ HIGH · checkout', urgency: 'CRITICAL' });
    expect(result.updated.id).toBe(result.shown.id);
    expect(result.liveAfterUpdate).toBe(1);
  });

  it('reports a body click as open and the context menu’s Acknowledge as ack', () => {
    expect(result.actions).toEqual([
      ['pd:P1', 'open'],
      ['pd:P1', 'ack'],
    ]);
    // Closed after its action, so showing it again is a new notification.
    expect(result.shownAgain.id).not.toBe(result.shown.id);
  });

  it('closes a notification, and forgets its id once closed', () => {
    expect(result.liveBeforeClose).toBe(1);
    expect(result.liveAfterClose).toBe(0);
    // Had it kept the closed id, dunst would have revived that id for the new notification.
    expect(result.reshown.id).not.toBe(result.toClose.id);
  });

  it('shows hostile text literally: control characters dropped, markup inert', () => {
    const { sent, record, rendered } = result.hostile;
    expect(record.summary).toBe('<b>bold</b> & <i>co</i>[31m next line');
    expect(record.body).toBe(
      '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href="https://evil.example"&gt;link&lt;/a&gt;\n' +
        String.raw`C:\temp\new $(touch x)`,
    );
    expect(sent.body).toContain('\u0000');
    // What dunst hands to Pango: our markup escaped, in the title as well as the body.
    expect(rendered.message).toBe(
      `<b>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;[31m next line</b>\n${record.body}`,
    );
  });

  it('weathers 1,000 notifications in a burst: no process, at most 20 open, the newest sent', () => {
    const { records, maxLive, liveAfterStorm, stormCallsMs } = result.storm;
    expect(stormCallsMs).toBeLessThan(1_000);
    expect(maxLive).toBeLessThanOrEqual(20);
    expect(liveAfterStorm).toBe(20);
    // The critical one first and kept; of the rest, only the newest 19 ever reach dunst.
    expect(records).toEqual([
      'storm critical',
      ...Array.from({ length: 19 }, (_, i) => `storm ${980 + i}`),
    ]);
    expect(result.newChildren).toEqual([]);
  });

  it('takes down what it showed on dispose, lets go of the bus, and lets the process exit', () => {
    expect(result.closedAfterDisposeMs).toBeLessThan(2_000);
    expect(result.handlesAfter).toEqual(result.handlesBefore);
    expect(result.problems).toEqual([]);
    // The scenario ends without process.exit: it exited because nothing held it open.
    expect(session.exitCode).toBe(0);
    expect(session.survivors).toEqual([]);
    for (const pid of Object.values(session.daemonPids)) expect(isRunning(pid)).toBe(false);
  });
});
