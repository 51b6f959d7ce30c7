import type { ZodType } from 'zod';
import type { PagerDutyClient, Query } from './pagerduty-client.js';
import type { PdOnCall } from './pagerduty-schemas.js';

const pageSize = 100;
/** PagerDuty refuses `offset + limit` above this; narrower filters are the only way deeper. */
const maxOffset = 10_000;
/** Full pages reach `maxOffset` in this many; more means pages that bring less than asked. */
const maxPagesPerPoll = 100;

/**
 * Follows PagerDuty's offset paging until it says there is no more, each item once. It also
 * stops, and says why in `cutShort`, when a page brings nothing new (a server that answers
 * `more` forever), after 100 pages, or at the deepest offset PagerDuty serves. The client's
 * lane keeps every page inside the key's rate budget.
 */
export async function allPages<P extends { more?: boolean | null }, T>(
  client: PagerDutyClient,
  path: string,
  query: Query,
  schema: ZodType<P>,
  items: (page: P) => T[],
  idOf: (item: T) => string | undefined,
  signal: AbortSignal,
): Promise<{ items: T[]; cutShort?: string }> {
  const all: T[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (let pages = 0; ; pages++) {
    if (pages === maxPagesPerPoll) {
      return { items: all, cutShort: `PagerDuty kept paging past ${maxPagesPerPoll} pages` };
    }
    if (offset + pageSize > maxOffset) {
      return { items: all, cutShort: `PagerDuty pages no deeper than ${maxOffset} items` };
    }
    const page = await client.get(
      path,
      [...query, ['limit', pageSize], ['offset', offset]],
      schema,
      signal,
    );
    const found = items(page);
    let added = 0;
    for (const item of found) {
      // Offset paging over a changing list can repeat an item across pages.
      const id = idOf(item);
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      all.push(item);
      added++;
    }
    if (!page.more || found.length === 0) return { items: all };
    if (added === 0) {
      return {
        items: all,
        cutShort: `PagerDuty said more follow, but page ${pages + 1} brought nothing new`,
      };
    }
    // The answer may hold fewer than asked for; the next page starts after what came.
    offset += found.length;
  }
}

/** On-call entries have no id; who, where and when make one. */
export function onCallId(oncall: PdOnCall): string {
  return JSON.stringify([
    oncall.user?.id,
    oncall.schedule?.id,
    oncall.escalation_policy?.id,
    oncall.escalation_level,
    oncall.start,
    oncall.end,
  ]);
}
