import { CommandError, type CommandIssue } from '../../electron/common/contract/command-error.js';

/** Rejections from either transport are Errors, but a preload bug must not crash the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong';
}

/** A command that failed, as a form reads it: the main side's words and the fields they concern. */
export type Failure = { ok: false; error: string; issues?: CommandIssue[] };

export function failureOf(error: unknown): Failure {
  const failure: Failure = { ok: false, error: errorMessage(error) };
  if (error instanceof CommandError && error.issues?.length) failure.issues = error.issues;
  return failure;
}
