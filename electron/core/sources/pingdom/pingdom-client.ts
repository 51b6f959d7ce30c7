import type { ZodType } from 'zod';
import { formatWait } from '../../../common/time-format.js';
import { pingdomDescriptor } from '../../../common/providers/pingdom.js';
import type { Clock } from '../../ports/clock.js';
import { requestJsonWithHeaders, type HttpRefusal } from '../http-json.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { fingerprint, type Lease, type SharedLimits } from '../rate-limit/shared-limits.js';
import { SourceError } from '../source-error.js';
import { errorBodySchema } from './pingdom-schemas.js';
import { readBudgets, waitForBudget, type RequestBudgets } from './pingdom-limits.js';
import type { ResponseHeaders } from '../http-exchange.js';

/**
 * What every client on one token shares: the budgets Pingdom last reported, and a limiter that
 * holds requests while one is spent. A poll costs a few requests, so there is no pace beyond that.
 */
interface TokenBudget {
  limiter: RateLimiter;
  budgets: RequestBudgets;
}

/** Longer waits than this are refused at once, so the engine reschedules within its deadline. */
const maxWaitMs = 5_000;

/**
 * Every call to Pingdom with one token: Bearer auth, the token's shared pace, and Pingdom's
 * `Req-Limit-*` budgets honoured (an exhausted one holds every request until its reset).
 * It never retries: the scheduler does.
 */
export class PingdomClient {
  private readonly budget?: Lease<TokenBudget>;
  private readonly baseUrl: string;

  constructor(
    private readonly token: string | undefined,
    apiBaseUrl: string | undefined,
    clock: Clock,
    limits: SharedLimits,
  ) {
    this.baseUrl = (apiBaseUrl ?? pingdomDescriptor.publicApi()).replace(/\/+$/, '');
    if (!token) return;
    this.budget = limits.lease(`pingdom:${fingerprint(token)}`, () => ({
      budgets: {},
      limiter: new RateLimiter(clock, {
        provider: 'Pingdom',
        maxWaitMs,
        describeWait: (waitMs) =>
          `Pingdom's request budget is used up; next request in ${formatWait(waitMs)}`,
      }),
    }));
  }

  dispose(): void {
    this.budget?.release();
  }

  /** The budgets as the last answer reported them. */
  get budgets(): RequestBudgets {
    return this.budget?.value.budgets ?? {};
  }

  async get<T>(
    path: string,
    query: Record<string, string>,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const { token, budget } = this;
    if (!token || !budget) throw new SourceError('config', 'the Pingdom API token is missing');
    const search = new URLSearchParams(query).toString();
    const { limiter } = budget.value;
    const { data, headers } = await limiter.run(signal, () =>
      requestJsonWithHeaders(`${this.baseUrl}${path}${search ? `?${search}` : ''}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal,
        schema,
        maxBytes: pingdomDescriptor.maxResponseBytes,
        refusal: (refusal) => this.refusal(refusal),
      }),
    );
    this.note(headers);
    return data;
  }

  /** Keeps the budgets an answer reported, and holds requests while one is used up. */
  private note(headers: ResponseHeaders): RequestBudgets {
    const budget = this.budget!.value;
    const reported = readBudgets(headers);
    budget.budgets = { ...budget.budgets, ...definedOnly(reported) };
    const wait = waitForBudget(reported);
    if (wait > 0) budget.limiter.pause(wait);
    return reported;
  }

  private refusal(refusal: HttpRefusal): SourceError {
    const { status } = refusal;
    const reported = this.note(refusal.headers);
    const parsed = errorBodySchema.safeParse(refusal.body);
    const text = parsed.success
      ? (parsed.data.error.errormessage ?? parsed.data.error.statusdesc)
      : undefined;
    const detail = text ? `: ${this.redact(refusal.clean(text))}` : '';
    if (status === 429) {
      const wait = waitForBudget(reported) || undefined;
      if (wait) this.budget!.value.limiter.pause(wait);
      const when = wait ? `, retry in ${formatWait(wait)}` : '';
      return new SourceError(
        'rate-limited',
        `Pingdom request limit exceeded (HTTP 429)${detail}${when}`,
        { status, retryAfterMs: wait },
      );
    }
    if (status === 401 || status === 403) {
      return new SourceError(
        'auth',
        `Pingdom refused the API token (HTTP ${status})${detail}: revoked, expired, or without Read access`,
        { status },
      );
    }
    if (status >= 500) {
      return new SourceError(
        'server',
        `server error at ${refusal.where} (HTTP ${status})${detail}`,
        {
          status,
        },
      );
    }
    return new SourceError('rejected', `Pingdom refused the request (HTTP ${status})${detail}`, {
      status,
    });
  }

  private redact(text: string): string {
    return this.token ? text.split(this.token).join('[redacted]') : text;
  }
}

function definedOnly(budgets: RequestBudgets): RequestBudgets {
  return Object.fromEntries(Object.entries(budgets).filter(([, value]) => value !== undefined));
}
