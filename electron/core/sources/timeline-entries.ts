import type { TimelineEntry } from '../../common/model/incident-timeline.js';
import { httpStatusOf } from './source-error.js';

/** A provider's text beyond this is cut: the window clamps it anyway, and a megabyte of note is an attack. */
const maxTextLength = 8000;

/** The provider's words kept as they are (plain text, never markup), cut to a sane length. */
export function plainText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > maxTextLength ? `${trimmed.slice(0, maxTextLength - 1)}…` : trimmed;
}

/** Oldest first; entries at the same instant keep the provider's order. */
export function oldestFirst(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Why part of a timeline could not be read, in words: a refusal names what the key may not read. */
export function unreadReason(provider: string, what: string, error: unknown): string {
  const status = httpStatusOf(error);
  if (status === 401 || status === 403) return `your ${provider} key may not read ${what}`;
  if (status === 404) return `${provider} has no ${what} for this incident`;
  const message = error instanceof Error ? error.message : String(error);
  return `${what} could not be read (${message})`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A read that may fail without failing its neighbour: the timeline shows what was read. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** What was not read, as one sentence for the window. */
export function partialReason(unread: string[]): string {
  const text = unread.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
