import { describe, expect, it } from 'vitest';
import {
  parseBudget,
  readBudgets,
  waitForBudget,
} from '../../../../../electron/core/sources/pingdom/pingdom-limits.js';
import {
  optionalEpochMillisecondsSchema,
  optionalEpochSecondsSchema,
} from '../../../../../electron/core/sources/provider-time.js';

describe('Pingdom request budgets', () => {
  it('reads the headers as the API description writes them', () => {
    expect(parseBudget('Remaining: 394 Time until reset: 3589')).toEqual({
      remaining: 394,
      resetMs: 3_589_000,
    });
    expect(parseBudget('remaining:0  time until reset:12')).toEqual({
      remaining: 0,
      resetMs: 12_000,
    });
    expect(parseBudget('394 left')).toBeUndefined();
    expect(parseBudget(null)).toBeUndefined();
  });

  it('waits for the reset of every budget that is spent, and not at all otherwise', () => {
    const headers = (short: string, long: string) =>
      readBudgets(new Headers({ 'Req-Limit-Short': short, 'Req-Limit-Long': long }));
    const reset = (s: number, l: number) =>
      headers(`Remaining: ${s} Time until reset: 60`, `Remaining: ${l} Time until reset: 86400`);
    expect(waitForBudget(reset(3, 900))).toBe(0);
    expect(waitForBudget(reset(0, 900))).toBe(60_000);
    expect(waitForBudget(reset(0, 0))).toBe(86_400_000);
    expect(waitForBudget(readBudgets(new Headers()))).toBe(0);
  });
});

describe('epoch times', () => {
  it('reads seconds and milliseconds, and never 0, junk or an instant out of range', () => {
    expect(optionalEpochSecondsSchema.parse(1_300_977_363)).toBe('2011-03-24T14:36:03.000Z');
    expect(optionalEpochSecondsSchema.parse('1300977363')).toBe('2011-03-24T14:36:03.000Z');
    expect(optionalEpochMillisecondsSchema.parse(1_700_000_000_000)).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    for (const odd of [0, -5, 'soon', null, undefined, 1e300, Number.NaN, {}]) {
      expect(optionalEpochSecondsSchema.parse(odd)).toBeUndefined();
      expect(optionalEpochMillisecondsSchema.parse(odd)).toBeUndefined();
    }
  });
});
