import { compareIncidents, type Incident } from '../../common/model/incident.js';

/**
 * A copy of `list` (sorted by compareIncidents) without `outgoing` and with `incoming`, still
 * sorted: a binary search per incident instead of a pass over all of them, which matters when
 * one incident of ten thousand changed. `outgoing` must be the very versions `list` holds.
 */
export function replaceInOrder(
  list: readonly Incident[],
  outgoing: readonly Incident[],
  incoming: readonly Incident[],
): Incident[] {
  const next = list.slice();
  for (const incident of outgoing) next.splice(positionOf(next, incident), 1);
  for (const incident of incoming) next.splice(positionOf(next, incident), 0, incident);
  return next;
}

/** Where `incident` is, or would go, in the sorted `list`; the order is total, so it is one place. */
function positionOf(list: readonly Incident[], incident: Incident): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIncidents(list[middle]!, incident) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
