import { formatWait } from '../../../common/time-format.js';
import type { HttpRefusal } from '../http-json.js';
import type { ResponseHeaders } from '../http-exchange.js';
import { SourceError, type SourceErrorDetails, type SourceErrorKind } from '../source-error.js';
import { errorBodySchema } from './pagerduty-schemas.js';

/** PagerDuty's error codes that change what Onwatch does (developer docs, "Errors"). */
export const pdErrorCodes = {
  alreadyResolved: 1001,
  alreadyAcknowledged: 1002,
  notAcknowledged: 1012,
  requesterNotAuthorized: 1018,
  accessDenied: 2010,
  rateLimited: 2020,
} as const;

/** A refusal from PagerDuty, keeping its error code (beside the HTTP status) for the caller. */
export class PagerDutyError extends SourceError {
  constructor(
    kind: SourceErrorKind,
    message: string,
    readonly code: number | undefined,
    details: SourceErrorDetails,
  ) {
    super(kind, message, details);
  }
}

/** `ratelimit-reset` is whole seconds until the budget refills; undefined when absent. */
export function rateLimitResetMs(headers: ResponseHeaders): number | undefined {
  const value = headers.get('ratelimit-reset')?.trim();
  if (!value || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}

/** Turns a non-2xx answer into an error a responder can act on, in PagerDuty's own words. */
export function pagerDutyRefusal(refusal: HttpRefusal, method: string): PagerDutyError {
  const { status } = refusal;
  const parsed = errorBodySchema.safeParse(refusal.body);
  const code = parsed.success ? (parsed.data.error.code ?? undefined) : undefined;
  const detail = parsed.success ? refusal.clean(describe(parsed.data.error)) : '';
  const fail = (kind: SourceErrorKind, message: string, retryAfterMs?: number) =>
    new PagerDutyError(kind, message, code, { status, retryAfterMs });
  const because = detail ? `: ${detail}` : '';
  const writes = method !== 'GET';

  if (status === 401) return fail('auth', 'PagerDuty rejected the API key (HTTP 401)');
  // 2020 is PagerDuty's own "rate limited", whatever status carries it.
  if (status === 429 || code === pdErrorCodes.rateLimited) {
    // Without ratelimit-reset there is no wait to honour: the engine probes at its interval.
    const resetMs = rateLimitResetMs(refusal.headers);
    const waitMs = resetMs === undefined ? undefined : Math.max(1000, resetMs);
    const retry = waitMs === undefined ? '' : `, retry in ${formatWait(waitMs)}`;
    return fail('rate-limited', `PagerDuty rate limit reached (HTTP ${status})${retry}`, waitMs);
  }
  if (status === 408 || status >= 500) {
    return fail('server', `PagerDuty server error at ${refusal.where} (HTTP ${status})`);
  }
  if (status === 402) return fail('rejected', `your PagerDuty plan lacks this feature${because}`);
  if (status === 403) {
    // A key that may not read what we poll leaves us blind; a refused change is final.
    if (!writes) return fail('auth', `PagerDuty denied this key access${because}`);
    const hint = detail ? because : ': the API key may be read-only';
    return fail('rejected', `PagerDuty does not allow this change${hint}`);
  }
  if (code === pdErrorCodes.accessDenied || code === pdErrorCodes.requesterNotAuthorized) {
    return fail('rejected', `PagerDuty does not allow this change${because}`);
  }
  if (code === pdErrorCodes.notAcknowledged) {
    return fail('rejected', `PagerDuty only does this to acknowledged incidents${because}`);
  }
  if (status === 404) return fail('rejected', `PagerDuty has no such item${because}`);
  return fail('rejected', `PagerDuty refused the request (HTTP ${status})${because}`);
}

function describe(error: { message?: string | null; errors?: string[] | null }): string {
  const parts = [error.message ?? '', ...(error.errors ?? [])].filter(Boolean);
  return [...new Set(parts)].join('; ');
}
