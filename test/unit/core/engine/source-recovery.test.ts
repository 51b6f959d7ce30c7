import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../../../electron/common/model/source-status.js';
import type { SourceConfig } from '../../../../electron/common/model/source-config.js';
import { SourceRegistry } from '../../../../electron/core/engine/source-registry.js';
import { SourceSupervisor } from '../../../../electron/core/engine/source-supervisor.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { ScriptedSource } from '../../../support/scripted-source.js';

/*
 * The promise, timed on the fake clock through the real supervisor, scheduler and health: a
 * source whose fault began at t is blind by t + 2 intervals, and trusted again within one
 * interval of the fault ending (or when the provider's named wait is over).
 */

const second = 1000;
const interval = 30 * second;

/** What the provider does right now: answer, hang (ignoring the deadline), or refuse. */
type Behaviour = { type: 'answer' } | { type: 'hang' } | { type: 'fail'; error: SourceError };

class FaultySource extends ScriptedSource {
  behaviour: Behaviour = { type: 'answer' };
  polls: number[] = [];

  constructor(
    id: string,
    private readonly clock: FakeClock,
  ) {
    super(id);
  }

  override async fetchIncidents() {
    this.polls.push(this.clock.now());
    const behaviour = this.behaviour;
    if (behaviour.type === 'hang') return new Promise<never>(() => {});
    if (behaviour.type === 'fail') throw behaviour.error;
    return super.fetchIncidents();
  }
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function start(timeoutSeconds = 10) {
  const clock = new FakeClock(0);
  let source!: FaultySource;
  const registry = new SourceRegistry({
    clock,
    secrets: new MemorySecretStore(),
    log: silentLog,
    responderName: () => 'sam',
    createSource: (config) => (source = new FaultySource(config.id, clock)),
  });
  /** Each change of health, with when it happened. */
  const changes: [number, Health][] = [];
  let healthChanges = 0;
  const supervisor: SourceSupervisor = new SourceSupervisor({
    clock,
    log: silentLog,
    random: () => 1,
    registry,
    hooks: {
      incidents: () => {},
      shifts: () => {},
      stopped: () => {},
      healthChanged: () => (healthChanges += 1),
      recovered: () => {},
      statusChanged: () => {
        const health = supervisor.statuses()[0]?.health;
        if (health && changes.at(-1)?.[1] !== health) changes.push([clock.now(), health]);
      },
    },
  });
  stops.push(() => supervisor.stop());
  const config = {
    kind: 'alertmanager',
    id: 'am',
    name: 'Prod Alertmanager',
    baseUrl: 'http://127.0.0.1:9',
    auth: { type: 'none' },
    ackSilenceMinutes: 60,
    pollIntervalSeconds: interval / second,
    timeoutSeconds,
  } as SourceConfig;
  await supervisor.reconcile([config]);
  await clock.advance(0);
  /** When the health first became `health` at or after `since`. */
  const firstAt = (health: Health, since: number) =>
    changes.find(([at, h]) => at >= since && h === health)?.[0];
  return {
    clock,
    supervisor,
    source,
    changes,
    firstAt,
    status: () => supervisor.statuses()[0]!,
    healthChanges: () => healthChanges,
  };
}

describe('recovery, timed', () => {
  it('shows a hang blind within two intervals and trusts it again within one of its end', async () => {
    const { clock, source, firstAt, changes } = await start();
    await clock.advance(31 * second);
    const faultAt = clock.now();
    source.behaviour = { type: 'hang' };
    await clock.advance(74 * second);
    const endAt = clock.now();
    source.behaviour = { type: 'answer' };
    await clock.advance(60 * second);

    expect(firstAt('blind', faultAt)! - faultAt).toBeLessThanOrEqual(2 * interval);
    expect(firstAt('ok', endAt)! - endAt).toBeLessThanOrEqual(interval);
    // Degraded when the first poll was cut off at 70 s; blind at 90 s, an interval after it began.
    expect(changes).toEqual([
      [0, 'blind'], // not polled yet
      [0, 'ok'],
      [70_000, 'degraded'],
      [90_000, 'blind'],
      [120_000, 'ok'],
    ]);
  });

  it('gives each poll at most one interval, whatever the timeout, so a hang is still blind in time', async () => {
    const { clock, source, firstAt } = await start(120);
    await clock.advance(31 * second);
    const faultAt = clock.now();
    source.behaviour = { type: 'hang' };
    await clock.advance(70 * second);
    const endAt = clock.now();
    source.behaviour = { type: 'answer' };
    await clock.advance(60 * second);

    expect(firstAt('blind', faultAt)! - faultAt).toBeLessThanOrEqual(2 * interval);
    expect(firstAt('ok', endAt)! - endAt).toBeLessThanOrEqual(interval);
  });

  it('shows a source throttled with a long Retry-After blind, and honours the wait', async () => {
    const { clock, source, firstAt, status, healthChanges } = await start();
    await clock.advance(31 * second);
    const faultAt = clock.now();
    const throttled = new SourceError('rate-limited', 'rate limited by 127.0.0.1:9 (HTTP 429)', {
      status: 429,
      retryAfterMs: 120 * second,
    });
    source.behaviour = { type: 'fail', error: throttled };
    await clock.advance(30 * second);
    expect(status().health).toBe('degraded');
    const changesBefore = healthChanges();
    await clock.advance(30 * second);

    // No poll happened in between: the health turned blind on its own timer, and said so.
    expect(source.polls.filter((at) => at > faultAt)).toEqual([60_000]);
    expect(firstAt('blind', faultAt)! - faultAt).toBeLessThanOrEqual(2 * interval);
    expect(healthChanges()).toBe(changesBefore + 1);
    expect(status().lastError).toContain('HTTP 429');

    source.behaviour = { type: 'answer' };
    await clock.advance(120 * second);
    expect(source.polls.filter((at) => at > faultAt)).toEqual([60_000, 180_000, 210_000]);
    expect(firstAt('ok', faultAt)).toBe(180_000);
  });

  it('keeps probing a failing source once per interval, so recovery does not wait for a backoff', async () => {
    const { clock, source, firstAt } = await start();
    await clock.advance(31 * second);
    source.behaviour = {
      type: 'fail',
      error: new SourceError('server', 'server error at 127.0.0.1:9 (HTTP 500)'),
    };
    await clock.advance(150 * second);
    const endAt = clock.now();
    source.behaviour = { type: 'answer' };
    await clock.advance(60 * second);
    expect(source.polls.slice(1, 8)).toEqual([
      30_000, 60_000, 90_000, 120_000, 150_000, 180_000, 210_000,
    ]);
    expect(firstAt('ok', endAt)! - endAt).toBeLessThanOrEqual(interval);
  });

  it('says a rejected token is rejected, probes it once a minute, and is green at once on a refresh', async () => {
    const { clock, supervisor, source, status } = await start();
    await clock.advance(31 * second);
    source.behaviour = {
      type: 'fail',
      error: new SourceError('auth', 'credentials rejected (HTTP 401)', { status: 401 }),
    };
    await clock.advance(30 * second);
    expect(status()).toMatchObject({ health: 'blind' });
    expect(status().lastError).toMatch(/^token rejected — credentials rejected \(HTTP 401\)\./);
    expect(status().lastError).toContain('Checking again every 1 min');
    expect(status().nextPollAt).toBe(new Date(120_000).toISOString());
    await clock.advance(60 * second);
    expect(source.polls.filter((at) => at > 31_000)).toEqual([60_000, 120_000]);

    source.behaviour = { type: 'answer' };
    await supervisor.refresh('am');
    expect(status().health).toBe('ok');
  });

  it('never turns a healthy source blind however slow its answers, as long as they come', async () => {
    const { clock, source, changes } = await start();
    // Every answer takes nine seconds of the ten the timeout allows.
    source.behaviour = { type: 'answer' };
    const slow = source.fetchIncidents.bind(source);
    source.fetchIncidents = async () => {
      const answer = slow();
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 9 * second));
      return answer;
    };
    await clock.advance(600 * second);
    expect(changes).toEqual([
      [0, 'blind'], // not polled yet
      [0, 'ok'],
    ]);
  });
});
