import { ItemReader, rawId } from '../item-reader.js';
import type { PollReport } from '../poll-report.js';
import type { JsmClient } from './jsm-client.js';
import { isOver } from './jsm-mapping.js';
import { alertSchema, listAlertsSchema, type JsmAlert } from './jsm-schemas.js';
import { formatCount } from '../../../common/count-format.js';

/**
 * Everything not closed; resolved ones are dropped here. `status:open` might leave out acked
 * and snoozed alerts, which JSM gives statuses of their own [U], and a page must not vanish.
 */
const notClosed = 'NOT status:closed';
const pageSize = 100;
/** JSM-OPS.md §2: offset + size must stay within the first 20,000 alerts. */
const offsetCeiling = 20_000;
/** 50 pages of 100: beyond that the newest alerts are what a responder can act on. */
const maxPages = 50;

/**
 * Every open alert, newest first, following `links.next`. Only the offset is taken from a
 * link, never its host or path: the credential goes only where the user pointed it. Offset
 * paging shifts when alerts arrive mid-walk, so an alert seen on two pages is kept once; alerts
 * are read one by one, so one JSM cannot describe is left out and counted.
 */
export async function readOpenAlerts(
  client: JsmClient,
  signal: AbortSignal,
  report: PollReport,
): Promise<JsmAlert[]> {
  const reader = new ItemReader(alertSchema, (alert) => alert, { one: 'alert', many: 'alerts' });
  const alerts = new Map<string, JsmAlert>();
  const seen = new Set<string>();
  let offset: number | undefined = 0;
  let cutShort: string | undefined;
  for (let page = 0; offset !== undefined; page++) {
    if (page === maxPages) {
      cutShort = `JSM kept paging past ${maxPages} pages`;
      break;
    }
    const size = Math.min(pageSize, offsetCeiling - offset);
    const url = await client.opsUrl('/v1/alerts', signal, {
      query: notClosed,
      offset: String(offset),
      size: String(size),
      sort: 'createdAt',
      order: 'desc',
    });
    const { values, links } = await client.request('list', url, {
      schema: listAlertsSchema,
      signal,
      access: 'read:ops-alert',
    });
    const fresh = values.filter((raw) => {
      const id = rawId(raw);
      return id === undefined || (!seen.has(id) && seen.add(id));
    });
    for (const alert of await reader.readAll(fresh)) {
      if (!isOver(alert)) alerts.set(alert.id, alert);
    }
    const next = links?.next;
    offset = undefined;
    if (values.length === 0 || !next) break;
    // A page that brought nothing new would bring the same again: that is the end.
    if (fresh.length === 0) {
      cutShort = `JSM said more follow, but page ${page + 1} brought nothing new`;
      break;
    }
    const step = nextOffset(next);
    if (typeof step === 'string') cutShort = step;
    else if (step >= offsetCeiling) {
      cutShort = `JSM lists no alert past the ${formatCount(offsetCeiling)}th`;
    } else offset = step;
  }
  reader.finish(report);
  if (cutShort) {
    const read = `${alerts.size} alert${alerts.size === 1 ? '' : 's'}`;
    report.note(`${cutShort}; showing the ${read} read so far`);
  }
  return [...alerts.values()];
}

/**
 * The offset a `links.next` names, or why it names none. The spec's example is a path
 * relative to the API (`/v1/alerts?offset=10&size=5`); an absolute link counts the same.
 */
export function nextOffset(link: string): number | string {
  let target: URL;
  try {
    target = new URL(link, 'http://relative.invalid');
  } catch {
    return "JSM's next-page link is not a link";
  }
  if (!target.pathname.replace(/\/+$/, '').endsWith('/v1/alerts')) {
    return "JSM's next-page link does not lead to its alert list";
  }
  const offset = target.searchParams.get('offset') ?? '';
  if (!/^\d{1,9}$/.test(offset)) return "JSM's next-page link names no page";
  return Number(offset);
}
