/** What a fake's scripted fault or answer applies to: a method, a path, or both. */
export interface RequestMatch {
  method?: string;
  path?: string | RegExp;
}

export function matchesRequest(
  match: RequestMatch,
  request: { method: string; path: string },
): boolean {
  if (match.method && match.method !== request.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string'
    ? match.path === request.path
    : match.path.test(request.path);
}

/** A request body as JSON when it is JSON, as the raw text when not (so a test can see it). */
export function parseRequestBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
