/** Rejections from either transport are Errors, but a preload bug must not crash the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong';
}
