import { describe, expect, it } from 'vitest';
import { PollScheduler, type PollTask } from '../../../../electron/core/engine/poll-scheduler.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../support/fake-clock.js';

type Kind = 'incidents' | 'schedule';

/** A task whose behaviour each test scripts, recording when it ran. */
function scriptedTask(
  clock: FakeClock,
  behave: (call: number, signal: AbortSignal) => Promise<void>,
) {
  const runs: number[] = [];
  const task: PollTask = {
    intervalMs: 30_000,
    timeoutMs: 10_000,
    run: (signal) => {
      runs.push(clock.now());
      return behave(runs.length, signal);
    },
  };
  return { task, runs };
}

function setup(random = () => 1) {
  const clock = new FakeClock(0);
  const outcomes: (string | undefined)[] = [];
  const scheduler = new PollScheduler<Kind>(
    clock,
    (_id, _kind, { error }) => outcomes.push(error?.kind),
    random,
  );
  return { clock, outcomes, scheduler };
}

describe('PollScheduler', () => {
  it('polls at once, then every interval', async () => {
    const { clock, scheduler, outcomes } = setup();
    const { task, runs } = scriptedTask(clock, async () => {});
    scheduler.add('am', 'incidents', task);
    await clock.advance(95_000);
    expect(runs).toEqual([0, 30_000, 60_000, 90_000]);
    expect(outcomes).toEqual([undefined, undefined, undefined, undefined]);
    expect(scheduler.nextPollAt('am', 'incidents')).toBe(120_000);
    scheduler.stop();
  });

  it('probes a failing task once per interval however long it fails, and is back on recovery', async () => {
    const { clock, scheduler, outcomes } = setup(() => 1);
    const { task, runs } = scriptedTask(clock, async (call) => {
      if (call <= 5) throw new SourceError('unreachable', 'down');
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(200_000);
    // No backoff past the interval: the sixth probe, the first after the fault, is at 150 s.
    expect(runs).toEqual([0, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000]);
    expect(outcomes.slice(4, 7)).toEqual(['unreachable', undefined, undefined]);
    scheduler.stop();
  });

  it('counts the interval from the start of a failed poll, so a hang does not stretch it', async () => {
    const { clock, scheduler, outcomes } = setup(() => 1);
    const { task, runs } = scriptedTask(clock, (call) =>
      call <= 2 ? new Promise<void>(() => {}) : Promise.resolve(),
    );
    scheduler.add('am', 'incidents', task);
    await clock.advance(65_000);
    // Each hung poll is cut off at 10 s; the next still starts 30 s after the one before.
    expect(runs).toEqual([0, 30_000, 60_000]);
    expect(outcomes).toEqual(['timeout', 'timeout', undefined]);
    scheduler.stop();
  });

  it('jitters the probes of a failing task within the last quarter of the interval', async () => {
    for (const [random, expected] of [
      [0, 22_500],
      [0.5, 26_250],
    ] as const) {
      const { clock, scheduler } = setup(() => random);
      const { task, runs } = scriptedTask(clock, async () => {
        throw new SourceError('server', 'HTTP 502');
      });
      scheduler.add('am', 'incidents', task);
      await clock.advance(expected);
      expect(runs).toEqual([0, expected]);
      scheduler.stop();
    }
  });

  it('waits as long as a provider asks, but never more than five minutes', async () => {
    const { clock, scheduler, outcomes } = setup();
    const { task, runs } = scriptedTask(clock, async (call) => {
      if (call === 1) throw new SourceError('rate-limited', 'slow down', { retryAfterMs: 120_000 });
      if (call === 2) {
        throw new SourceError('rate-limited', 'come back tomorrow', { retryAfterMs: 86_400_000 });
      }
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(421_000);
    expect(runs).toEqual([0, 120_000, 420_000]);
    expect(outcomes).toEqual(['rate-limited', 'rate-limited', undefined]);
    scheduler.stop();
  });

  it('probes a rejected credential once a minute, or once an interval if that is longer', async () => {
    const { clock, scheduler, outcomes } = setup();
    const rejected = scriptedTask(clock, async () => {
      throw new SourceError('auth', 'credentials rejected (HTTP 401)');
    });
    const slow = scriptedTask(clock, async () => {
      throw new SourceError('auth', 'credentials rejected (HTTP 401)');
    });
    scheduler.add('am', 'incidents', rejected.task);
    scheduler.add('pd', 'incidents', { ...slow.task, intervalMs: 300_000 });
    await clock.advance(300_000);
    expect(rejected.runs).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(slow.runs).toEqual([0, 300_000]);
    expect(outcomes.every((kind) => kind === 'auth')).toBe(true);
    scheduler.stop();
  });

  it('tells the listener when each poll began', async () => {
    const clock = new FakeClock(0);
    const began: number[] = [];
    const scheduler = new PollScheduler<Kind>(
      clock,
      (_id, _kind, outcome) => began.push(outcome.startedAt),
      () => 1,
    );
    const { task } = scriptedTask(clock, () => new Promise<void>(() => {}));
    scheduler.add('am', 'incidents', task);
    // Each poll is reported when its timeout cuts it off, 10 s after it began.
    await clock.advance(40_000);
    expect(began).toEqual([0, 30_000]);
    scheduler.stop();
  });

  it('cuts off a poll that exceeds its timeout and aborts its signal', async () => {
    const { clock, scheduler, outcomes } = setup();
    let aborted = false;
    const { task } = scriptedTask(clock, (_call, signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<void>(() => {}); // never answers, like a hung provider
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(10_000);
    expect(aborted).toBe(true);
    expect(outcomes).toEqual(['timeout']);
    scheduler.stop();
  });

  it('polls on demand at once and joins a poll already running instead of starting another', async () => {
    const { clock, scheduler } = setup();
    let release: () => void = () => {};
    const { task, runs } = scriptedTask(clock, (call) =>
      call === 2 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve(),
    );
    scheduler.add('am', 'incidents', task);
    await clock.advance(5_000);
    const first = scheduler.refresh({ sourceId: 'am' });
    const second = scheduler.refresh();
    expect(scheduler.isPolling('am', 'incidents')).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(runs).toEqual([0, 5_000]);
    // The on-demand poll restarts the interval from its own time.
    expect(scheduler.nextPollAt('am', 'incidents')).toBe(35_000);
    scheduler.stop();
  });

  it('stops polling a removed source, even one removed mid-poll', async () => {
    const { clock, scheduler, outcomes } = setup();
    let release: () => void = () => {};
    const { task, runs } = scriptedTask(
      clock,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    scheduler.add('am', 'incidents', task);
    scheduler.remove('am', 'incidents');
    release();
    await clock.advance(120_000);
    expect(runs).toEqual([0]);
    expect(outcomes).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps each kind of a source apart: own interval, own outcome, own refresh', async () => {
    const clock = new FakeClock(0);
    const outcomes: string[] = [];
    const scheduler = new PollScheduler<Kind>(
      clock,
      (id, kind, { error }) => outcomes.push(`${id}/${kind}${error ? ` ${error.kind}` : ''}`),
      () => 1,
    );
    const incidents = scriptedTask(clock, async () => {});
    const schedule = scriptedTask(clock, async () => {
      throw new SourceError('server', 'HTTP 502');
    });
    scheduler.add('am', 'incidents', incidents.task);
    scheduler.add('am', 'schedule', { ...schedule.task, intervalMs: 300_000 });
    await clock.advance(0);
    expect(outcomes).toEqual(['am/incidents', 'am/schedule server']);

    await scheduler.refresh({ kind: 'incidents' });
    expect(incidents.runs).toHaveLength(2);
    expect(schedule.runs).toHaveLength(1);
    expect(scheduler.nextPollAt('am', 'incidents')).toBe(30_000);
    expect(scheduler.nextPollAt('am', 'schedule')).toBe(300_000);

    scheduler.remove('am');
    expect(scheduler.nextPollAt('am', 'schedule')).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });
});
