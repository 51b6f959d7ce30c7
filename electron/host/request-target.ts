/** A request's path, decoded once, and its query. */
export interface RequestTarget {
  /** Always starts with `/`; no empty, `.` or `..` segments and no encoded separators. */
  path: string;
  query: URLSearchParams;
}

/**
 * Decodes and checks the path of a request line once, so that the token check and the file
 * lookup see the same name: `/%69ndex.html` is `/index.html` to both. Returns why not for a
 * target that no honest browser sends.
 */
export function parseRequestTarget(raw: string): RequestTarget | { refused: string } {
  // Origin form only ("/path?query"); a browser never sends the absolute form to its origin.
  if (!raw.startsWith('/')) return { refused: 'The request path must start with /.' };
  const queryStart = raw.indexOf('?');
  const rawPath = queryStart === -1 ? raw : raw.slice(0, queryStart);
  const segments: string[] = [];
  for (const rawSegment of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { refused: 'The request path has malformed percent-encoding.' };
    }
    if (/[/\\\0]/.test(segment)) {
      return { refused: 'The request path may not hold backslashes, NUL or encoded slashes.' };
    }
    if (segment === '..') return { refused: 'The request path may not climb with "..".' };
    if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return {
    path: `/${segments.join('/')}`,
    query: new URLSearchParams(queryStart === -1 ? '' : raw.slice(queryStart + 1)),
  };
}
