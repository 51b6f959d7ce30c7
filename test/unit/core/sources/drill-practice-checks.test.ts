import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drillCycleSeconds } from '../../../../electron/core/sources/drill/drill-script.js';
import { DrillSource } from '../../../../electron/core/sources/drill/drill-source.js';
import {
  PracticeChecks,
  practiceOutage,
} from '../../../../electron/core/sources/drill/practice-checks.js';
import { systemClock, type Clock } from '../../../../electron/core/ports/clock.js';
import { until } from '../../../support/until.js';

const start = Date.parse('2026-11-22T09:00:00Z');

/** Wall time the test moves; timers and timings are real, since the probes are. */
function movableClock(): Clock & { at(seconds: number): void } {
  let now = start;
  return {
    ...systemClock,
    now: () => now,
    at: (seconds) => (now = start + seconds * 1000),
  };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function setUp() {
  const clock = movableClock();
  let changes = 0;
  const practice = new PracticeChecks({
    sourceId: 'drill',
    clock,
    cycleStart: start,
    cycleSeconds: drillCycleSeconds,
    checksChanged: () => changes++,
  });
  stops.push(() => practice.stop());
  const state = (id: string) => practice.views().find((view) => view.checkId === id)?.state;
  return { clock, practice, state, changes: () => changes };
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('the drill’s practice checks', () => {
  it('probe a real loopback endpoint that the drill takes down and brings back', async () => {
    const { clock, practice, state, changes } = setUp();
    await practice.start();
    await until(() => state('practice-api') === 'up' && state('practice-api-port') === 'up');
    expect(changes()).toBeGreaterThanOrEqual(2);
    const [api] = practice.views();
    expect(api).toMatchObject({
      sourceKind: 'drill',
      type: 'http',
      target: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/health$/),
      canRunNow: true,
    });
    expect(api!.config).toBeUndefined(); // the drill's, not the responder's to edit

    clock.at(practiceOutage.fromSeconds);
    expect(practice.isDown()).toBe(true);
    const failed = await practice.run('practice-api');
    expect(failed).toEqual({ ok: false, summary: expect.stringMatching(/first byte|2 s/) });
    // The port still accepts connections: the backend behind it is what is gone.
    expect(await practice.run('practice-api-port')).toMatchObject({ ok: true });
    await practice.run('practice-api');
    await practice.run('practice-api');
    expect(state('practice-api')).toBe('down');
    const [incident] = practice.incidents('dana');
    expect(incident).toMatchObject({
      sourceId: 'drill',
      title: expect.stringMatching(/^Practice API is failing: /),
      status: 'triggered',
      labels: expect.objectContaining({ drill: 'true', kind: 'http' }),
    });
    expect(incident!.labels.phase).toBe('ttfb');
    expect(practice.views()[0]!.last?.failedPhase).toBe(incident!.labels.phase);
    expect(practice.acknowledge(incident!.externalId)).toBe(true);
    expect(practice.incidents('dana')[0]).toMatchObject({ status: 'acknowledged' });

    clock.at(practiceOutage.untilSeconds);
    expect(practice.isDown()).toBe(false);
    await practice.run('practice-api');
    await practice.run('practice-api');
    expect(state('practice-api')).toBe('up');
    expect(practice.incidents('dana')).toEqual([]);

    // The next cycle takes it down again.
    clock.at(drillCycleSeconds + practiceOutage.fromSeconds + 1);
    expect(practice.isDown()).toBe(true);
  }, 20_000); // three probes wait out their 2 s deadline

  it('stop with the drill, closing the endpoint', async () => {
    const clock = movableClock();
    const drill = new DrillSource('drill', clock, () => 'dana', {});
    await drill.fetchIncidents();
    const [api] = drill.checks();
    const port = Number(new URL(api!.target!).port);
    expect(await refusesConnections(port)).toBe(false);
    expect(await drill.runCheck('practice-api')).toMatchObject({ ok: true });
    await expect(drill.runCheck('nope')).rejects.toThrow(/no check/);
    drill.dispose();
    await until(() => refusesConnections(port), 'the endpoint to close');
  });
});
