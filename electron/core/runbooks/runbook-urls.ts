/**
 * Runbook links: the form `runbook_urls` entries are compared in, and the two rules that find
 * a file for a link by its path.
 */

/** http(s) only, trailing slash ignored: `…/kubepodcrashlooping/` is `…/kubepodcrashlooping`. */
export function normaliseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`only http and https links are allowed: ${JSON.stringify(text)}`);
  }
  return url.href.replace(/\/+(?=$|[?#])/, '');
}

export function tryNormaliseUrl(text: string): string | undefined {
  try {
    return normaliseUrl(text);
  } catch {
    return undefined;
  }
}

/**
 * The prometheus-operator layout: `…/runbooks/<component>/<alertname>` is the file
 * `<component>/<AlertName>.md`, compared case-insensitively (the mixins lower-case the name).
 */
export function linkLayoutKey(url: string): string | undefined {
  const segments = new URL(url).pathname
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      decoded(segment)
        .toLowerCase()
        .replace(/\.(md|html?)$/, ''),
    );
  if (segments.length < 2) return undefined;
  return segments.slice(-2).join('/');
}

export function fileLayoutKey(relativePath: string): string | undefined {
  const segments = relativePath.toLowerCase().replace(/\.md$/, '').split('/');
  if (segments.length < 2) return undefined;
  return segments.slice(-2).join('/');
}

/**
 * `https://github.com/<owner>/<repo>/blob/<ref>/<path>` as the repository and the paths it may
 * name: a ref can hold slashes (`release/1.2`), so each split after `blob/` is a candidate.
 */
export function githubBlobPaths(url: string): { repo: string; paths: string[] } | undefined {
  const parsed = new URL(url);
  if (parsed.hostname.toLowerCase() !== 'github.com') return undefined;
  const segments = parsed.pathname.split('/').filter(Boolean).map(decoded);
  const [owner, repo, blob, ...rest] = segments;
  if (!owner || !repo || blob !== 'blob' || rest.length < 2) return undefined;
  const paths = rest.slice(1).map((_, i) => rest.slice(i + 1).join('/'));
  return { repo: `${owner}/${repo}`.toLowerCase(), paths };
}

/** A malformed escape (`%zz`) is kept as written rather than failing the whole lookup. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
