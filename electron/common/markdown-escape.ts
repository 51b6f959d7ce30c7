/**
 * Provider text inside Markdown Onwatch writes (shift reports, handoff markers). Everything
 * that came from a provider (titles, names, comments) is hostile until escaped: it may carry
 * `[links](javascript:…)`, raw HTML, table pipes or line breaks that would forge lines. Links
 * are written only for http(s) URLs.
 */

const zeroWidthSpace = '\u200b';

/**
 * Backslash-escapes the marks CommonMark and GFM act on inside a line (emphasis, code, links,
 * images, raw HTML, entities, table pipes, strikethrough, bare URLs and addresses that GFM
 * would make links of), and a leading list or heading marker, so the text always reads as the
 * plain text it is.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Line breaks and other control characters would start a new block; one space instead.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .trim()
      .replace(/[\\`*_[\]()#|<>~&!]/g, (mark) => `\\${mark}`)
      // GFM makes links of bare URLs, www. names and e-mail addresses after escapes are read,
      // so no backslash stops it; an invisible zero-width space does.
      .replace(/:\/\//g, `:${zeroWidthSpace}//`)
      .replace(/\b(www)\./gi, `$1${zeroWidthSpace}.`)
      .replace(/@/g, `${zeroWidthSpace}@`)
      .replace(/^([-+=]|\d+[.)])/, (lead) => `${lead.slice(0, -1)}\\${lead.slice(-1)}`)
  );
}

/** A link to a provider's page, or the escaped label alone when the URL is not plain http(s). */
export function markdownLink(label: string, url: string | undefined): string {
  const text = escapeMarkdown(label);
  if (!url) return text;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return text;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return text;
  const safe = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `[${text}](${safe})`;
}
