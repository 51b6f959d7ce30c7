import type { ZodType } from 'zod';
import { healthchecksDescriptor } from '../../../common/providers/healthchecks.js';
import { requestJson, requestTextHead, type TextHead } from '../http-json.js';
import { SourceError } from '../source-error.js';

/** Healthchecks.io refuses any key of another length before looking it up (HEALTH-CHECKS.md §4.5). */
const keyLength = 32;

/** What a key may do, as its prefix says; legacy keys do not say. */
export type KeyAccess = 'read-only' | 'read-write' | 'unknown';

export function keyAccess(apiKey: string): KeyAccess {
  if (apiKey.startsWith('hcr_')) return 'read-only';
  if (apiKey.startsWith('hcw_')) return 'read-write';
  return 'unknown';
}

/**
 * Every call to one Healthchecks.io project: the project key in X-Api-Key, under the site's
 * /api/v3/. It never retries; the scheduler does.
 */
export class HealthchecksClient {
  /** The site root, without a trailing slash: links to a check's page start here. */
  readonly site: string;

  constructor(
    private readonly apiKey: string | undefined,
    apiBaseUrl: string | undefined,
  ) {
    this.site = (apiBaseUrl ?? healthchecksDescriptor.publicApi()).replace(/\/+$/, '');
  }

  async get<T>(
    path: string,
    query: [string, string][],
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    try {
      return await this.request('GET', `${path}${search ? `?${search}` : ''}`, schema, signal);
    } catch (error) {
      throw explain(error);
    }
  }

  /** The first `maxBytes` of a plain-text answer (a ping's logged body). */
  async getTextHead(path: string, maxBytes: number, signal: AbortSignal): Promise<TextHead> {
    try {
      return await requestTextHead(`${this.site}/api/v3/${path}`, {
        headers: { 'X-Api-Key': this.checkedKey() },
        signal,
        maxBytes,
      });
    } catch (error) {
      throw explain(error);
    }
  }

  /**
   * A write without a body (pause, resume): fetch still sends `Content-Length: 0`, which some
   * proxies in front of a self-hosted instance require. A refused key refuses this action only.
   */
  async post<T>(path: string, schema: ZodType<T>, signal: AbortSignal): Promise<T> {
    try {
      return await this.request('POST', path, schema, signal);
    } catch (error) {
      throw explainWrite(error);
    }
  }

  private request<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    return requestJson(`${this.site}/api/v3/${pathAndQuery}`, {
      method,
      headers: { 'X-Api-Key': this.checkedKey() },
      signal,
      schema,
      maxBytes: healthchecksDescriptor.maxResponseBytes,
    });
  }

  private checkedKey(): string {
    const apiKey = this.apiKey;
    if (!apiKey) throw new SourceError('config', 'the Healthchecks.io API key is missing');
    if (apiKey.length !== keyLength) {
      // Said before anything is sent: the server would only answer 401.
      throw new SourceError(
        'auth',
        `a Healthchecks.io API key is ${keyLength} characters; this one has ${apiKey.length}`,
      );
    }
    return apiKey;
  }
}

/** A write the key may not make, or on a check that is gone, is refused for good. */
function explainWrite(error: unknown): unknown {
  if (!(error instanceof SourceError) || error.status === undefined) return error;
  const { status } = error;
  if (error.kind === 'auth') {
    return new SourceError(
      'rejected',
      `Healthchecks.io refused the change (HTTP ${status}): this project key is read-only`,
      { status },
    );
  }
  if (status === 404) {
    return new SourceError('rejected', 'Healthchecks.io no longer has this check', { status });
  }
  return error;
}

/** The default wording says "credentials rejected"; this one says which and what to do. */
function explain(error: unknown): unknown {
  // Our own refusal of a malformed key says what is wrong already.
  if (!(error instanceof SourceError) || error.kind !== 'auth' || error.status === undefined) {
    return error;
  }
  return new SourceError(
    'auth',
    `Healthchecks.io refused the API key (HTTP ${error.status}): revoked, or another project's`,
    { status: error.status },
  );
}
