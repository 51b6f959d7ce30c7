import { formatWait } from '../../common/time-format.js';
import { parseRetryAfter, type HttpRefusal } from '../sources/http-json.js';
import { SourceError, type SourceErrorKind } from '../sources/source-error.js';
import { spErrorSchema } from './statuspage-schemas.js';

/**
 * Statuspage documents no Retry-After; when a 420/429 carries none, waiting a few of the
 * key's one-per-second slots lets the rolling minute drain a little.
 */
const defaultThrottleWaitMs = 3_000;

/** Whether Statuspage refused the request for going too fast (it sends 420 or 429). */
function isThrottled(status: number): boolean {
  return status === 420 || status === 429;
}

/**
 * Turns a refusal into words a responder reads on the form, and a kind the outbox acts on:
 * `rejected` is final (the draft stays for them to fix), everything else is retried.
 */
export function statuspageRefusal(refusal: HttpRefusal, method: string): SourceError {
  const { status } = refusal;
  const detail = refusal.clean(explanation(refusal.body));
  const because = detail ? `: ${detail}` : '';
  const fail = (kind: SourceErrorKind, message: string, retryAfterMs?: number) =>
    new SourceError(kind, message, { status, retryAfterMs });
  const writes = method !== 'GET';

  if (isThrottled(status)) {
    const given = parseRetryAfter(refusal.headers.get('retry-after'), Date.now());
    const waitMs = Math.max(1_000, given ?? defaultThrottleWaitMs);
    return fail(
      'rate-limited',
      `Statuspage asked us to slow down (HTTP ${status}); trying again in ${formatWait(waitMs)}`,
      waitMs,
    );
  }
  if (status === 401) return fail('auth', 'Statuspage did not accept the API key (HTTP 401)');
  if (status === 403) {
    return writes
      ? fail('rejected', `This API key may not change the status page${because}`)
      : fail('auth', `This API key may not read the status page${because}`);
  }
  if (status === 404) {
    return fail(
      'rejected',
      'Statuspage has no such page or incident: it may have been deleted, or the page id is wrong',
    );
  }
  if (status === 408 || status >= 500) {
    return fail('server', `Statuspage is having trouble (HTTP ${status}); trying again`);
  }
  if (status === 400 || status === 422) {
    return fail('rejected', `Statuspage refused it${because || ` (HTTP ${status})`}`);
  }
  return fail('rejected', `Statuspage refused the request (HTTP ${status})${because}`);
}

function explanation(body: unknown): string {
  const parsed = spErrorSchema.safeParse(body);
  if (!parsed.success) return '';
  const { message, error } = parsed.data;
  const parts = [message ?? '', ...[error ?? []].flat()].filter(Boolean);
  return [...new Set(parts)].join('; ');
}
