import type { ZodType } from 'zod';
import { healthchecksDescriptor } from '../../../common/providers/healthchecks.js';
import { requestJson } from '../http-json.js';
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
    const apiKey = this.checkedKey();
    const search = new URLSearchParams(query).toString();
    try {
      return await requestJson(`${this.site}/api/v3/${path}${search ? `?${search}` : ''}`, {
        headers: { 'X-Api-Key': apiKey },
        signal,
        schema,
        maxBytes: healthchecksDescriptor.maxResponseBytes,
      });
    } catch (error) {
      throw explain(error);
    }
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

/** The default wording says "credentials rejected"; this one says which and what to do. */
function explain(error: unknown): unknown {
  if (!(error instanceof SourceError) || error.kind !== 'auth') return error;
  return new SourceError(
    'auth',
    `Healthchecks.io refused the API key (HTTP ${error.status}): revoked, or another project's`,
    { status: error.status },
  );
}
