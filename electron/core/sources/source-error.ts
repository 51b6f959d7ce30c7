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

export interface SourceErrorDetails {
  /** The HTTP status of the answer that failed; absent when there was no answer. */
  status?: number;
  /** How long to wait before asking again, when the provider (or our own budget) says. */
  retryAfterMs?: number;
}

export class SourceError extends Error {
  override readonly name = 'SourceError';
  /** Callers decide on this, never on the message, which is for people. */
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    details: SourceErrorDetails = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The HTTP status behind a failure, if it was a provider's answer. */
export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof SourceError ? error.status : undefined;
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

/**
 * The end of a switch over every action type: an action type a source forgot to handle fails
 * to compile here, instead of falling through and counting as done.
 */
export function unhandled(action: never): never {
  throw new SourceError('rejected', `no such action: ${JSON.stringify(action)}`);
}
