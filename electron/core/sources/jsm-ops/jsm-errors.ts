import { formatWait } from '../../../common/time-format.js';
import { parseRetryAfter, type HttpRefusal } from '../http-json.js';
import { SourceError, type SourceErrorKind } from '../source-error.js';
import { errorBodySchema } from './jsm-schemas.js';

/**
 * What a request needs, by JSM's scope families (JSM-OPS.md §1): a refused read keeps the
 * source blind, a refused write refuses that one action. `site` is the Jira site's own API.
 */
export type JsmAccess =
  'read:ops-alert' | 'write:ops-alert' | 'read:ops-config' | 'write:ops-config' | 'site';

/**
 * JSM's refusals in words a responder can act on (JSM-OPS.md §3). 401 carries `{code,
 * message}`; other 4xx carry `{errors: [{title, code}]}`. A token without the scope a call needs
 * is a 401 that says "scope does not match" [S]; a plan without the feature is a 402.
 */
export function jsmRefusal(
  refusal: HttpRefusal,
  access: JsmAccess,
  redact: (text: string) => string,
): SourceError {
  const { status } = refusal;
  const message = redact(refusal.clean(serverMessage(refusal.body)));
  const detail = message ? `: ${message}` : '';
  const fail = (kind: SourceErrorKind, text: string, retryAfterMs?: number) =>
    new SourceError(kind, text, { status, retryAfterMs });
  // A read that is refused can never poll: that needs the responder now, like a bad token.
  const refusedKind: SourceErrorKind = access.startsWith('write:') ? 'rejected' : 'auth';

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(refusal.headers.get('retry-after'), Date.now());
    const wait = retryAfterMs === undefined ? '' : `, retry in ${formatWait(retryAfterMs)}`;
    return fail('rate-limited', `rate limited by Atlassian (HTTP 429)${wait}`, retryAfterMs);
  }
  if (status === 401 && /scope/i.test(message)) {
    return fail(
      refusedKind,
      access === 'site'
        ? `JSM: the API token may not read users on the Jira site${detail}`
        : `JSM: the API token lacks the scope ${access}:jira-service-management${detail}`,
    );
  }
  switch (status) {
    case 401:
      return fail('auth', `JSM: email or API token rejected${detail}`);
    case 402:
      return fail('rejected', `JSM: the site's plan does not include this feature${detail}`);
    case 403:
      return fail(refusedKind, `JSM: your Atlassian user may not do this${detail}`);
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(refusal.headers.get('retry-after'), Date.now());
    return fail(
      'server',
      `server error at ${refusal.where} (HTTP ${status})${detail}`,
      retryAfterMs,
    );
  }
  return fail('rejected', `JSM refused the request (HTTP ${status})${detail}`);
}

function serverMessage(body: unknown): string {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return '';
  const { message, errors } = parsed.data;
  const titles = (errors ?? []).map((e) => e.title ?? e.code).filter(Boolean);
  return [message, ...titles].filter(Boolean).join('; ');
}
