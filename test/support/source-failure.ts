import { expect } from 'vitest';
import { SourceError } from '../../electron/core/sources/source-error.js';

/** Awaits what must fail with a SourceError, and returns that error. */
export async function sourceFailure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}
