import { describe, expect, it } from 'vitest';
import { healthChecksSourceConfigSchema } from '../../../../../electron/common/providers/health-checks.js';
import type { HealthCheck } from '../../../../../electron/common/providers/health-check-schema.js';
import { HealthChecksSource } from '../../../../../electron/core/sources/health-checks/health-checks-source.js';
import type { ProbeResult } from '../../../../../electron/core/sources/health-checks/probes/probe-result.js';
import { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { SourceHandover } from '../../../../../electron/core/sources/source-handover.js';
import { FakeClock } from '../../../../support/fake-clock.js';

const second = 1000;
const day = 24 * 60 * 60 * second;

const passed = (extra: Partial<ProbeResult> = {}): ProbeResult => ({
  ok: true,
  summary: 'HTTP 200',
  phases: { dns: 1, connect: 0.5, ttfb: 3, download: 0.2, total: 4.7 },
  ...extra,
});
const refused: ProbeResult = {
  ok: false,
  summary: 'nothing is listening at api.test:443 (connection refused)',
  failedPhase: 'connect',
  phases: { dns: 1.2, connect: 0.4, total: 1.6 },
  address: '10.0.0.7',
  family: 'IPv4',
};

function setUp(
  checks: Record<string, unknown>[],
  probe?: (check: HealthCheck) => Promise<ProbeResult>,
  { clock = new FakeClock(), handover }: { clock?: FakeClock; handover?: SourceHandover } = {},
) {
  const outcome = new Map<string, ProbeResult>();
  const probes: { name: string; at: number }[] = [];
  const config = healthChecksSourceConfigSchema.parse({
    kind: 'health-checks',
    id: 'checks',
    name: 'Checks',
    checks,
  });
  const source = new HealthChecksSource({
    config,
    clock,
    responderName: () => 'dana',
    handover,
    probe:
      probe ??
      (async (check) => {
        probes.push({ name: check.name, at: clock.now() });
        return outcome.get(check.name) ?? passed();
      }),
  });
  return { clock, source, outcome, probes };
}

const api = { kind: 'http', name: 'API', url: 'https://api.test/health' };

describe('the health checks source', () => {
  it('raises an incident after three failures, re-checking every 10 s while unsure', async () => {
    const { clock, source, outcome, probes } = setUp([api]);
    expect(await source.fetchIncidents()).toEqual([]);
    await clock.advance(0);
    outcome.set('API', refused);
    await clock.advance(30 * second); // the interval: first failure
    expect(await source.fetchIncidents()).toEqual([]);
    await clock.advance(10 * second); // second, on the retry interval
    expect(await source.fetchIncidents()).toEqual([]);
    await clock.advance(10 * second); // third: down
    expect(probes.map((p) => (p.at - probes[0]!.at) / second)).toEqual([0, 30, 40, 50]);

    const [incident] = await source.fetchIncidents();
    expect(incident).toMatchObject({
      sourceId: 'checks',
      title: 'API is failing: nothing is listening at api.test:443 (connection refused)',
      service: 'API',
      status: 'triggered',
      urgency: 'high',
      createdAt: new Date(probes[1]!.at).toISOString(),
      labels: { check: 'API', kind: 'http', target: 'https://api.test/health', phase: 'connect' },
      annotations: expect.objectContaining({
        'failed phase': 'connect',
        timings: 'dns 1.2 ms · connect 0.4 ms · total 1.6 ms',
        address: '10.0.0.7 (IPv4)',
        state: 'down',
      }),
      capabilities: expect.objectContaining({ ack: true, resolve: false }),
    });
    // Down is sure again: back to the check's own interval.
    await clock.advance(30 * second);
    expect(probes.at(-1)!.at - probes.at(-2)!.at).toBe(30 * second);
  });

  it('keeps an ack until the check recovers, and resolves on its own after two passes', async () => {
    const { clock, source, outcome } = setUp([api]);
    await source.fetchIncidents();
    outcome.set('API', refused);
    await clock.advance(30 * second + 20 * second);
    const [incident] = await source.fetchIncidents();
    await source.act(incident!, { type: 'ack' });
    await clock.advance(30 * second); // still failing: still acked
    expect(await source.fetchIncidents()).toEqual([
      expect.objectContaining({ key: incident!.key, status: 'acknowledged', assignees: ['dana'] }),
    ]);
    await expect(source.act(incident!, { type: 'resolve' })).rejects.toBeInstanceOf(SourceError);

    outcome.set('API', passed());
    await clock.advance(30 * second); // one pass: recovering, still open
    expect((await source.fetchIncidents())[0]?.annotations?.state).toBe(
      'recovering (1 of 2 passes)',
    );
    await clock.advance(10 * second); // two: resolved
    expect(await source.fetchIncidents()).toEqual([]);

    // The next outage is a new incident that rings, not the old ack.
    outcome.set('API', refused);
    await clock.advance(30 * second + 20 * second);
    const [next] = await source.fetchIncidents();
    expect(next).toMatchObject({ status: 'triggered' });
    expect(next!.key).not.toBe(incident!.key);
    await expect(source.act(incident!, { type: 'ack' })).rejects.toThrow(/recovered/);
  });

  it('keeps one incident open while a check flaps, marked as flapping', async () => {
    const { clock, source, outcome } = setUp([api]);
    await source.fetchIncidents();
    const keys = new Set<string>();
    const flip = async (result: ProbeResult, probesNeeded: number) => {
      outcome.set('API', result);
      for (let i = 0; i < probesNeeded; i++) await clock.advance(30 * second);
      for (const incident of await source.fetchIncidents()) keys.add(incident.key);
    };
    for (let round = 0; round < 4; round++) {
      await flip(refused, 3);
      await flip(passed(), 2);
    }
    // The first two outages were plain; from the fourth change on, one incident stays.
    expect(keys.size).toBe(2);
    const [open] = await source.fetchIncidents();
    expect(open).toMatchObject({
      title: expect.stringMatching(/^API is flapping: /),
      labels: expect.objectContaining({ flapping: 'true' }),
    });
  });

  it('raises the certificate’s expiry as its own incident: low at 14 days, high at 3', async () => {
    const { clock, source, outcome } = setUp([
      { kind: 'tls', name: 'Shop TLS', host: 'shop.test' },
    ]);
    const notAfter = new Date(clock.now() + 10 * day + 3600 * second).toISOString();
    outcome.set(
      'Shop TLS',
      passed({ tls: { notAfter, earliestNotAfter: notAfter, issuer: 'Test CA' } }),
    );
    await source.fetchIncidents();
    await clock.advance(0);
    const [warning] = await source.fetchIncidents();
    expect(warning).toMatchObject({
      title: `Shop TLS: certificate expires in 10 days (${notAfter.slice(0, 10)})`,
      urgency: 'low',
      labels: expect.objectContaining({ certificate: 'expiry', phase: 'tls' }),
      annotations: expect.objectContaining({ issuer: 'Test CA', 'days left': '10' }),
    });
    await clock.advance(8 * day);
    const [critical] = await source.fetchIncidents();
    expect(critical).toMatchObject({
      key: warning!.key,
      urgency: 'high',
      createdAt: warning!.createdAt,
    });
  });

  it('never makes a poll wait for a probe, and probes at most 16 checks at once', async () => {
    let running = 0;
    let most = 0;
    const checks = Array.from({ length: 40 }, (_, i) => ({
      kind: 'tcp',
      name: `Port ${i}`,
      host: 'db.test',
      port: 5432,
    }));
    const { clock, source } = setUp(checks, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise(() => {}); // hangs for good
      return passed();
    });
    expect(await source.fetchIncidents()).toEqual([]);
    await clock.advance(60 * second);
    expect(await source.fetchIncidents()).toEqual([]);
    expect(most).toBe(16);
    source.dispose();
  });

  it('Test connection probes every check once and counts what passes', async () => {
    const { source, outcome } = setUp([
      api,
      { kind: 'tcp', name: 'DB', host: 'db.test', port: 5432 },
    ]);
    outcome.set('DB', refused);
    const report = await source.testConnection(AbortSignal.timeout(1000));
    expect(report.summary).toBe(
      '2 checks: 1 passing, 1 failing (DB: nothing is listening at api.test:443 (connection refused))',
    );
  });

  it('keeps a check’s outage and ack over a restart with new settings, unless that check changed', async () => {
    const clock = new FakeClock();
    const handover = new SourceHandover(clock);
    const db = { kind: 'tcp', name: 'DB', host: 'db.test', port: 5432 };
    const first = setUp([api, db], undefined, { clock, handover });
    await first.source.fetchIncidents();
    first.outcome.set('API', refused);
    first.outcome.set('DB', refused);
    await clock.advance(30 * second + 20 * second);
    const before = await first.source.fetchIncidents();
    expect(before).toHaveLength(2);
    const apiIncident = before.find((i) => i.service === 'API')!;
    await first.source.act(apiIncident, { type: 'ack' });
    first.source.dispose();

    // A check added and DB's port edited: API keeps its acked outage, DB starts over.
    const cache = { kind: 'tcp', name: 'Cache', host: 'cache.test', port: 6379 };
    const restarted = setUp([api, { ...db, port: 5433 }, cache], async () => refused, {
      clock,
      handover,
    });
    expect(await restarted.source.fetchIncidents()).toEqual([
      expect.objectContaining({ key: apiIncident.key, status: 'acknowledged' }),
    ]);
    restarted.source.dispose();

    // Re-added much later, it starts afresh.
    await clock.advance(2 * 60 * second);
    const readded = setUp([api], async () => refused, { clock, handover });
    expect(await readded.source.fetchIncidents()).toEqual([]);
    readded.source.dispose();
  });
});
