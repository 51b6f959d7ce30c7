import { describe, expect, it } from 'vitest';
import { CallBudget } from '../../../../../electron/core/sources/splunk-oncall/call-budget.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

const signal = () => new AbortController().signal;
const call = (budget: CallBudget) => budget.limiter.run(signal(), async () => {});

/*
 * Splunk On-Call's numbers on the shared limiter (whose pacing rate-limiter.test.ts covers):
 * 60 call starts in any rolling minute, at most 5 s of waiting, and its own words.
 */
describe('CallBudget', () => {
  it('allows 60 calls a minute and waits at most 5 s for the 61st', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    for (let i = 0; i < 60; i++) await call(budget);
    await clock.advance(55_000);
    const sixtyFirst = call(budget);
    await clock.advance(5_000);
    await expect(sixtyFirst).resolves.toBeUndefined();
  });

  it('says rate-limited, with the wait, rather than wait longer than a request may', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    for (let i = 0; i < 60; i++) await call(budget);
    await clock.advance(10_000);
    const error = await sourceFailure(call(budget));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 50_000 });
    expect(error.message).toMatch(/60 calls a minute; next call in 50 s/);
  });

  it('remembers which keys worked in the last minute only', async () => {
    const clock = new FakeClock();
    const budget = new CallBudget(clock);
    budget.recordSuccess('key-a');
    expect(budget.succeededWithinMinute('key-a')).toBe(true);
    expect(budget.succeededWithinMinute('key-b')).toBe(false);
    await clock.advance(60_000);
    expect(budget.succeededWithinMinute('key-a')).toBe(false);
  });
});
