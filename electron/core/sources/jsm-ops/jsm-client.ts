import type { ZodType } from 'zod';
import type { JsmOpsSourceConfig } from '../../../common/model/source-config.js';
import { jsmOpsDescriptor } from '../../../common/providers/jsm-ops.js';
import type { Clock } from '../../ports/clock.js';
import { requestJsonWithHeaders } from '../http-json.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { fingerprint, type Lease, type SharedLimits } from '../rate-limit/shared-limits.js';
import { httpStatusOf, SourceError } from '../source-error.js';
import { jsmRefusal, type JsmAccess } from './jsm-errors.js';
import { jiraUserSchema, tenantInfoSchema, type JiraUser } from './jsm-schemas.js';

/**
 * Listing alerts and acting on one get a pace each, so a long alert list never delays an ack;
 * schedules and the site's user API ride with the actions (they are rare).
 */
type Lane = 'list' | 'act';
type Limiters = Record<Lane, RateLimiter>;

/** At most five request starts a second per lane: Atlassian publishes no numbers [U]. */
const minGapMs = 200;

export interface JsmRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  schema: ZodType<T>;
  signal: AbortSignal;
  /** Which scope the call needs: decides how a refusal reads and whether it blinds the source. */
  access: JsmAccess;
}

/**
 * JSM Operations over HTTP with Basic auth (Atlassian email + API token). The API lives under
 * the site's cloudId, read once from the site itself; the site also says who "me" is.
 */
export class JsmClient {
  private readonly limiters?: Lease<Limiters>;
  private cloudId?: string;
  private me?: JiraUser;

  constructor(
    private readonly config: JsmOpsSourceConfig,
    private readonly token: string | undefined,
    clock: Clock,
    limits: SharedLimits,
  ) {
    if (!token) return;
    this.limiters = limits.lease(`jsm-ops:${fingerprint(`${config.email}:${token}`)}`, () => ({
      list: new RateLimiter(clock, { provider: 'Atlassian', minSpacingMs: minGapMs }),
      act: new RateLimiter(clock, { provider: 'Atlassian', minSpacingMs: minGapMs }),
    }));
  }

  dispose(): void {
    this.limiters?.release();
  }

  /** The site's root, e.g. https://acme.atlassian.net; parsed on use so a bad one is the source's error. */
  get site(): URL {
    return parseRoot(this.config.siteUrl, 'the Atlassian site URL is not valid');
  }

  /** The API root that `apiBaseUrl` replaces (a proxy, or a test double). */
  get apiRoot(): URL {
    return parseRoot(
      this.config.apiBaseUrl ?? jsmOpsDescriptor.publicApi(),
      'the JSM API URL is not valid',
    );
  }

  /** A URL on the Jira site, e.g. `/rest/api/3/myself`. */
  siteUrl(path: string, query: Record<string, string> = {}): URL {
    return withQuery(`${trimmed(this.site)}${path}`, query);
  }

  /** A URL under the site's Operations API, e.g. `/v1/alerts`; looks the cloudId up once. */
  async opsUrl(
    path: string,
    signal: AbortSignal,
    query: Record<string, string> = {},
  ): Promise<URL> {
    const cloudId = encodeURIComponent(await this.lookUpCloudId(signal));
    const base =
      this.config.product === 'compass'
        ? `/compass/cloud/${cloudId}/ops` // JSM-OPS.md §7: the base is [V], the paths under it [U]
        : `/jsm/ops/api/${cloudId}`;
    return withQuery(`${trimmed(this.apiRoot)}${base}${path}`, query);
  }

  /** The site's cloudId from `/_edge/tenant_info`, which needs no credential. */
  async lookUpCloudId(signal: AbortSignal): Promise<string> {
    if (this.cloudId) return this.cloudId;
    const url = this.siteUrl('/_edge/tenant_info');
    try {
      const { data } = await requestJsonWithHeaders(url, {
        schema: tenantInfoSchema,
        signal,
        maxBytes: 64 * 1024,
      });
      this.cloudId = data.cloudId;
      return data.cloudId;
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const missing = error.kind === 'bad-response' || error.kind === 'rejected';
      if (!missing) throw error;
      throw new SourceError(
        'config',
        `${this.site.host} named no cloud id at /_edge/tenant_info: is it your Atlassian site (https://<site>.atlassian.net)?`,
        { status: error.status },
      );
    }
  }

  /** The responder's Atlassian account: its accountId is "me" in JSM. Read once. */
  async myself(signal: AbortSignal): Promise<JiraUser> {
    if (this.me) return this.me;
    this.me = await this.request('act', this.siteUrl('/rest/api/3/myself'), {
      schema: jiraUserSchema,
      signal,
      access: 'site',
    });
    return this.me;
  }

  async request<T>(lane: Lane, url: URL, request: JsmRequest<T>): Promise<T> {
    const { token, limiters } = this;
    if (!token || !limiters) {
      throw new SourceError('config', 'JSM needs an Atlassian API token');
    }
    const limiter = limiters.value[lane];
    const basic = Buffer.from(`${this.config.email}:${token}`).toString('base64');
    const { data } = await limiter.run(request.signal, () =>
      requestJsonWithHeaders(url, {
        method: request.method ?? 'GET',
        body: request.body,
        schema: request.schema,
        signal: request.signal,
        headers: { Authorization: `Basic ${basic}` },
        maxBytes: jsmOpsDescriptor.maxResponseBytes,
        refusal: (refusal) => {
          const error = jsmRefusal(refusal, request.access, (text) => this.redact(text));
          // The lane stays quiet for as long as Atlassian asked; the engine waits it too.
          if (error.retryAfterMs !== undefined) limiter.pause(error.retryAfterMs);
          return error;
        },
      }),
    );
    return data;
  }

  /** Like `request`, but a 404 resolves to undefined instead of throwing. */
  async requestUnlessMissing<T>(
    lane: Lane,
    url: URL,
    request: JsmRequest<T>,
  ): Promise<T | undefined> {
    try {
      return await this.request(lane, url, request);
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The shared cleaner hides whole header values; the bare token inside one is ours to hide. */
  private redact(text: string): string {
    return this.token ? text.split(this.token).join('[redacted]') : text;
  }
}

function parseRoot(value: string, invalid: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SourceError('config', invalid);
  }
  if (url.username || url.password) {
    throw new SourceError('config', 'credentials belong in the API token, not in the URL');
  }
  url.search = '';
  url.hash = '';
  return url;
}

function trimmed(url: URL): string {
  return url.href.replace(/\/+$/, '');
}

function withQuery(href: string, query: Record<string, string>): URL {
  const url = new URL(href);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}
