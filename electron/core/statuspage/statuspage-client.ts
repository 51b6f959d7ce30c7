import { z, type ZodType } from 'zod';
import type { Clock } from '../ports/clock.js';
import { requestJsonWithHeaders } from '../sources/http-json.js';
import { SourceError } from '../sources/source-error.js';
import { fingerprint, type Lease, type SharedLimits } from '../sources/rate-limit/shared-limits.js';
import type { Listed, SpIncidentFields, StatuspageApi } from './statuspage-api.js';
import {
  StatuspageBudget,
  statuspageBudgetPolicy,
  type BudgetPolicy,
  type RequestPriority,
} from './statuspage-budget.js';
import { statuspageRefusal } from './statuspage-errors.js';
import {
  spComponentGroupSchema,
  spComponentSchema,
  spIncidentSchema,
  spPageSchema,
  spTemplateSchema,
} from './statuspage-schemas.js';

const statuspageApiBaseUrl = 'https://api.statuspage.io/v1';

/** Statuspage serves at most 100 per page (PROVIDERS.md §7). */
const maxPageSize = 100;
/** A list longer than this many pages is cut short rather than read forever. */
const maxPages = 50;
/** A page of 100 incidents with their updates is well under this; more is not a Statuspage answer. */
const maxResponseBytes = 4 * 1024 * 1024;
/** A throttled request was refused, not applied, so it is safe to send again this often. */
const throttledAttempts = 3;

export interface StatuspageClientOptions {
  apiKey: string;
  /** Atlassian's API root unless a test or proxy says otherwise; no trailing slash needed. */
  baseUrl?: string;
  clock: Clock;
  /** Where the key's budget is shared with every other client using the same key. */
  limits: SharedLimits;
  /** The key's pacing; Statuspage's one per second unless a test scales it. */
  budget?: BudgetPolicy;
  /** Items asked for per page: Statuspage's most (100) unless a test exercises paging. */
  pageSize?: number;
}

type Query = [string, string | number][];

/**
 * Statuspage REST API v1 over plain fetch: `Authorization: OAuth <key>` (never the
 * `api_key` query parameter, which ends up in logs), every call paced by the key's budget,
 * 420/429 waited out and resent, lists read page by page and checked item by item.
 */
export class StatuspageClient implements StatuspageApi {
  readonly practice = false;
  private readonly budget: Lease<StatuspageBudget>;
  private readonly baseUrl: string;
  private readonly pageSize: number;

  constructor(private readonly options: StatuspageClientOptions) {
    const { apiKey, clock, limits } = options;
    if (!apiKey) throw new SourceError('config', 'Statuspage needs an API key');
    this.baseUrl = (options.baseUrl ?? statuspageApiBaseUrl).replace(/\/+$/, '');
    this.pageSize = Math.min(options.pageSize ?? maxPageSize, maxPageSize);
    this.budget = limits.lease(
      `statuspage:${fingerprint(apiKey)}`,
      () => new StatuspageBudget(clock, options.budget ?? statuspageBudgetPolicy),
    );
  }

  /** Lets go of the key's budget; the client must not be used afterwards. */
  dispose(): void {
    this.budget.release();
  }

  listPages(signal: AbortSignal) {
    return this.listOnce('/pages', [], spPageSchema, signal);
  }

  listComponents(pageId: string, signal: AbortSignal) {
    return this.listAll(`${pagePath(pageId)}/components`, spComponentSchema, signal);
  }

  listComponentGroups(pageId: string, signal: AbortSignal) {
    return this.listAll(`${pagePath(pageId)}/component-groups`, spComponentGroupSchema, signal);
  }

  listTemplates(pageId: string, signal: AbortSignal) {
    return this.listAll(`${pagePath(pageId)}/incident_templates`, spTemplateSchema, signal);
  }

  listUnresolvedIncidents(pageId: string, signal: AbortSignal) {
    return this.listAll(`${pagePath(pageId)}/incidents/unresolved`, spIncidentSchema, signal);
  }

  listUpcomingMaintenances(pageId: string, signal: AbortSignal) {
    return this.listAll(`${pagePath(pageId)}/incidents/upcoming`, spIncidentSchema, signal);
  }

  listActiveMaintenances(pageId: string, signal: AbortSignal) {
    const path = `${pagePath(pageId)}/incidents/active_maintenance`;
    return this.listAll(path, spIncidentSchema, signal);
  }

  searchIncidents(pageId: string, text: string, signal: AbortSignal) {
    // This endpoint pages with `limit`, not `per_page`.
    const query: Query = [
      ['q', text],
      ['limit', maxPageSize],
      ['page', 1],
    ];
    return this.listOnce(`${pagePath(pageId)}/incidents`, query, spIncidentSchema, signal);
  }

  getIncident(pageId: string, incidentId: string, signal: AbortSignal) {
    const path = `${pagePath(pageId)}/incidents/${encodeURIComponent(incidentId)}`;
    return this.request('read', 'GET', path, [], undefined, spIncidentSchema, signal);
  }

  createIncident(pageId: string, fields: SpIncidentFields, signal: AbortSignal) {
    const path = `${pagePath(pageId)}/incidents`;
    return this.request('write', 'POST', path, [], { incident: fields }, spIncidentSchema, signal);
  }

  updateIncident(
    pageId: string,
    incidentId: string,
    fields: SpIncidentFields,
    signal: AbortSignal,
  ) {
    const path = `${pagePath(pageId)}/incidents/${encodeURIComponent(incidentId)}`;
    const body = { incident: fields };
    return this.request('write', 'PATCH', path, [], body, spIncidentSchema, signal);
  }

  /** Every page of a paginated list: Statuspage has no "more" flag, so a short page ends it. */
  private async listAll<T>(
    path: string,
    item: ZodType<T>,
    signal: AbortSignal,
  ): Promise<Listed<T>> {
    const all: Listed<T> = { items: [], skipped: 0 };
    for (let page = 1; page <= maxPages; page++) {
      const query: Query = [
        ['page', page],
        ['per_page', this.pageSize],
      ];
      const raw = await this.request('read', 'GET', path, query, undefined, rawList, signal);
      const { items, skipped } = checkEach(raw, item);
      all.items.push(...items);
      all.skipped += skipped;
      if (raw.length < this.pageSize) break;
    }
    return all;
  }

  private async listOnce<T>(
    path: string,
    query: Query,
    item: ZodType<T>,
    signal: AbortSignal,
  ): Promise<Listed<T>> {
    const raw = await this.request('read', 'GET', path, query, undefined, rawList, signal);
    return checkEach(raw, item);
  }

  private async request<T>(
    priority: RequestPriority,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    query: Query,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const { apiKey } = this.options;
    const search = new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)]));
    const url = `${this.baseUrl}${path}${query.length > 0 ? `?${search}` : ''}`;
    const budget = this.budget.value;
    for (let attempt = 1; ; attempt++) {
      try {
        return await budget.run(priority, signal, async () => {
          const answer = await requestJsonWithHeaders(url, {
            method,
            headers: { Authorization: `OAuth ${apiKey}` },
            body,
            signal,
            schema,
            maxBytes: maxResponseBytes,
            refusal: (refusal) => {
              const clean = (text: string) => refusal.clean(text.split(apiKey).join('[redacted]'));
              return statuspageRefusal({ ...refusal, clean }, method);
            },
          });
          return answer.data;
        });
      } catch (error) {
        if (!(error instanceof SourceError) || error.kind !== 'rate-limited') throw error;
        // Every other call on this key would only be refused too until the wait is over.
        if (error.retryAfterMs !== undefined) budget.pause(error.retryAfterMs);
        if (attempt >= throttledAttempts || signal.aborted) throw error;
      }
    }
  }
}

const rawList = z.array(z.unknown());

/** Keeps the items that make sense and counts the rest, so one odd item hides nothing else. */
function checkEach<T>(raw: unknown[], item: ZodType<T>): Listed<T> {
  const items: T[] = [];
  let skipped = 0;
  for (const value of raw) {
    const parsed = item.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else skipped++;
  }
  return { items, skipped };
}

function pagePath(pageId: string): string {
  return `/pages/${encodeURIComponent(pageId)}`;
}
