import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../electron/common/model/incident-event.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import {
  startAlertmanagerCluster,
  type AlertmanagerHarness,
  type TestAlert,
} from '../support/alertmanager-harness.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeNotifier } from '../support/fake-notifier.js';
import { makeTempDir } from '../support/temp-dir.js';

/*
 * One Onwatch source over a real Alertmanager HA pair (two Debian prometheus-alertmanager
 * processes gossiping on loopback), through the whole core: a replica going down costs
 * nothing a responder sees, an ack is one silence the cluster shares, and the source is blind
 * only once both replicas are gone.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What Prometheus sends every replica: the same alerts, with the same start. */
function pages(): TestAlert[] {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
  return ['DiskFull', 'HighLatency'].map((alertname) => ({
    labels: { alertname, severity: 'critical', instance: 'db-1' },
    annotations: { summary: `${alertname} on db-1` },
    startsAt,
    endsAt,
  }));
}

async function startCoreOn(replicas: AlertmanagerHarness[]) {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  const [first, ...others] = replicas;
  const source = {
    kind: 'alertmanager',
    id: 'am-ha',
    name: 'Alertmanager HA',
    baseUrl: first!.baseUrl,
    replicaUrls: others.map((replica) => replica.baseUrl),
    pollIntervalSeconds: 5,
    timeoutSeconds: 4,
  };
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'jane', sources: [source] }),
  );
  // Behind the real clock, however far the test moves it: a silence the core dated ahead of
  // Alertmanager's clock would only be pending, and mute nothing yet.
  const clock = new FakeClock(Date.now() - 10 * 60_000);
  const notifier = new FakeNotifier();
  const core = await OnwatchCore.start({
    settingsPath,
    secrets: new MemorySecretStore(),
    clock,
    log: silentLog,
    notifier,
    random: () => 1,
  });
  const events: IncidentEvent[] = [];
  core.onIncidentEvents((batch) => events.push(...batch));
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  const health = () => core.getState().sources[0]!;
  const incidents = () =>
    core
      .getState()
      .incidents.map((i) => `${i.title} ${i.status} ${i.externalId}`)
      .sort();
  /** Waits for real I/O while nudging the fake clock, which paces the outbox and the polls. */
  const settle = async (condition: () => boolean | Promise<boolean>, what: string) => {
    for (let step = 0; !(await condition()); step++) {
      if (step > 400) throw new Error(`timed out waiting for ${what}`);
      await clock.advance(50);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const nextPoll = async () => {
    const before = health();
    const due = Date.parse(before.nextPollAt ?? new Date(clock.now()).toISOString());
    await clock.advance(Math.max(0, due - clock.now()));
    await settle(() => health() !== before && !health().polling, 'the poll to finish');
  };
  return { core, notifier, events, health, incidents, settle, nextPoll };
}

/** Silences the replica lists that are not expired, by comment. */
async function liveSilences(replica: AlertmanagerHarness): Promise<string[]> {
  const silences = await replica.listSilences();
  return silences
    .filter((s) => s.status.state !== 'expired')
    .map((s) => s.comment)
    .sort();
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an Alertmanager HA pair, seen through one source', () => {
  it('stays seen with one replica down: the same incidents, nothing twice, one silence per ack', async () => {
    const [a, b] = await startAlertmanagerCluster(2);
    cleanups.push(a!.stop, b!.stop);
    const firing = pages();
    for (const replica of [a!, b!]) await replica.postAlerts(firing);
    const { core, notifier, events, health, incidents, settle, nextPoll } = await startCoreOn([
      a!,
      b!,
    ]);
    await settle(() => health().health === 'ok' && incidents().length === 2, 'both pages');
    const [disk, latency] = core
      .getState()
      .incidents.map((i) => i)
      .sort((x, y) => x.title.localeCompare(y.title));

    // An ack is one silence, made on the first replica and gossiped to the other.
    await core.handlers.ack({ key: disk!.key });
    await settle(async () => (await liveSilences(a!)).length > 0, 'the ack to be sent');
    await until(async () => (await liveSilences(b!)).length > 0, 'the silence to gossip');
    expect(await liveSilences(a!)).toHaveLength(1);
    expect(await liveSilences(b!)).toHaveLength(1);
    await nextPoll();
    const seen = incidents();
    expect(seen).toEqual([
      expect.stringMatching(/^DiskFull on db-1 acknowledged /),
      expect.stringMatching(/^HighLatency on db-1 triggered /),
    ]);
    const eventsBefore = events.length;

    await a!.stop();
    for (let poll = 0; poll < 3; poll++) {
      await nextPoll();
      expect(health()).toMatchObject({ health: 'ok', consecutiveFailures: 0 });
      expect(incidents()).toEqual(seen);
    }
    expect(health().replicas).toEqual([
      {
        url: new URL(a!.baseUrl).host,
        answering: false,
        problem: expect.stringContaining('connection refused'),
      },
      { url: new URL(b!.baseUrl).host, answering: true },
    ]);
    // Nothing came, went or changed because another replica answered.
    expect(events.slice(eventsBefore)).toEqual([]);

    // An ack while the first replica is down is made once, on the one that answers.
    await core.handlers.ack({ key: latency!.key });
    await settle(async () => (await liveSilences(b!)).length > 1, 'the second ack to be sent');
    await nextPoll();
    expect(incidents().every((i) => i.includes(' acknowledged '))).toBe(true);
    expect(await liveSilences(b!)).toEqual([
      expect.stringContaining('DiskFull on db-1'),
      expect.stringContaining('HighLatency on db-1'),
    ]);

    // Each page was announced once, however many replicas were asked.
    for (const key of [disk!.key, latency!.key]) {
      expect(notifier.history.filter((n) => n.id === key && n.urgency === 'normal')).toHaveLength(
        1,
      );
    }
    expect(events.filter((e) => e.type === 'new')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'resolved')).toEqual([]);

    // Only with both replicas gone does the source fail, then turn blind, naming both. (On a slow
    // run the first failure may already be blind: fresh pages are then over 1.5 intervals old.)
    await b!.stop();
    await nextPoll();
    expect(['degraded', 'blind']).toContain(health().health);
    await nextPoll();
    expect(health()).toMatchObject({
      health: 'blind',
      lastError: expect.stringMatching(
        /^no replica answered \(.*connection refused.*; .*connection refused/,
      ),
    });
    expect(incidents()).toEqual(seen.map((line) => line.replace(' triggered ', ' acknowledged ')));
  });
});
