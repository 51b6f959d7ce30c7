import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentTimeline } from '../../electron/common/model/incident-timeline.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { secretAccount } from '../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startOpsgenieFake, fakeUsername, type OpsgenieFake } from '../fakes/opsgenie-fake.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The `incidentTimeline` command, through the whole core, against the loopback PagerDuty and
 * Opsgenie fakes and a real prometheus-alertmanager 0.25: each timeline read on demand, and an
 * ack from Onwatch showing up in it (for Alertmanager, as the silence the ack made).
 */

let pagerduty: PagerDutyFake;
let opsgenie: OpsgenieFake;
let am: AlertmanagerHarness;
let core: OnwatchCore;
let clock: FakeClock;
let removeDir: () => Promise<void>;

/** Waits for real I/O while moving the fake clock, which paces polls and retries. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let step = 0; !condition(); step++) {
    if (step > 600) throw new Error(`timed out waiting for ${what}`);
    await clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A command's answer, the clock moving meanwhile: rate limiters pace requests by it. */
async function answer<T>(command: Promise<T>): Promise<T> {
  let settled = false;
  void command.finally(() => (settled = true)).catch(() => undefined);
  await until(() => settled, 'the answer');
  return command;
}

const keyOf = (sourceId: string, match: (title: string) => boolean) => {
  const found = core.getState().incidents.find((i) => i.sourceId === sourceId && match(i.title));
  if (!found) throw new Error(`no incident of ${sourceId} is shown`);
  return found.key;
};
const actionsDone = () => core.getState().actions.every((action) => action.state === 'done');
const entriesOf = (timeline: IncidentTimeline) => {
  if (!timeline.available) throw new Error(`no timeline: ${timeline.why}`);
  return timeline.entries;
};

beforeAll(async () => {
  [pagerduty, opsgenie, am] = await Promise.all([
    startPagerDutyFake(),
    startOpsgenieFake(),
    startAlertmanager(),
  ]);
  await am.postAlerts([
    { labels: { alertname: 'DiskFull', instance: 'db-1', severity: 'critical' } },
  ]);
  const dir = await makeTempDir();
  removeDir = () => dir.remove();
  const settingsPath = join(dir.path, 'settings.json');
  await writeFile(
    settingsPath,
    JSON.stringify({
      version: 1,
      responderName: 'Jane Doe',
      sources: [
        {
          kind: 'pagerduty',
          id: 'pd',
          name: 'PagerDuty',
          email: pagerduty.me.email,
          apiBaseUrl: pagerduty.baseUrl,
        },
        {
          kind: 'opsgenie',
          id: 'og',
          name: 'Opsgenie',
          username: fakeUsername,
          apiBaseUrl: opsgenie.url,
        },
        { kind: 'alertmanager', id: 'am', name: 'Prod Alertmanager', baseUrl: am.baseUrl },
      ],
    }),
  );
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('pd', 'token'), pagerduty.tokens.user);
  await secrets.set(secretAccount('og', 'token'), opsgenie.apiKey);
  clock = new FakeClock(Date.now());
  core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log: silentLog,
    timeZone: 'UTC',
    random: () => 1,
  });
  await until(
    () => core.getState().sources.every((source) => source.health === 'ok'),
    'every source to answer',
  );
});

afterAll(async () => {
  await core?.stop();
  await removeDir?.();
  await Promise.all([pagerduty?.stop(), opsgenie?.stop(), am?.stop()]);
});

describe('incidentTimeline through the core', () => {
  it("reads PagerDuty's log and notes on demand, and shows an ack from here", async () => {
    const key = keyOf('pd', (title) => title.startsWith('Checkout API 5xx'));
    const logReads = () => pagerduty.requests.filter((r) => r.path.endsWith('/log_entries')).length;
    // The poll never reads the log: only the command does.
    await clock.advance(120_000);
    expect(logReads()).toBe(0);

    const before = entriesOf(await answer(core.handlers.incidentTimeline({ key })));
    expect(before.map((e) => e.kind)).toEqual(['opened']);
    expect(logReads()).toBe(1);

    await core.handlers.ack({ key });
    await core.handlers.act({ key, action: { type: 'note', text: 'Rolling back 4.12' } });
    await until(actionsDone, 'the ack and the note to be confirmed');
    const after = entriesOf(await answer(core.handlers.incidentTimeline({ key })));
    expect(after.map((e) => [e.kind, e.by])).toEqual([
      ['opened', 'Checkout API'],
      ['acknowledged', 'Jane Doe'],
      ['note', 'Jane Doe'],
    ]);
    expect(after[2]!.text).toMatch(/^Rolling back 4\.12/);
  });

  it('says in words what PagerDuty refused, and keeps what it read', async () => {
    const key = keyOf('pd', (title) => title.startsWith('Search p99'));
    pagerduty.setFault({ status: 403 }, { path: '/incidents/PINC003/log_entries' });
    try {
      const timeline = await answer(core.handlers.incidentTimeline({ key }));
      expect(timeline).toMatchObject({
        available: true,
        partial: 'Your PagerDuty key may not read log entries.',
      });
      expect(entriesOf(timeline).map((e) => e.kind)).toEqual(['note']);
    } finally {
      pagerduty.setFault(null);
    }
  });

  it("reads an Opsgenie alert's log and notes", async () => {
    const key = core.getState().incidents.find((i) => i.sourceId === 'og')!.key;
    await core.handlers.ack({ key });
    await until(actionsDone, 'the Opsgenie ack to be confirmed');
    const entries = entriesOf(await answer(core.handlers.incidentTimeline({ key })));
    expect(entries[0]).toMatchObject({ kind: 'opened', text: 'Alert created via Prometheus' });
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'acknowledged', by: fakeUsername }),
    );
  });

  it("shows when an Alertmanager alert started firing and the silence Onwatch's ack made", async () => {
    const key = keyOf('am', (title) => title === 'DiskFull');
    expect(entriesOf(await answer(core.handlers.incidentTimeline({ key })))).toEqual([
      expect.objectContaining({ kind: 'opened', text: 'Started firing' }),
    ]);

    await core.handlers.ack({ key });
    await until(actionsDone, 'the silence to be made');
    const [silence] = await am.listSilences();
    const entries = entriesOf(await answer(core.handlers.incidentTimeline({ key })));
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'opened' }),
      {
        at: new Date(silence!.startsAt).toISOString(),
        kind: 'silenced',
        text: expect.stringMatching(/^Silenced: Acknowledged in Onwatch/),
        by: 'onwatch (Jane Doe)',
        until: new Date(silence!.endsAt).toISOString(),
      },
    ]);

    // Lifted in Alertmanager's own UI: the timeline says when it ended.
    await fetch(`${am.baseUrl}/api/v2/silence/${silence!.id}`, { method: 'DELETE' });
    const lifted = entriesOf(await answer(core.handlers.incidentTimeline({ key })));
    expect(lifted.map((e) => e.text)).toContain('Silence ended');
  });

  it('answers in words for an incident that is gone', async () => {
    expect(await answer(core.handlers.incidentTimeline({ key: 'pd:PNOPE' }))).toEqual({
      available: false,
      why: 'That incident is no longer open.',
    });
  });
});
