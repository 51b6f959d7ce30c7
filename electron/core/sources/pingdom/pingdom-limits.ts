import type { ResponseHeaders } from '../http-exchange.js';

/**
 * Pingdom's two request budgets, from the `Req-Limit-Short` and `Req-Limit-Long` headers every
 * answer carries, e.g. "Remaining: 394 Time until reset: 3589" (seconds). The quotas themselves
 * are not published (MONITORS.md §1), so the headers are the only truth.
 */
export interface RequestBudget {
  remaining: number;
  resetMs: number;
}

export interface RequestBudgets {
  short?: RequestBudget;
  long?: RequestBudget;
}

const pattern = /remaining:\s*(\d+)\s*time until reset:\s*(\d+)/i;

export function parseBudget(value: string | null): RequestBudget | undefined {
  const found = value ? pattern.exec(value) : null;
  if (!found) return undefined;
  return { remaining: Number(found[1]), resetMs: Number(found[2]) * 1000 };
}

export function readBudgets(headers: ResponseHeaders): RequestBudgets {
  return {
    short: parseBudget(headers.get('req-limit-short')),
    long: parseBudget(headers.get('req-limit-long')),
  };
}

/** How long until a request may go again: the reset of every budget used up; 0 when none is. */
export function waitForBudget(budgets: RequestBudgets): number {
  const spent = [budgets.short, budgets.long].filter((b) => b !== undefined && b.remaining === 0);
  return Math.max(0, ...spent.map((b) => b!.resetMs));
}
