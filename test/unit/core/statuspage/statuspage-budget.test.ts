import { describe, expect, it } from 'vitest';
import {
  StatuspageBudget,
  statuspageBudgetPolicy,
  type RequestPriority,
} from '../../../../electron/core/statuspage/statuspage-budget.js';
import { FakeClock } from '../../../support/fake-clock.js';

/** Starts the labelled calls at once and records when each began. */
function burst(budget: StatuspageBudget, clock: FakeClock, labels: [string, RequestPriority][]) {
  const started: [string, number][] = [];
  const start = clock.now();
  const done = labels.map(([label, priority]) =>
    budget.run(priority, new AbortController().signal, async () => {
      started.push([label, clock.now() - start]);
    }),
  );
  return { started, done: Promise.all(done) };
}

const reads = (n: number, prefix = 'r'): [string, RequestPriority][] =>
  Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, 'read']);

describe('StatuspageBudget', () => {
  it('lets a burst of three through at once, then one per second', async () => {
    const clock = new FakeClock();
    const budget = new StatuspageBudget(clock);
    const { started, done } = burst(budget, clock, reads(6));
    await clock.advance(10_000);
    await done;
    expect(started.map(([, at]) => at)).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const clock = new FakeClock();
    const budget = new StatuspageBudget(clock);
    await clock.advance(0);
    const first = burst(budget, clock, reads(3));
    await clock.advance(0);
    await first.done;
    await clock.advance(60_000);
    const second = burst(budget, clock, reads(5));
    await clock.advance(10_000);
    await second.done;
    expect(second.started.map(([, at]) => at)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('sends a write before reads that were waiting, after earlier writes', async () => {
    const clock = new FakeClock();
    const budget = new StatuspageBudget(clock);
    const { started, done } = burst(budget, clock, [...reads(5), ['w1', 'write'], ['w2', 'write']]);
    await clock.advance(10_000);
    await done;
    expect(started.map(([label]) => label)).toEqual(['r1', 'r2', 'r3', 'w1', 'w2', 'r4', 'r5']);
  });

  it('never starts more than a minute allows, even when the bucket would', async () => {
    const clock = new FakeClock();
    // A generous bucket that alone would allow 70 in the first minute.
    const budget = new StatuspageBudget(clock, { ...statuspageBudgetPolicy, burst: 11 });
    const { started, done } = burst(budget, clock, reads(70));
    await clock.advance(200_000);
    await done;
    const times = started.map(([, at]) => at);
    for (let i = 60; i < times.length; i++) {
      expect(times[i]! - times[i - 60]!).toBeGreaterThanOrEqual(60_000);
    }
    // Within a minute and its margin: 60 at most, however they are placed.
    const firstMinute = times.filter((t) => t < 60_250);
    expect(firstMinute).toHaveLength(60);
  });

  it('holds every call back while Statuspage asks to slow down', async () => {
    const clock = new FakeClock();
    const budget = new StatuspageBudget(clock);
    budget.pause(5_000);
    const { started, done } = burst(budget, clock, reads(2));
    await clock.advance(4_999);
    expect(started).toEqual([]);
    await clock.advance(1);
    await done;
    expect(started.map(([, at]) => at)).toEqual([5_000, 5_000]);
  });

  it('gives up a wait when the caller does, and says why', async () => {
    const clock = new FakeClock();
    const budget = new StatuspageBudget(clock);
    await burst(budget, clock, reads(3)).done;
    const abandoned = new AbortController();
    const waiting = budget.run('read', abandoned.signal, async () => 'sent');
    abandoned.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'timeout' });
    budget.pause(30_000);
    const paused = new AbortController();
    const later = budget.run('read', paused.signal, async () => 'sent');
    await clock.advance(1_000);
    paused.abort();
    await expect(later).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 29_000,
      message: expect.stringMatching(/slow down; trying again in 29 s/),
    });
    // The abandoned calls gave their turns back.
    const { started, done } = burst(budget, clock, reads(1));
    await clock.advance(29_000);
    await done;
    expect(started).toHaveLength(1);
  });
});
