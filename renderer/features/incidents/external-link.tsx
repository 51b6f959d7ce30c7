import { safeHttpUrl } from '../../lib/safe-url.js';

/** A provider-supplied link: clickable only when it is http(s), otherwise shown as text. */
export function ExternalLink({ label, url }: { label: string; url: string }) {
  const href = safeHttpUrl(url);
  const text = label || url;
  if (!href) {
    return (
      <span className="unsafe-link" title="Not an http(s) link, so not clickable">
        {text} <span className="link-url">{url}</span>
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {text}
    </a>
  );
}
