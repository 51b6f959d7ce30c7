import type { ZodType } from 'zod';
import { formatWait } from '../../../common/time-format.js';
import { splunkOnCallDescriptor } from '../../../common/providers/splunk-oncall.js';
import type { Clock } from '../../ports/clock.js';
import { requestJson } from '../http-json.js';
import { fingerprint, type Lease, type SharedLimits } from '../rate-limit/shared-limits.js';
import { SourceError } from '../source-error.js';
import { CallBudget } from './call-budget.js';

/** A 403 with at least this many calls in the last minute came after a burst. */
const burstCalls = 50;

export interface SplunkOnCallClientOptions {
  apiId: string;
  /** The API key (the source's `token` secret); undefined when none is configured. */
  apiKey: string | undefined;
  /** Replaces the public API host, for a proxy or a test double. */
  apiBaseUrl?: string;
  clock: Clock;
  /** Where the API id's budget is shared with every other client using the same id. */
  limits: SharedLimits;
}

/**
 * Every call to Splunk On-Call goes through here: it carries the API id and key, spends
 * the API id's shared call budget, and reads the provider's ambiguous errors. It never
 * retries: polls are retried by the scheduler, and PATCH/POST by the action outbox.
 */
export class SplunkOnCallClient {
  private readonly budget: Lease<CallBudget>;
  private readonly baseUrl: string;

  constructor(private readonly options: SplunkOnCallClientOptions) {
    const { apiId, clock, limits } = options;
    this.budget = limits.lease(`splunk-oncall:${apiId}`, () => new CallBudget(clock));
    this.baseUrl = (options.apiBaseUrl ?? splunkOnCallDescriptor.publicApi()).replace(/\/+$/, '');
  }

  /** Lets go of the API id's budget; the client must not be used afterwards. */
  dispose(): void {
    this.budget.release();
  }

  get<T>(
    path: string,
    schema: ZodType<T>,
    signal: AbortSignal,
    query: Record<string, string> = {},
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.call(`${path}${search ? `?${search}` : ''}`, { signal, schema });
  }

  send<T>(
    method: 'PATCH' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    return this.call(path, { method, body, signal, schema });
  }

  private async call<T>(
    pathAndQuery: string,
    request: {
      method?: 'PATCH' | 'POST' | 'PUT' | 'DELETE';
      body?: unknown;
      signal: AbortSignal;
      schema: ZodType<T>;
    },
  ): Promise<T> {
    const { apiId, apiKey } = this.options;
    if (!apiKey) throw new SourceError('config', 'the Splunk On-Call API key is missing');
    const budget = this.budget.value;
    try {
      const answer = await budget.limiter.run(request.signal, () =>
        // requestJson adds Content-Type: application/json whenever there is a body.
        requestJson(`${this.baseUrl}${pathAndQuery}`, {
          ...request,
          headers: { 'X-VO-Api-Id': apiId, 'X-VO-Api-Key': apiKey },
          maxBytes: splunkOnCallDescriptor.maxResponseBytes,
        }),
      );
      budget.recordSuccess(fingerprint(apiKey));
      return answer;
    } catch (error) {
      throw this.explain(error, apiKey);
    }
  }

  /**
   * Splunk On-Call answers 403 both for a bad key and for "rate limit reached" (its API
   * description says so). We read a 403 as throttling when it names a wait (Retry-After), when
   * it follows a burst (≥ 50 calls on this API id in the last minute) or when this same key
   * worked less than a minute ago: keys are rarely revoked mid-minute, but another client
   * sharing the API id can use up the budget. Otherwise (the first call, or after a quiet
   * minute) the key is wrong. A revoked key is therefore reported at most a minute late.
   *
   * Throttling pauses the API id only for the wait Splunk On-Call names. Without one, the
   * engine probes again at its interval: guessing a minute would leave a responder blind for a
   * minute after the throttling ended.
   */
  private explain(error: unknown, apiKey: string): unknown {
    // Only the provider's answers need reading; the budget's own refusals are already clear.
    if (!(error instanceof SourceError) || error.status === undefined) return error;
    const { status, retryAfterMs } = error;
    const budget = this.budget.value;
    if (retryAfterMs !== undefined && error.kind === 'rate-limited') {
      budget.limiter.pause(retryAfterMs);
    }
    if (status === 429) return error;
    if (status === 401) {
      return new SourceError('auth', 'Splunk On-Call: API id or key missing (HTTP 401)', {
        status,
      });
    }
    if (status === 403) {
      const throttled =
        error.kind === 'rate-limited' ||
        budget.limiter.recentStarts() >= burstCalls ||
        budget.succeededWithinMinute(fingerprint(apiKey));
      if (!throttled) {
        return new SourceError('auth', 'API id or key rejected (HTTP 403)', { status });
      }
      const wait = retryAfterMs === undefined ? '' : `, retry in ${formatWait(retryAfterMs)}`;
      return new SourceError(
        'rate-limited',
        `Splunk On-Call is throttling this API id (HTTP 403 after recent calls)${wait}`,
        { status, retryAfterMs },
      );
    }
    return error;
  }
}
