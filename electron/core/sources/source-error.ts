/**
 * Why talking to a provider failed, in words a responder can act on. `kind` decides how
 * the engine reacts: `auth` turns the source blind at once, `rate-limited` waits at least
 * `retryAfterMs`, `rejected` means the provider refused this action and retrying won't help.
 */
export type SourceErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'auth'
  | 'rate-limited'
  | 'server'
  | 'bad-response'
  | 'rejected'
  | 'config';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Turns anything thrown into a SourceError without leaking stack traces or secrets. */
export function toSourceError(error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new SourceError('timeout', 'the request timed out');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError('unreachable', message);
}
