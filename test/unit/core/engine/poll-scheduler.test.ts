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
    (_id, _kind, error) => outcomes.push(error?.kind),
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

  it('backs off exponentially while failing and returns to the interval on recovery', async () => {
    const { clock, scheduler, outcomes } = setup(() => 1);
    const { task, runs } = scriptedTask(clock, async (call) => {
      if (call <= 3) throw new SourceError('unreachable', 'down');
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(300_000);
    // Failures at 0, 30 s (x1), 90 s (x2), then success at 210 s (x4) and back to 30 s steps.
    expect(runs.slice(0, 6)).toEqual([0, 30_000, 90_000, 210_000, 240_000, 270_000]);
    expect(outcomes.slice(0, 4)).toEqual(['unreachable', 'unreachable', 'unreachable', undefined]);
    scheduler.stop();
  });

  it('jitters the backoff so clients do not retry in lockstep', async () => {
    const { clock, scheduler } = setup(() => 0);
    const { task, runs } = scriptedTask(clock, async () => {
      throw new SourceError('server', 'HTTP 502');
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(20_000);
    expect(runs).toEqual([0, 15_000]);
    scheduler.stop();
  });

  it('waits as long as a rate limit asks', async () => {
    const { clock, scheduler, outcomes } = setup();
    const { task, runs } = scriptedTask(clock, async (call) => {
      if (call === 1) throw new SourceError('rate-limited', 'slow down', { retryAfterMs: 120_000 });
    });
    scheduler.add('am', 'incidents', task);
    await clock.advance(125_000);
    expect(runs).toEqual([0, 120_000]);
    expect(outcomes).toEqual(['rate-limited', undefined]);
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
      (id, kind, error) => outcomes.push(`${id}/${kind}${error ? ` ${error.kind}` : ''}`),
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
