import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import { runInDunstSession, type DunstSessionResult } from '../support/dunst-session.js';
import { isRunning } from '../support/private-session.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Debian: xvfb, dunst, libnotify-bin, dbus (dbus-run-session, dbus-send), procps (pgrep).
const needed = ['Xvfb', 'dunst', 'dunstctl', 'notify-send', 'dbus-run-session', 'dbus-send'];
const missing = [...needed, 'stdbuf', 'pgrep'].filter((c) => !commandOnPath(c, process.env));
if (missing.length > 0) {
  console.warn(
    `\n*** SKIPPING notify-send-dunst.test.ts: ${missing.join(', ')} not on PATH. ` +
      'Install: apt-get install xvfb dunst libnotify-bin dbus procps ***\n',
  );
}

interface Record {
  appname: string;
  summary: string;
  body: string;
  urgency: string;
  id: number;
  actions: { [name: string]: string };
}

/** What test/support/dunst-ack-scenario.ts prints. */
interface ScenarioResult {
  incident: { key: string; title: string; service: string };
  hostile: { sent: { title: string; body: string }; record: Record; closed: boolean };
  pwned: boolean;
  normalRung: Record;
  criticalRung: Record;
  displayedAfterEscalation: number;
  opened: string[];
  shownAgain: Record;
  menu: string[];
  ackAction: { state: string; attempts: number; lastError?: string };
  coreStatus: string;
  inSource: { status: string; acknowledgedAt?: string };
  displayedAfterAck: number;
  notifySends: string[];
  problems: string[];
}

describe.skipIf(missing.length > 0)('notify-send against dunst on Xvfb', () => {
  let session: DunstSessionResult;
  let result: ScenarioResult;

  beforeAll(async () => {
    session = await runInDunstSession(
      process.execPath,
      ['--import', 'tsx', 'test/support/dunst-ack-scenario.ts'],
      { cwd: repoRoot },
    );
    expect(session.exitCode, session.stderr).toBe(0);
    result = JSON.parse(session.stdout.trim().split('\n').at(-1)!) as ScenarioResult;
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

  it('escalates a normal notification to critical in place, with --replace-id', () => {
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
    // notify-send unescapes backslashes, so the daemon gets the body exactly as sent, escaped.
    expect(record.body).toBe(
      sent.body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
    expect(result.hostile.closed).toBe(true);
  });

  it('leaves nothing running', () => {
    expect(result.notifySends).toEqual([]);
    expect(session.survivors).toEqual([]);
    for (const pid of Object.values(session.daemonPids)) expect(isRunning(pid)).toBe(false);
  });
});
