import { describe, expect, it } from 'vitest';
import {
  CallBudget,
  callBudgetFor,
  maxWaitMs,
} from '../../../../../electron/core/sources/splunk-oncall/call-budget.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

const signal = () => new AbortController().signal;

/** Starts `acquire` and reports whether it has settled, without awaiting it. */
function track(promise: Promise<void>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => (state.settled = true),
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

/** `calls` calls, `everyMs` apart; the clock stops at the last one. */
async function spend(budget: CallBudget, clock: FakeClock, calls: number, everyMs: number) {
  for (let i = 0; i < calls; i++) {
    if (i > 0) await clock.advance(everyMs);
    await budget.acquire(signal());
  }
}

describe('CallBudget', () => {
  it('lets 60 calls through in a minute and makes the 61st wait for the oldest slot', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    await spend(budget, clock, 60, 1_000); // t = 0 s … 59 s
    await clock.advance(500);
    const sixtyFirst = track(budget.acquire(signal()));
    await clock.advance(0);
    expect(sixtyFirst.settled).toBe(false);
    await clock.advance(499);
    expect(sixtyFirst.settled).toBe(false);
    await clock.advance(1); // t = 60 s: the first call's slot comes back
    expect(sixtyFirst).toEqual({ settled: true, error: undefined });
    expect(budget.recentCalls()).toBe(60);
  });

  it('says rate-limited, with the wait, rather than wait longer than a request may', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    await spend(budget, clock, 60, 0);
    await clock.advance(10_000);
    const error = await sourceFailure(budget.acquire(signal()));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 50_000 });
    expect(error.message).toMatch(/60 calls a minute; next call in 50 s/);
    // Refusing took no slot: a minute after the burst, calls flow again at once.
    await clock.advance(50_000);
    await expect(budget.acquire(signal())).resolves.toBeUndefined();
  });

  it('serves waiting calls in arrival order, up to the longest wait allowed', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock, 2);
    await budget.acquire(signal());
    await clock.advance(1_000);
    await budget.acquire(signal());
    // The first slot frees a second before the second one, which is as far as a call may wait.
    await clock.advance(60_000 - maxWaitMs);
    const first = track(budget.acquire(signal()));
    const second = track(budget.acquire(signal()));
    await clock.advance(maxWaitMs - 1_000);
    expect([first.settled, second.settled]).toEqual([true, false]);
    await clock.advance(1_000);
    expect(second.settled).toBe(true);
  });

  it('gives the slot back when the caller gives up waiting', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock, 1);
    await budget.acquire(signal());
    await clock.advance(57_000);
    const controller = new AbortController();
    const waiting = track(budget.acquire(controller.signal));
    controller.abort();
    await clock.advance(0);
    expect(waiting.error).toMatchObject({ kind: 'timeout' });
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(3_000);
    await expect(budget.acquire(signal())).resolves.toBeUndefined();
  });

  it('holds every call back while paused, then lets them through', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    budget.pause(60_000);
    await expect(budget.acquire(signal())).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 60_000,
    });
    await clock.advance(60_000);
    await expect(budget.acquire(signal())).resolves.toBeUndefined();
  });

  it('counts calls and successes over the last minute only', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    await spend(budget, clock, 3, 20_000);
    expect(budget.recentCalls()).toBe(3);
    await clock.advance(20_000);
    expect(budget.recentCalls()).toBe(2); // the one at t = 0 is a minute old
    budget.recordSuccess('key-a');
    expect(budget.succeededWithinMinute('key-a')).toBe(true);
    expect(budget.succeededWithinMinute('key-b')).toBe(false);
    await clock.advance(60_000);
    expect(budget.succeededWithinMinute('key-a')).toBe(false);
    expect(budget.recentCalls()).toBe(0);
  });

  it('is shared by everything using one API id', () => {
    const clock = new FakeClock();
    expect(callBudgetFor('budget-shared', clock)).toBe(callBudgetFor('budget-shared', clock));
    expect(callBudgetFor('budget-shared', clock)).not.toBe(callBudgetFor('budget-other', clock));
  });
});
