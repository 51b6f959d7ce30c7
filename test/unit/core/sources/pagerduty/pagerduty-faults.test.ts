import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { systemClock, type Clock } from '../../../../../electron/core/ports/clock.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import { SharedLimits } from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import {
  startPagerDutyFake,
  type PagerDutyFake,
  type PagerDutyFakeOptions,
} from '../../../../fakes/pagerduty-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * What PagerDutySource does when PagerDuty misbehaves or pushes back: rate limits (its
 * headers and 429), server errors, hangs, garbage, rejected keys; that requests on one key
 * never overlap; and that it recovers cleanly once the trouble passes.
 */

let fake: PagerDutyFake | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function start(options: PagerDutyFakeOptions = {}): Promise<PagerDutyFake> {
  fake = await startPagerDutyFake(options);
  return fake;
}

// Sources of one core share the provider budgets, as the source registry hands them out.
let rateLimits = new SharedLimits();
beforeEach(() => {
  rateLimits = new SharedLimits();
});

function source(pd: PagerDutyFake, clock: Clock = systemClock, token = pd.tokens.user) {
  const config = pagerDutySourceConfigSchema.parse({
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: pd.me.email,
    apiBaseUrl: pd.baseUrl,
  });
  return new PagerDutySource({ config, secrets: { token }, clock, rateLimits });
}

const signal = () => AbortSignal.timeout(5000);

describe('one key, one request at a time', () => {
  it('never has two requests in flight for a key, across sources sharing it', async () => {
    const pd = await start({ latencyMs: 15 });
    const [a, b] = [source(pd), source(pd)];
    const now = Date.now();
    const window = { since: now, until: now + 14 * 24 * 3_600_000 };

    await Promise.all([
      a.fetchIncidents(signal()),
      b.fetchIncidents(signal()),
      a.fetchShifts(window, signal()),
      b.act((await a.fetchIncidents(signal()))[0]!, { type: 'ack' }, signal(), {
        actionId: 'a1',
        mayHaveBeenSent: false,
      }),
    ]);

    expect(pd.requests.length).toBeGreaterThan(8);
    expect(pd.peakConcurrency(pd.tokens.user)).toBe(1);
  });

  it('forgets the key once every source using it is disposed', async () => {
    const pd = await start();
    const config = pagerDutySourceConfigSchema.parse({
      kind: 'pagerduty',
      id: 'pd',
      name: 'PagerDuty',
      email: pd.me.email,
      apiBaseUrl: pd.baseUrl,
    });
    const rateLimits = new SharedLimits();
    const make = (token: string) =>
      new PagerDutySource({ config, secrets: { token }, clock: systemClock, rateLimits });
    const [a, b, other] = [make(pd.tokens.user), make(pd.tokens.user), make(pd.tokens.account)];
    expect(rateLimits.size).toBe(2);
    a.dispose();
    other.dispose();
    expect(rateLimits.size).toBe(1);
    b.dispose();
    expect(rateLimits.size).toBe(0);
  });

  it('lets another key run alongside', async () => {
    const pd = await start({ latencyMs: 300 });
    await Promise.all([
      source(pd).fetchIncidents(signal()),
      source(pd, systemClock, pd.tokens.account).fetchIncidents(signal()),
    ]);

    expect(pd.peakConcurrency(pd.tokens.user)).toBe(1);
    expect(pd.peakConcurrency(pd.tokens.account)).toBe(1);
    const first = pd.requests.filter((r) => r.path === '/users/me');
    expect(first).toHaveLength(2);
    // Both keys' first requests arrived before either could have been answered.
    expect(Math.abs(first[0]!.at - first[1]!.at)).toBeLessThan(200);
  });

  it('frees the key when a request gives up', async () => {
    const pd = await start();
    const pdSource = source(pd);
    pd.setFault('timeout');
    expect((await sourceFailure(pdSource.fetchIncidents(AbortSignal.timeout(200)))).kind).toBe(
      'timeout',
    );
    pd.setFault(null);

    expect(await pdSource.fetchIncidents(signal())).toHaveLength(3);
  });
});

describe('rate limits', () => {
  it('sends nothing more once ratelimit-remaining is 0, until ratelimit-reset', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now(), rateLimit: { limit: 1, windowSeconds: 30 } });

    const polled = source(pd, clock).fetchIncidents(signal());
    await vi.waitFor(() => expect(pd.requests).toHaveLength(1));
    expect(pd.requests[0]?.path).toBe('/users/me');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pd.requests).toHaveLength(1);

    await clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pd.requests).toHaveLength(1);
    await clock.advance(1_000);

    expect(await polled).toHaveLength(3);
    expect(pd.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('gives up waiting as rate-limited, with the time left, without sending', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now(), rateLimit: { limit: 1, windowSeconds: 30 } });

    // /users/me spends the budget; the incident list then waits until the deadline.
    const error = await sourceFailure(source(pd, clock).fetchIncidents(AbortSignal.timeout(1000)));

    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(30_000);
    expect(pd.requests.map((r) => r.path)).toEqual(['/users/me']);
  });

  it('turns a 429 into rate-limited, waiting for ratelimit-reset', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now() });
    pd.setFault({
      status: 429,
      headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '7' },
      body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
    });
    const pdSource = source(pd, clock);

    const error = await sourceFailure(pdSource.fetchIncidents(signal()));

    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.retryAfterMs).toBe(7_000);
    // The key stays quiet until the reset, for every source using it.
    pd.setFault(null);
    const next = source(pd, clock).fetchIncidents(signal());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pd.requests).toHaveLength(1);
    await clock.advance(7_000);
    expect(await next).toHaveLength(3);
  });

  it('names no wait of its own after a 429 without headers, so the engine probes at its interval', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now() });
    pd.setFault({ status: 429, body: '' });

    const error = await sourceFailure(source(pd, clock).fetchIncidents(signal()));

    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toBe('PagerDuty rate limit reached (HTTP 429)');
    // Nothing is paused: the next poll reaches PagerDuty.
    pd.setFault(null);
    await expect(source(pd, clock).fetchIncidents(signal())).resolves.toHaveLength(3);
  });

  it('reads a 403 carrying rate-limit code 2020 as throttling, not as a denied key', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now() });
    pd.setFault({
      status: 403,
      headers: { 'ratelimit-reset': '4' },
      body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
    });

    const error = await sourceFailure(source(pd, clock).fetchIncidents(signal()));

    expect(error).toMatchObject({ kind: 'rate-limited', status: 403, retryAfterMs: 4_000 });
    expect(error.message).toBe('PagerDuty rate limit reached (HTTP 403), retry in 4 s');
  });
});

describe('faults', () => {
  it.each([500, 502, 503, 408])('HTTP %i is a retryable server error', async (status) => {
    const pd = await start();
    pd.setFault({ status });

    const error = await sourceFailure(source(pd).fetchIncidents(signal()));

    expect(error.kind).toBe('server');
    expect(error.message).toContain(String(status));
  });

  it('a hung request times out', async () => {
    const pd = await start();
    pd.setFault('timeout');

    const error = await sourceFailure(source(pd).fetchIncidents(AbortSignal.timeout(200)));

    expect(error.kind).toBe('timeout');
  });

  it('malformed JSON is a bad response', async () => {
    const pd = await start();
    pd.setFault('malformed');

    expect((await sourceFailure(source(pd).fetchIncidents(signal()))).kind).toBe('bad-response');
  });

  it('a rejected key (401, code 2006) is auth, without the key in the message', async () => {
    const pd = await start();
    const token = 'u+0123456789abcdef';

    const error = await sourceFailure(source(pd, systemClock, token).fetchIncidents(signal()));

    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(token);
    expect(pd.requests[0]?.responseBody).toContain('"code":2006');
  });

  it('never repeats the key, even when the server echoes it', async () => {
    const pd = await start();
    pd.setFault({
      status: 400,
      body: { error: { message: `Invalid key ${pd.tokens.user}`, code: 2001 } },
    });

    const error = await sourceFailure(source(pd).fetchIncidents(signal()));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('PagerDuty refused the request (HTTP 400): Invalid key [redacted]');
  });

  it('a key that may not read incidents (403) is auth: the source is blind', async () => {
    const pd = await start();
    pd.setFault(
      { status: 403, body: { error: { message: 'Access Denied', code: 2010 } } },
      { path: '/incidents' },
    );

    const error = await sourceFailure(source(pd).fetchIncidents(signal()));

    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toContain('Access Denied');
  });

  it('a feature the plan lacks (402) is rejected, in those words', async () => {
    const pd = await start();
    pd.setFault(
      { status: 402, body: { error: { message: 'Payment Required', code: 2012 } } },
      { method: 'POST' },
    );

    const error = await sourceFailure(
      source(pd).act(
        (await source(pd).fetchIncidents(signal()))[2]!,
        { type: 'snooze', minutes: 5 },
        signal(),
        { actionId: 'a1', mayHaveBeenSent: false },
      ),
    );

    expect(error).toMatchObject({ kind: 'rejected', status: 402 });
    expect(error.message).toContain('plan lacks this feature');
  });

  it("a refused change names PagerDuty's reason (1018: not authorized)", async () => {
    const pd = await start();
    pd.setFault(
      {
        status: 403,
        body: {
          error: {
            message: 'Requester not authorized',
            code: 1018,
            errors: ['You cannot do that.'],
          },
        },
      },
      { method: 'PUT' },
    );
    const [incident] = await source(pd).fetchIncidents(signal());

    const error = await sourceFailure(
      source(pd).act(incident!, { type: 'ack' }, signal(), {
        actionId: 'a1',
        mayHaveBeenSent: false,
      }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'PagerDuty does not allow this change: Requester not authorized; You cannot do that.',
    );
  });

  it('recovers once the fault clears, with the same incidents under the same keys', async () => {
    const clock = new FakeClock();
    const pd = await start({ now: () => clock.now() });
    const pdSource = source(pd, clock);
    const before = await pdSource.fetchIncidents(signal());

    for (const fault of [
      { status: 503 },
      'malformed' as const,
      'timeout' as const,
      { status: 429 },
    ]) {
      pd.setFault(fault);
      await sourceFailure(pdSource.fetchIncidents(AbortSignal.timeout(300)));
      pd.setFault(null);
    }
    const after = pdSource.fetchIncidents(signal());
    // The 429 came without headers: the key rests for the default 30 s first.
    await clock.advance(30_000);

    expect(await after).toEqual(before);
    expect(new Set(before.map((i) => i.key)).size).toBe(3);
  });
});
