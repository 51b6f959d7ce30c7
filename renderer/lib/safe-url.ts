/**
 * Incident links come from providers and alert annotations, i.e. from anyone who can fire an
 * alert. Only absolute http(s) URLs may become clickable; `javascript:`, `data:`, `file:` and
 * relative paths are shown as text.
 */
export function safeHttpUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
