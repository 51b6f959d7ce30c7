import { z, type ZodType } from 'zod';
import { pagerDutyDescriptor } from '../../../common/providers/pagerduty.js';
import type { Clock } from '../../ports/clock.js';
import { requestJsonWithHeaders } from '../http-json.js';
import type { ResponseHeaders } from '../http-exchange.js';
import { SourceError } from '../source-error.js';
import { RateLimiter, type RateLimitPolicy } from '../rate-limit/rate-limiter.js';
import { fingerprint, type Lease, type SharedLimits } from '../rate-limit/shared-limits.js';
import { pagerDutyRefusal, rateLimitResetMs } from './pagerduty-errors.js';

/** Query parameters in order; PagerDuty repeats a name (`statuses[]`) for several values. */
export type Query = [string, string | number | boolean][];

export interface PagerDutyClientOptions {
  /** API root without a trailing slash: a region's host, or a configured override. */
  baseUrl: string;
  token: string | undefined;
  /** A user's login email, sent as `From` on every change. */
  from: string;
  clock: Clock;
  /** Where the key's lane is shared with every other client using the same key. */
  limits: SharedLimits;
}

/**
 * PagerDuty counts requests per key (960 a minute) and asks for them one at a time. The
 * window keeps a key inside that budget whatever its sources ask for (a poll pages at most
 * 100 times); a spent budget (`ratelimit-remaining: 0`) or a 429 pauses the key until
 * `ratelimit-reset`.
 */
const lanePolicy: RateLimitPolicy = {
  provider: 'PagerDuty',
  concurrency: 1,
  window: { limit: 960, windowMs: 60_000 },
};

/**
 * PagerDuty REST API v2 over plain fetch: the versioned Accept header, the strict token
 * format, `From` on writes, one request at a time per key, and its rate-limit headers.
 */
export class PagerDutyClient {
  private readonly lane?: Lease<RateLimiter>;
  /** Requests sent through this client, answered or not: what the fast lane budgets. */
  requestsSent = 0;

  constructor(private readonly options: PagerDutyClientOptions) {
    const { token, clock, limits } = options;
    if (token) {
      this.lane = limits.lease(
        `pagerduty:${fingerprint(token)}`,
        () => new RateLimiter(clock, lanePolicy),
      );
    }
  }

  /** Lets go of the key's lane; the client must not be used afterwards. */
  dispose(): void {
    this.lane?.release();
  }

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

  /** DELETE: PagerDuty answers 200 or 204 without a body worth reading. */
  async remove(path: string, signal: AbortSignal): Promise<void> {
    await this.request('DELETE', path, [], undefined, z.unknown(), signal);
  }

  private async request<T>(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    query: Query,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const { token } = this.options;
    if (!token || !this.lane) throw new SourceError('config', 'PagerDuty needs an API key');
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

    const lane = this.lane.value;
    return lane.run(signal, async () => {
      this.requestsSent++;
      try {
        const answer = await requestJsonWithHeaders(url, {
          method,
          headers,
          body,
          signal,
          schema,
          maxBytes: pagerDutyDescriptor.maxResponseBytes,
          refusal: (refusal) => {
            noteBudget(lane, refusal.headers);
            // Header values are redacted whole; a server echoing the bare key must not leak it.
            const clean = (text: string) => refusal.clean(text.split(token).join('[redacted]'));
            return pagerDutyRefusal({ ...refusal, clean }, method);
          },
        });
        noteBudget(lane, answer.headers);
        return answer.data;
      } catch (error) {
        // Other sources on this key would only be refused too until the limit resets.
        if (error instanceof SourceError && error.retryAfterMs !== undefined) {
          lane.pause(error.retryAfterMs);
        }
        throw error;
      }
    });
  }
}

/** Once `ratelimit-remaining` reaches 0, nothing more is sent on the key before the reset. */
function noteBudget(lane: RateLimiter, headers: ResponseHeaders): void {
  const resetMs = rateLimitResetMs(headers);
  if (remaining(headers) === 0 && resetMs !== undefined) lane.pause(resetMs);
}

function remaining(headers: ResponseHeaders): number | undefined {
  const value = headers.get('ratelimit-remaining')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
