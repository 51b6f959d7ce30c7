/**
 * Text a client sent, cut short enough to echo in an error or a log line. An error that repeats
 * half a megabyte back to its sender (and into the log) helps nobody; the length still says
 * what arrived.
 */
const maxEchoed = 120;

export function excerpt(text: string): string {
  if (text.length <= maxEchoed) return text;
  return `${text.slice(0, maxEchoed)}… (${text.length} characters)`;
}

/** The same in quotes, escaped, so a line break in the text cannot forge another log line. */
export function quotedExcerpt(text: string): string {
  const quoted = JSON.stringify(text.slice(0, maxEchoed));
  return text.length <= maxEchoed ? quoted : `${quoted}… (${text.length} characters)`;
}

/** Cuts `text` to `max` characters by code point (no surrogate pair split), marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
