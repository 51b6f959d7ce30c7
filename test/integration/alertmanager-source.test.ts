import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../electron/common/model/action.js';
import { incidentSchema } from '../../electron/common/model/incident.js';
import { alertmanagerSourceConfigSchema } from '../../electron/common/providers/alertmanager.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
import {
  startAlertmanager,
  type AlertmanagerHarness,
  type TestAlert,
} from '../support/alertmanager-harness.js';
import { sourceFailure } from '../support/source-failure.js';

/** AlertmanagerSource against the real prometheus-alertmanager 0.25.0. */

const ackSilenceMinutes = 45;

function sourceFor(baseUrl: string, id = 'am-test'): AlertmanagerSource {
  return new AlertmanagerSource({
    config: alertmanagerSourceConfigSchema.parse({
      kind: 'alertmanager',
      id,
      name: 'Test Alertmanager',
      baseUrl,
      ackSilenceMinutes,
    }),
    secrets: {},
    responderName: () => 'alice',
    clock: systemClock,
  });
}

const signal = () => AbortSignal.timeout(10_000);
/** A first attempt of a new action. */
const fresh = (): ActionContext => ({ actionId: randomUUID(), mayHaveBeenSent: false });

const diskFull: TestAlert = {
  labels: { alertname: 'DiskFull', instance: 'db-1:9100', job: 'node', severity: 'critical' },
  annotations: {
    summary: 'Disk almost full on db-1',
    description: 'Only 3% left on /var',
    runbook_url: 'https://runbooks.example.com/disk-full',
  },
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=disk',
};

// A sibling that differs in one label only: the ack of DiskFull must not silence it.
const diskFullOther: TestAlert = {
  labels: { ...diskFull.labels, instance: 'db-2:9100' },
  annotations: { summary: 'Disk almost full on db-2' },
};

const lowDisk: TestAlert = {
  labels: { alertname: 'DiskFilling', namespace: 'shop', severity: 'warning' },
  annotations: {
    summary: '<b>Disk</b> filling "fast"',
    dashboard: 'https://grafana.example.com/d/1',
  },
};

describe('AlertmanagerSource against Alertmanager', () => {
  let am: AlertmanagerHarness;
  let source: AlertmanagerSource;

  beforeAll(async () => {
    am = await startAlertmanager();
    source = sourceFor(am.baseUrl);
    await am.postAlerts([diskFull, diskFullOther, lowDisk]);
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('reports the version in testConnection', async () => {
    const report = await source.testConnection(signal());
    expect(report.summary).toBe('Alertmanager 0.25.0, cluster disabled, 3 firing alerts');
  });

  it('returns firing alerts as triggered incidents with labels, annotations and links', async () => {
    const incidents = await source.fetchIncidents(signal());
    expect(incidents).toHaveLength(3);
    for (const incident of incidents) expect(incidentSchema.parse(incident)).toEqual(incident);

    const disk = incidents.find((i) => i.labels.instance === 'db-1:9100');
    expect(disk).toMatchObject({
      sourceId: 'am-test',
      title: 'Disk almost full on db-1',
      service: 'node',
      status: 'triggered',
      urgency: 'high',
      severity: 'critical',
      labels: diskFull.labels,
      links: [
        { label: 'Runbook', url: 'https://runbooks.example.com/disk-full' },
        { label: 'Source', url: 'http://prometheus.example.com:9090/graph?g0.expr=disk' },
      ],
    });
    expect(disk?.key).toBe(`am-test:${disk?.externalId}`);
    expect(disk?.externalId).toMatch(/^[0-9a-f]{16}$/);
    expect(disk?.webUrl?.startsWith(`${am.baseUrl}/#/alerts?`)).toBe(true);

    const low = incidents.find((i) => i.labels.alertname === 'DiskFilling');
    expect(low).toMatchObject({
      title: '<b>Disk</b> filling "fast"',
      service: 'shop',
      urgency: 'low',
      links: [{ label: 'dashboard', url: 'https://grafana.example.com/d/1' }],
    });
  });

  it('acks by silencing exactly the alert, which then stays visible as acknowledged', async () => {
    const before = await source.fetchIncidents(signal());
    const disk = before.find((i) => i.labels.instance === 'db-1:9100')!;
    const ackedAt = Date.now();

    const context = fresh();
    await source.act(disk, { type: 'ack' }, signal(), context);

    const silences = await am.listSilences();
    expect(silences).toHaveLength(1);
    const [silence] = silences;
    expect(silence?.status.state).toBe('active');
    expect(silence?.createdBy).toBe('onwatch (alice)');
    expect(silence?.comment).toBe(
      `Acknowledged in Onwatch: Disk almost full on db-1 (Onwatch ref ${context.actionId.slice(0, 8)})`,
    );
    const matchers = [...(silence?.matchers ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    expect(matchers).toEqual(
      Object.entries(diskFull.labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
    );
    const expectedEnd = ackedAt + ackSilenceMinutes * 60_000;
    expect(Math.abs(Date.parse(silence!.endsAt) - expectedEnd)).toBeLessThan(10_000);

    const after = await source.fetchIncidents(signal());
    expect(after).toHaveLength(3);
    const acked = after.find((i) => i.externalId === disk.externalId);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      assignees: ['onwatch (alice)'],
      acknowledgedAt: new Date(silence!.startsAt).toISOString(),
    });
    // The sibling differs only in `instance` and must still page.
    const sibling = after.find((i) => i.labels.instance === 'db-2:9100');
    expect(sibling?.status).toBe('triggered');
  });

  it('refuses to resolve', async () => {
    const [incident] = await source.fetchIncidents(signal());
    const error = await sourceFailure(
      source.act(incident!, { type: 'resolve' }, signal(), fresh()),
    );
    expect(error.kind).toBe('rejected');
  });
});

describe('AlertmanagerSource retrying an action whose answer was lost', () => {
  let am: AlertmanagerHarness;
  let source: AlertmanagerSource;

  beforeAll(async () => {
    am = await startAlertmanager();
    source = sourceFor(am.baseUrl, 'am-retry');
    await am.postAlerts([diskFull, lowDisk]);
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('never creates a second silence for the same action, but does for another', async () => {
    const disk = (await source.fetchIncidents(signal())).find(
      (i) => i.labels.alertname === 'DiskFull',
    )!;
    const actionId = randomUUID();

    await source.act(disk, { type: 'ack' }, signal(), { actionId, mayHaveBeenSent: false });
    expect(await am.listSilences()).toHaveLength(1);

    // The outbox retries after a lost answer: the silence is found by its ref, not posted again.
    await source.act(disk, { type: 'ack' }, signal(), { actionId, mayHaveBeenSent: true });
    const afterRetry = await am.listSilences();
    expect(afterRetry).toHaveLength(1);
    expect(afterRetry[0]?.comment).toContain(`(Onwatch ref ${actionId.slice(0, 8)})`);

    // Same alert, same labels, another action: the check is by ref, so this one is new.
    const otherId = randomUUID();
    await source.act(disk, { type: 'ack' }, signal(), { actionId: otherId, mayHaveBeenSent: true });
    const silences = await am.listSilences();
    expect(silences).toHaveLength(2);
    expect(silences.map((s) => s.comment.match(/Onwatch ref (\w+)/)?.[1]).sort()).toEqual(
      [actionId.slice(0, 8), otherId.slice(0, 8)].sort(),
    );
    expect(silences.every((s) => s.status.state === 'active')).toBe(true);
  });

  it('silences for the minutes asked, and the alert shows as acknowledged', async () => {
    const low = (await source.fetchIncidents(signal())).find(
      (i) => i.labels.alertname === 'DiskFilling',
    )!;
    const context = fresh();
    const silencedAt = Date.now();

    await source.act(low, { type: 'silence', minutes: 180 }, signal(), context);

    const ref = `(Onwatch ref ${context.actionId.slice(0, 8)})`;
    const ours = (await am.listSilences()).filter((s) => s.comment.includes(ref));
    expect(ours).toHaveLength(1);
    const expectedEnd = silencedAt + 180 * 60_000;
    expect(Math.abs(Date.parse(ours[0]!.endsAt) - expectedEnd)).toBeLessThan(10_000);
    const after = await source.fetchIncidents(signal());
    expect(after.find((i) => i.externalId === low.externalId)?.status).toBe('acknowledged');
  });
});

describe('AlertmanagerSource behind a route prefix', () => {
  let am: AlertmanagerHarness;

  beforeAll(async () => {
    am = await startAlertmanager({ routePrefix: '/am' });
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('fetches, acks and tests the connection under /am', async () => {
    expect(am.baseUrl).toMatch(/\/am$/);
    await am.postAlerts([diskFull]);
    // With a trailing slash, as users often paste it.
    const source = sourceFor(`${am.baseUrl}/`, 'am-prefixed');

    expect((await source.testConnection(signal())).summary).toMatch(/^Alertmanager 0\.25\.0, /);
    const [incident] = await source.fetchIncidents(signal());
    expect(incident?.webUrl?.startsWith(`${am.baseUrl}/#/alerts?`)).toBe(true);

    await source.act(incident!, { type: 'ack' }, signal(), fresh());
    expect(await am.listSilences()).toHaveLength(1);
    const [acked] = await source.fetchIncidents(signal());
    expect(acked?.status).toBe('acknowledged');
  });
});

describe('AlertmanagerSource when Alertmanager is down', () => {
  it('reports unreachable, naming host and port', async () => {
    const am = await startAlertmanager();
    await am.stop();
    const source = sourceFor(am.baseUrl);
    const port = new URL(am.baseUrl).port;

    for (const attempt of [
      () => source.fetchIncidents(signal()),
      () => source.testConnection(signal()),
    ]) {
      const error = await sourceFailure(attempt());
      expect(error.kind).toBe('unreachable');
      expect(error.message).toBe(`nothing is listening at 127.0.0.1:${port} (connection refused)`);
    }
  });
});

describe("AlertmanagerSource with Alertmanager's own grouping", () => {
  let am: AlertmanagerHarness;

  beforeAll(async () => {
    am = await startAlertmanager({ groupBy: ['alertname'] });
    await am.postAlerts([diskFull, diskFullOther, lowDisk]);
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('groups alerts as the route does, and keeps an acked alert in its group', async () => {
    const source = sourceFor(am.baseUrl, 'am-grouped');
    const incidents = await source.fetchIncidents(signal());
    const groupOf = (summary: string) => incidents.find((i) => i.title === summary)?.group;
    const disks = groupOf('Disk almost full on db-1');
    expect(disks?.labels).toEqual({ alertname: 'DiskFull' });
    expect(groupOf('Disk almost full on db-2')).toEqual(disks);
    expect(groupOf('<b>Disk</b> filling "fast"')).toEqual({
      id: expect.any(String),
      labels: { alertname: 'DiskFilling' },
    });
    expect(groupOf('<b>Disk</b> filling "fast"')!.id).not.toBe(disks!.id);
    expect(incidents.every((incident) => incidentSchema.safeParse(incident).success)).toBe(true);

    const first = incidents.find((i) => i.title === 'Disk almost full on db-1')!;
    await source.act(first, { type: 'ack' }, signal(), fresh());
    const acked = (await source.fetchIncidents(signal())).find((i) => i.key === first.key);
    expect(acked).toMatchObject({ status: 'acknowledged', group: disks });
  });
});
