// Opsgenie's REST API ends on 2027-04-05. Everything Opsgenie lives in this folder so it can be
// deleted in one go (plus its descriptor, its line in each provider list, and its tests).

import type { ZodType } from 'zod';
import type { OpsgenieSourceConfig } from '../../../common/model/source-config.js';
import { formatWait } from '../../../common/time-format.js';
import { opsgenieDescriptor } from '../../../common/providers/opsgenie.js';
import type { Clock } from '../../ports/clock.js';
import { requestJsonWithHeaders, type HttpRefusal } from '../http-json.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { fingerprint, type Lease, type SharedLimits } from '../rate-limit/shared-limits.js';
import { httpStatusOf, SourceError, type SourceErrorKind } from '../source-error.js';
import { errorBodySchema } from './opsgenie-schemas.js';
import { isSwitchedOff, switchedOffText } from './opsgenie-switched-off.js';

/**
 * Opsgenie rate-limits per "domain": listing alerts is Search, acting on one is Alert, on-call
 * reads are Schedule. Each gets its own pace here, so neither a long alert list nor a schedule
 * refresh delays an ack. Calls in other domains (account, escalations) are rare and ride with
 * Alert.
 */
export type RateDomain = 'search' | 'alert' | 'schedule';
const rateDomains: readonly RateDomain[] = ['search', 'alert', 'schedule'];

/** At most five request starts a second per domain (Opsgenie does not publish its limits). */
const minGapMs = 200;

type DomainLimiters = Record<RateDomain, RateLimiter>;

export interface OpsgenieRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  schema: ZodType<T>;
  signal: AbortSignal;
}

export class OpsgenieClient {
  /** The key's pace per domain, shared with every client using the same key. */
  private readonly limiters?: Lease<DomainLimiters>;

  constructor(
    private readonly config: OpsgenieSourceConfig,
    private readonly apiKey: string | undefined,
    clock: Clock,
    limits: SharedLimits,
  ) {
    if (!apiKey) return;
    this.limiters = limits.lease(`opsgenie:${fingerprint(apiKey)}`, () => {
      const policy = { provider: 'Opsgenie', minSpacingMs: minGapMs };
      const entries = rateDomains.map((domain) => [domain, new RateLimiter(clock, policy)]);
      return Object.fromEntries(entries) as DomainLimiters;
    });
  }

  /** Lets go of the key's pace; the client must not be used afterwards. */
  dispose(): void {
    this.limiters?.release();
  }

  /**
   * The configured API root; a proxy may add a path prefix. Parsed on use, so a bad URL
   * shows up as the source's error rather than stopping the app from starting.
   */
  get base(): URL {
    return parseBase(this.config.apiBaseUrl ?? opsgenieDescriptor.publicApi(this.config));
  }

  /** An absolute URL for `path` (starting with /v2/) under the configured root. */
  url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(`${this.base.href.replace(/\/$/, '')}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /**
   * Where the alert list's paging link may take us from `current`, or why it may not. A link
   * to the alert list on the configured root is followed as given. A link naming another host
   * (a proxy relays Opsgenie's links, which name Opsgenie) is never followed: the key goes only
   * where the user pointed it, and such a link only lends its offset to `current`. Anything
   * else (another path, no offset, not a link) ends the list, so it cannot fail the poll.
   */
  nextAlertPage(link: string, current: URL): { url: URL } | { refused: string } {
    const base = this.base;
    let target: URL;
    try {
      target = new URL(link, base);
    } catch {
      return { refused: "Opsgenie's next-page link is not a link" };
    }
    const list = this.url('/v2/alerts');
    const where = /^https?:$/.test(target.protocol) ? ` (${target.host}${target.pathname})` : '';
    const refused = {
      refused: `Opsgenie's next-page link does not lead to its alert list${where}`,
    };
    if (target.origin === base.origin) {
      if (target.pathname !== list.pathname) return refused;
      list.search = target.search;
      return { url: list };
    }
    const offset = target.searchParams.get('offset') ?? '';
    if (!/^https?:$/.test(target.protocol) || !target.pathname.endsWith('/v2/alerts')) {
      return refused;
    }
    if (!/^\d{1,9}$/.test(offset)) {
      return { refused: `Opsgenie's next-page link names no page${where}` };
    }
    const next = new URL(current);
    next.searchParams.set('offset', offset);
    return { url: next };
  }

  /** Requests sent through this client, answered or not: what the fast lane budgets. */
  requestsSent = 0;

  /** Waiting for the domain's turn counts against the caller's deadline. */
  async request<T>(domain: RateDomain, url: URL, request: OpsgenieRequest<T>): Promise<T> {
    const { apiKey, limiters } = this;
    if (!apiKey || !limiters) {
      throw new SourceError('config', 'Opsgenie needs an API key (GenieKey)');
    }
    const limiter = limiters.value[domain];
    const method = request.method ?? 'GET';
    const { data } = await limiter.run(request.signal, () => {
      this.requestsSent++;
      return requestJsonWithHeaders(url, {
        ...request,
        method,
        headers: { Authorization: `GenieKey ${apiKey}` },
        maxBytes: opsgenieDescriptor.maxResponseBytes,
        refusal: (refusal) => {
          const error = this.refusal(refusal, method);
          // The domain stays quiet for the period Opsgenie named; the engine waits it too.
          if (error.retryAfterMs !== undefined) limiter.pause(error.retryAfterMs);
          return error;
        },
      });
    });
    return data;
  }

  /** Like `request`, but a 404 resolves to undefined instead of throwing. */
  async requestUnlessMissing<T>(
    domain: RateDomain,
    url: URL,
    request: OpsgenieRequest<T>,
  ): Promise<T | undefined> {
    try {
      return await this.request(domain, url, request);
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Opsgenie's statuses mean specific things, and its body says why in `message`. */
  private refusal(refusal: HttpRefusal, method: string): SourceError {
    const { status } = refusal;
    const parsed = errorBodySchema.safeParse(refusal.body);
    const message = parsed.success ? this.redact(refusal.clean(parsed.data.message)) : '';
    const detail = message ? `: ${message}` : '';
    const fail = (kind: SourceErrorKind, text: string, retryAfterMs?: number) =>
      new SourceError(kind, text, { status, retryAfterMs });
    if (status === 429 || isThrottled(refusal, message)) {
      const seconds = Number(refusal.headers.get('x-ratelimit-period-in-sec'));
      const known = Number.isFinite(seconds) && seconds > 0;
      const wait = known ? `, retry in ${formatWait(seconds * 1000)}` : '';
      return fail(
        'rate-limited',
        `rate limited by Opsgenie (HTTP ${status})${wait}`,
        known ? seconds * 1000 : undefined,
      );
    }
    if (isSwitchedOff(status, message)) return fail('auth', switchedOffText);
    switch (status) {
      case 401:
        return fail('auth', 'Opsgenie: GenieKey rejected (or the integration is disabled)');
      case 402:
        return fail(
          'rejected',
          `Opsgenie: plan limit, the account's plan does not allow this${detail}`,
        );
      case 403:
        // A key that cannot read can never poll: that needs the responder now, like a bad key.
        return fail(
          method === 'GET' ? 'auth' : 'rejected',
          `Opsgenie: this key lacks permission${detail}`,
        );
    }
    if (status >= 500) {
      return fail('server', `server error at ${refusal.where} (HTTP ${status})${detail}`);
    }
    return fail('rejected', `Opsgenie refused the request (HTTP ${status})${detail}`);
  }

  /** The shared cleaner redacts whole header values; the bare key inside one is ours to hide. */
  private redact(text: string): string {
    return this.apiKey ? text.split(this.apiKey).join('[redacted]') : text;
  }
}

/**
 * Opsgenie marks a throttled answer with `X-RateLimit-State: THROTTLED`; an answer whose own
 * message says the rate limit was reached is throttling too, whatever its status (a 403 must not
 * read "this key lacks permission: Rate limit reached").
 */
function isThrottled(refusal: HttpRefusal, message: string): boolean {
  const state = refusal.headers.get('x-ratelimit-state')?.trim().toUpperCase();
  return state === 'THROTTLED' || /rate.?limit/i.test(message);
}

function parseBase(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SourceError('config', 'the Opsgenie API URL is not valid');
  }
  if (url.username || url.password) {
    throw new SourceError('config', 'credentials belong in the API key, not in the URL');
  }
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url;
}
