import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import { splunkOnCallDescriptor } from '../../../common/providers/splunk-oncall.js';
import type { Clock } from '../../ports/clock.js';
import { requestJson } from '../http-json.js';
import { SourceError } from '../source-error.js';
import { callBudgetFor, minuteMs, type CallBudget } from './call-budget.js';

/** A 403 with at least this many calls in the last minute came after a burst. */
const burstCalls = 50;

export interface SplunkOnCallClientOptions {
  apiId: string;
  /** The API key (the source's `token` secret); undefined when none is configured. */
  apiKey: string | undefined;
  /** Replaces the public API host, for a proxy or a test double. */
  apiBaseUrl?: string;
  clock: Clock;
}

/**
 * Every call to Splunk On-Call goes through here: it carries the API id and key, spends
 * the API id's shared call budget, and reads the provider's ambiguous errors. It never
 * retries: polls are retried by the scheduler, and PATCH/POST by the action outbox.
 */
export class SplunkOnCallClient {
  private readonly budget: CallBudget;
  private readonly baseUrl: string;

  constructor(private readonly options: SplunkOnCallClientOptions) {
    this.budget = callBudgetFor(options.apiId, options.clock);
    this.baseUrl = (options.apiBaseUrl ?? splunkOnCallDescriptor.publicApi()).replace(/\/+$/, '');
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
    method: 'PATCH' | 'POST',
    path: string,
    body: unknown,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    return this.call(path, { method, body, signal, schema });
  }

  private async call<T>(
    pathAndQuery: string,
    request: { method?: 'PATCH' | 'POST'; body?: unknown; signal: AbortSignal; schema: ZodType<T> },
  ): Promise<T> {
    const { apiId, apiKey } = this.options;
    if (!apiKey) throw new SourceError('config', 'the Splunk On-Call API key is missing');
    await this.budget.acquire(request.signal);
    try {
      // requestJson adds Content-Type: application/json whenever there is a body.
      const answer = await requestJson(`${this.baseUrl}${pathAndQuery}`, {
        ...request,
        headers: { 'X-VO-Api-Id': apiId, 'X-VO-Api-Key': apiKey },
      });
      this.budget.recordSuccess(keyFingerprint(apiKey));
      return answer;
    } catch (error) {
      throw this.explain(error, apiKey);
    }
  }

  /**
   * Splunk On-Call answers 403 both for a bad key and for "rate limit reached" (its API
   * description says so). We read a 403 as throttling when it follows a burst (≥ 50 calls
   * on this API id in the last minute) or when this same key worked less than a minute
   * ago: keys are rarely revoked mid-minute, but another client sharing the API id can use
   * up the budget. Otherwise (the first call, or after a quiet minute) the key is wrong.
   * A revoked key is therefore reported at most a minute late, after one backoff.
   */
  private explain(error: unknown, apiKey: string): unknown {
    if (!(error instanceof SourceError)) return error;
    if (error.kind === 'rate-limited') {
      const waitMs = error.retryAfterMs ?? minuteMs;
      this.budget.pause(waitMs);
      return new SourceError('rate-limited', error.message, waitMs);
    }
    const status = authStatus(error);
    if (status === 401) {
      return new SourceError('auth', 'Splunk On-Call: API id or key missing (HTTP 401)');
    }
    if (status === 403) {
      const throttled =
        this.budget.recentCalls() >= burstCalls ||
        this.budget.succeededWithinMinute(keyFingerprint(apiKey));
      if (!throttled) return new SourceError('auth', 'API id or key rejected (HTTP 403)');
      this.budget.pause(minuteMs);
      return new SourceError(
        'rate-limited',
        'Splunk On-Call is throttling this API id (HTTP 403 after recent calls); pausing for 60 s',
        minuteMs,
      );
    }
    return error;
  }
}

/**
 * requestJson reports 401 and 403 alike as `auth`, naming the status in its message;
 * Splunk On-Call needs them apart.
 */
function authStatus(error: SourceError): number | undefined {
  if (error.kind !== 'auth') return undefined;
  const match = /\(HTTP (40[13])\)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** Tells keys apart without keeping one in a map. */
function keyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}
