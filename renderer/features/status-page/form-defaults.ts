import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import { mappedComponentIds } from '../../../electron/common/status-page/component-mapping.js';

/** Pages a form can post to: those read at least once, real pages before the practice page. */
export function postablePages(pages: readonly ConnectedStatusPage[]): ConnectedStatusPage[] {
  const read = pages.filter((page) => page.view !== undefined);
  return [...read.filter((p) => !p.practice), ...read.filter((p) => p.practice)];
}

/**
 * The page a form opens on: the one asked for, else the first whose mapping rules say the
 * incident touches its components, else the first page that can be posted to.
 */
export function defaultPageId(
  pages: readonly ConnectedStatusPage[],
  incident: Incident | undefined,
  asked?: string,
): string | undefined {
  const postable = postablePages(pages);
  if (asked && postable.some((p) => p.id === asked)) return asked;
  const mapped = incident
    ? postable.find((p) => mappedComponentIds(incident, p.mappings, p.view!.catalog).length > 0)
    : undefined;
  return (mapped ?? postable[0])?.id;
}

/** `2026-11-22T10:00` in the responder's own zone, as a datetime-local input holds it. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value back to an instant; undefined when the input is incomplete. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
