import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  type RateLimitPolicy,
} from '../../../../../electron/core/sources/rate-limit/rate-limiter.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

const signal = () => new AbortController().signal;

/** A request that stays in flight until the test ends it. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { send: () => done, finish };
}

/** Starts `run` and reports whether it has started sending and settled, without awaiting it. */
function track(limiter: RateLimiter, abort = signal(), send: () => Promise<void> = async () => {}) {
  const state = { sent: false, settled: false, error: undefined as unknown };
  limiter
    .run(abort, () => {
      state.sent = true;
      return send();
    })
    .then(
      () => (state.settled = true),
      (error: unknown) => {
        state.settled = true;
        state.error = error;
      },
    );
  return state;
}

const make = (policy: Omit<RateLimitPolicy, 'provider'>, clock = new FakeClock()) => ({
  clock,
  limiter: new RateLimiter(clock, { provider: 'Acme', ...policy }),
});

describe('RateLimiter: concurrency', () => {
  it('runs one request at a time, in arrival order, when asked for one', async () => {
    const { clock, limiter } = make({ concurrency: 1 });
    const first = pending();
    const a = track(limiter, signal(), first.send);
    const b = track(limiter);
    const c = track(limiter);
    await clock.advance(0);
    expect([a.sent, b.sent, c.sent]).toEqual([true, false, false]);
    first.finish();
    await clock.advance(0);
    expect([a.settled, b.settled, c.settled]).toEqual([true, true, true]);
  });

  it('drops a request that gives up while queued, without letting the next overtake', async () => {
    const { clock, limiter } = make({ concurrency: 1 });
    const first = pending();
    const a = track(limiter, signal(), first.send);
    const controller = new AbortController();
    const b = track(limiter, controller.signal);
    const c = track(limiter);
    controller.abort();
    await clock.advance(0);
    expect(b).toMatchObject({ sent: false, settled: true, error: { kind: 'timeout' } });
    expect(c.sent).toBe(false); // a is still in flight
    first.finish();
    await clock.advance(0);
    expect([a.settled, c.sent]).toEqual([true, true]);
  });

  it('frees the turn when a request fails', async () => {
    const { clock, limiter } = make({ concurrency: 1 });
    await expect(limiter.run(signal(), () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    const next = track(limiter);
    await clock.advance(0);
    expect(next.settled).toBe(true);
  });
});

describe('RateLimiter: rolling window', () => {
  it('lets `limit` starts through a window and makes the next wait for the oldest', async () => {
    const { clock, limiter } = make({ window: { limit: 60, windowMs: 60_000 } });
    for (let i = 0; i < 60; i++) {
      if (i > 0) await clock.advance(1_000);
      await limiter.run(signal(), async () => {});
    } // t = 0 s … 59 s
    await clock.advance(500);
    const sixtyFirst = track(limiter);
    await clock.advance(499);
    expect(sixtyFirst.sent).toBe(false);
    await clock.advance(1); // t = 60 s: the first start leaves the window
    expect(sixtyFirst).toMatchObject({ sent: true, settled: true, error: undefined });
    expect(limiter.recentStarts()).toBe(60);
  });

  it('refuses a wait longer than allowed as rate-limited, taking no start', async () => {
    const { clock, limiter } = make({ window: { limit: 2, windowMs: 60_000 }, maxWaitMs: 5_000 });
    await limiter.run(signal(), async () => {});
    await limiter.run(signal(), async () => {});
    await clock.advance(10_000);
    const error = await sourceFailure(limiter.run(signal(), async () => {}));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 50_000 });
    expect(error.message).toBe('Acme rate limit reached, retry in 50 s');
    await clock.advance(50_000);
    expect(limiter.recentStarts()).toBe(0);
  });

  it('serves waiting requests in arrival order, up to the longest wait allowed', async () => {
    const { clock, limiter } = make({ window: { limit: 2, windowMs: 60_000 }, maxWaitMs: 5_000 });
    await limiter.run(signal(), async () => {});
    await clock.advance(1_000);
    await limiter.run(signal(), async () => {});
    await clock.advance(55_000); // the first start leaves the window in 4 s, the second in 5 s
    const first = track(limiter);
    const second = track(limiter);
    await clock.advance(4_000);
    expect([first.sent, second.sent]).toEqual([true, false]);
    await clock.advance(1_000);
    expect(second.sent).toBe(true);
  });

  it('gives the start back when the caller gives up waiting', async () => {
    const { clock, limiter } = make({ window: { limit: 1, windowMs: 60_000 }, maxWaitMs: 5_000 });
    await limiter.run(signal(), async () => {});
    await clock.advance(57_000);
    const controller = new AbortController();
    const waiting = track(limiter, controller.signal);
    controller.abort();
    await clock.advance(0);
    expect(waiting).toMatchObject({ sent: false, error: { kind: 'timeout' } });
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(3_000);
    expect(limiter.recentStarts()).toBe(0);
  });
});

describe('RateLimiter: spacing', () => {
  it('spaces starts without waiting for earlier requests to finish', async () => {
    const { clock, limiter } = make({ minSpacingMs: 200 });
    const slow = pending();
    const a = track(limiter, signal(), slow.send);
    const b = track(limiter);
    const c = track(limiter);
    await clock.advance(0);
    expect([a.sent, b.sent, c.sent]).toEqual([true, false, false]);
    await clock.advance(200);
    expect([b.settled, c.sent]).toEqual([true, false]);
    await clock.advance(200);
    expect(c.settled).toBe(true);
    expect(a.settled).toBe(false);
    slow.finish();
  });
});

describe('RateLimiter: pause', () => {
  it('holds requests until the pause ends, then lets them through', async () => {
    const { clock, limiter } = make({ concurrency: 1 });
    limiter.pause(30_000);
    const waiting = track(limiter);
    await clock.advance(29_999);
    expect(waiting.sent).toBe(false);
    await clock.advance(1);
    expect(waiting.settled).toBe(true);
  });

  it('reports a wait cut short by the deadline as rate-limited, with the time left', async () => {
    const { clock, limiter } = make({ concurrency: 1 });
    limiter.pause(30_000);
    await clock.advance(10_000);
    const controller = new AbortController();
    const waiting = track(limiter, controller.signal);
    controller.abort();
    await clock.advance(0);
    expect(waiting.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 20_000 });
    expect((waiting.error as Error).message).toBe('Acme rate limit reached, retry in 20 s');
  });

  it('refuses at once when the pause is longer than a request may wait', async () => {
    const { limiter } = make({ maxWaitMs: 5_000, describeWait: (ms) => `hold ${ms} ms` });
    limiter.pause(60_000);
    const error = await sourceFailure(limiter.run(signal(), async () => {}));
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 60_000,
      message: 'hold 60000 ms',
    });
  });

  it('applies a pause that arrives while a request waits for its slot', async () => {
    const { clock, limiter } = make({ minSpacingMs: 1_000 });
    await limiter.run(signal(), async () => {});
    const waiting = track(limiter);
    limiter.pause(10_000); // e.g. another request's 429
    await clock.advance(1_000);
    expect(waiting.sent).toBe(false);
    await clock.advance(9_000);
    expect(waiting.sent).toBe(true);
  });

  it('keeps the longer of two pauses', async () => {
    const { clock, limiter } = make({});
    limiter.pause(10_000);
    limiter.pause(2_000);
    const waiting = track(limiter);
    await clock.advance(9_999);
    expect(waiting.sent).toBe(false);
    await clock.advance(1);
    expect(waiting.sent).toBe(true);
  });
});
