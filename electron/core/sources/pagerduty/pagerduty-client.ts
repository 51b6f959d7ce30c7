import type { ZodType } from 'zod';
import type { Clock } from '../../ports/clock.js';
import { requestJsonWithHeaders } from '../http-json.js';
import { SourceError } from '../source-error.js';
import { pagerDutyRefusal, rateLimitResetMs } from './pagerduty-errors.js';
import { laneFor } from './pagerduty-lane.js';

/** Query parameters in order; PagerDuty repeats a name (`statuses[]`) for several values. */
export type Query = [string, string | number | boolean][];

export interface PagerDutyClientOptions {
  /** API root without a trailing slash: a region's host, or a configured override. */
  baseUrl: string;
  token: string | undefined;
  /** A user's login email, sent as `From` on every change. */
  from: string;
  clock: Clock;
}

/**
 * PagerDuty REST API v2 over plain fetch: the versioned Accept header, the strict token
 * format, `From` on writes, one request at a time per key, and its rate-limit headers.
 */
export class PagerDutyClient {
  constructor(private readonly options: PagerDutyClientOptions) {}

  get<T>(path: string, query: Query, schema: ZodType<T>, signal: AbortSignal): Promise<T> {
    return this.request('GET', path, query, undefined, schema, signal);
  }

  write<T>(
    method: 'PUT' | 'POST',
    path: string,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    return this.request(method, path, [], body, schema, signal);
  }

  private async request<T>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    query: Query,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const { token, clock } = this.options;
    if (!token) throw new SourceError('config', 'PagerDuty needs an API key');
    const headers: Record<string, string> = {
      Authorization: `Token token=${token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
    };
    // requestJson adds Content-Type: application/json whenever there is a body.
    if (method !== 'GET') headers.From = this.options.from;
    const search = new URLSearchParams(
      query.map(([name, value]): [string, string] => [name, String(value)]),
    );
    const url = `${this.options.baseUrl}${path}${query.length > 0 ? `?${search}` : ''}`;

    const lane = laneFor(token);
    return lane.run(clock, signal, async () => {
      try {
        const answer = await requestJsonWithHeaders(url, {
          method,
          headers,
          body,
          signal,
          schema,
          refusal: (refusal) => {
            lane.noteBudget(clock, remaining(refusal.headers), rateLimitResetMs(refusal.headers));
            // Header values are redacted whole; a server echoing the bare key must not leak it.
            const clean = (text: string) => refusal.clean(text.split(token).join('[redacted]'));
            return pagerDutyRefusal({ ...refusal, clean }, method);
          },
        });
        lane.noteBudget(clock, remaining(answer.headers), rateLimitResetMs(answer.headers));
        return answer.data;
      } catch (error) {
        // Other sources on this key would only be refused too until the limit resets.
        if (error instanceof SourceError && error.retryAfterMs !== undefined) {
          lane.block(clock, error.retryAfterMs);
        }
        throw error;
      }
    });
  }
}

function remaining(headers: Headers): number | undefined {
  const value = headers.get('ratelimit-remaining')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
