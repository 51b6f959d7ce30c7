import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../../../electron/common/providers/health-check-schema.js';
import { healthChecksSourceConfigSchema } from '../../../../../electron/common/providers/health-checks.js';
import { HealthChecksSource } from '../../../../../electron/core/sources/health-checks/health-checks-source.js';
import type { ProbeResult } from '../../../../../electron/core/sources/health-checks/probes/probe-result.js';
import { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../../support/fake-clock.js';

const second = 1000;
const passed: ProbeResult = {
  ok: true,
  summary: 'HTTP 200',
  phases: { dns: 1, connect: 0.5, ttfb: 3, download: 0.2, total: 4.7 },
};
const refused: ProbeResult = {
  ok: false,
  summary: 'nothing is listening at api.test:443 (connection refused)',
  failedPhase: 'connect',
  phases: { dns: 1.2, connect: 0.4, total: 1.6 },
};

/** A probe the test answers by hand, so it can hold one in flight. */
function heldProbes() {
  const waiting: { check: HealthCheck; answer: (result: ProbeResult) => void }[] = [];
  const probe = (check: HealthCheck) =>
    new Promise<ProbeResult>((answer) => waiting.push({ check, answer }));
  return { probe, waiting };
}

function setUp(probe: (check: HealthCheck) => Promise<ProbeResult>) {
  const clock = new FakeClock();
  let changes = 0;
  const config = healthChecksSourceConfigSchema.parse({
    kind: 'health-checks',
    id: 'checks',
    name: 'Checks',
    checks: [
      { kind: 'http', name: 'API', url: 'https://api.test/health' },
      { kind: 'tls', name: 'Edge cert', host: 'edge.test' },
    ],
  });
  const source = new HealthChecksSource({
    config,
    clock,
    responderName: () => 'dana',
    probe,
    checksChanged: () => changes++,
  });
  return { clock, source, changes: () => changes };
}

describe('Run now', () => {
  it('probes at once, outside the schedule, and counts like any probe', async () => {
    const results = new Map<string, ProbeResult>();
    const probed: number[] = [];
    const { clock, source, changes } = setUp(async (check) => {
      probed.push(clock.now());
      return results.get(check.name) ?? passed;
    });
    await source.fetchIncidents();
    await clock.advance(0);
    const before = changes();

    await clock.advance(3 * second);
    results.set('API', refused);
    expect(await source.runCheck('api')).toEqual({
      ok: false,
      summary: 'nothing is listening at api.test:443 (connection refused)',
    });
    expect(changes()).toBe(before + 1);
    const api = source.checks().find((check) => check.checkId === 'api')!;
    expect(api).toMatchObject({
      state: 'pending',
      last: { ok: false, failedPhase: 'connect', phases: refused.phases },
      canRunNow: true,
      config: expect.objectContaining({ name: 'API' }),
    });

    // The schedule starts again from the run: the next probe is a retry after it, not before.
    const runAt = clock.now();
    await clock.advance(10 * second);
    expect(probed.filter((at) => at > runAt)).toEqual([runAt + 10 * second]);
  });

  it('never runs a check twice at once: it joins the probe in flight', async () => {
    const { probe, waiting } = heldProbes();
    const { source } = setUp(probe);
    await source.fetchIncidents(); // starts both checks' first probes, held
    expect(waiting).toHaveLength(2);

    const run = source.runCheck('api');
    const again = source.runCheck('api');
    expect(waiting).toHaveLength(2);
    // A poll while the probe is out reads what is known, without waiting on it.
    expect(await source.fetchIncidents()).toEqual([]);
    waiting.find((w) => w.check.name === 'API')!.answer(passed);
    expect(await run).toEqual({ ok: true, summary: 'HTTP 200' });
    expect(await again).toEqual({ ok: true, summary: 'HTTP 200' });
  });

  it('refuses a check the source does not have', async () => {
    const { source } = setUp(async () => passed);
    await expect(source.runCheck('nope')).rejects.toBeInstanceOf(SourceError);
  });
});

describe('the Checks page view of local checks', () => {
  it('shows each check’s verdict, last result, last hour and open incident', async () => {
    const results = new Map<string, ProbeResult>([['API', refused]]);
    const { clock, source } = setUp(async (check) => results.get(check.name) ?? passed);
    await source.fetchIncidents();
    for (let i = 0; i < 3; i++) await clock.advance(10 * second);
    const [incident] = await source.fetchIncidents();
    const [api, edge] = source.checks();
    expect(api).toMatchObject({
      sourceId: 'checks',
      sourceKind: 'health-checks',
      checkId: 'api',
      name: 'API',
      type: 'http',
      target: 'https://api.test/health',
      state: 'down',
      incidentKey: incident!.key,
    });
    expect(api!.sparkline!.filter((bucket) => bucket !== null).at(-1)).toEqual({
      ms: 1.6,
      failed: true,
    });
    expect(edge).toMatchObject({ state: 'up', target: 'edge.test:443' });
    expect(edge!.incidentKey).toBeUndefined();
  });
});
