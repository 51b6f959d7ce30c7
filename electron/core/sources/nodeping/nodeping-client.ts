import type { ZodType } from 'zod';
import { nodepingDescriptor } from '../../../common/providers/nodeping.js';
import { formatWait } from '../../../common/time-format.js';
import { parseRetryAfter, requestJsonWithHeaders, type HttpRefusal } from '../http-json.js';
import { SourceError } from '../source-error.js';
import { errorBodySchema } from './nodeping-schemas.js';

/** Words in NodePing's error text that mean the token, not the request, is wrong. */
const tokenTrouble = /token|auth|login|access denied|credential/i;

/**
 * Every call to NodePing: the token as the Basic username (never in a URL), and `customerid`
 * for a sub-account. NodePing may refuse with `{"error": …}` under any status, 200 included, so
 * every answer is checked for that before it is read.
 */
export class NodepingClient {
  private readonly baseUrl: string;

  constructor(
    private readonly token: string | undefined,
    private readonly customerId: string | undefined,
    apiBaseUrl: string | undefined,
  ) {
    this.baseUrl = (apiBaseUrl ?? nodepingDescriptor.publicApi()).replace(/\/+$/, '');
  }

  async get<T>(
    path: string,
    query: Record<string, string>,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const { token } = this;
    if (!token) throw new SourceError('config', 'the NodePing API token is missing');
    const params = new URLSearchParams(query);
    if (this.customerId) params.set('customerid', this.customerId);
    const search = params.toString();
    const url = `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
    const { data } = await requestJsonWithHeaders(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` },
      signal,
      schema: schema.or(errorBodySchema),
      maxBytes: nodepingDescriptor.maxResponseBytes,
      refusal: (refusal) => this.refusal(refusal),
    });
    const error = errorBodySchema.safeParse(data);
    // A check map never has an `error` key: check ids are `<customerid>-<suffix>`.
    if (error.success) throw this.refused(200, error.data.error, (text) => text);
    return data as T;
  }

  private refusal(refusal: HttpRefusal): SourceError {
    const { status } = refusal;
    const parsed = errorBodySchema.safeParse(refusal.body);
    if (status === 429) {
      // NodePing documents no limits or headers (MONITORS.md §2); a Retry-After is honoured.
      const retryAfterMs = parseRetryAfter(refusal.headers.get('retry-after'), Date.now());
      const wait = retryAfterMs === undefined ? '' : `, retry in ${formatWait(retryAfterMs)}`;
      return new SourceError('rate-limited', `rate limited by NodePing (HTTP 429)${wait}`, {
        status,
        retryAfterMs,
      });
    }
    if (status >= 500) {
      return new SourceError('server', `server error at ${refusal.where} (HTTP ${status})`, {
        status,
      });
    }
    const text = parsed.success ? parsed.data.error : '';
    if (status === 401 || status === 403) {
      return new SourceError(
        'auth',
        `NodePing refused the API token (HTTP ${status})${text ? `: ${this.clean(text, refusal.clean)}` : ''}`,
        { status },
      );
    }
    return this.refused(status, text, refusal.clean);
  }

  private refused(status: number, text: string, clean: (text: string) => string): SourceError {
    const detail = this.clean(text, clean);
    if (tokenTrouble.test(text)) {
      return new SourceError('auth', `NodePing refused the API token: ${detail}`, { status });
    }
    return new SourceError(
      'rejected',
      `NodePing refused the request${detail ? `: ${detail}` : ''}`,
      {
        status,
      },
    );
  }

  /** One line, bounded, and never the token, even if NodePing echoes it. */
  private clean(text: string, clean: (text: string) => string): string {
    const line = clean(text)
      .replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ')
      .trim();
    const short = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    return this.token ? short.split(this.token).join('[redacted]') : short;
  }
}
