import { compareIncidents, type Incident } from './incident.js';

/** Beyond this many incidents arriving at once, one sort beats a binary search and a move each. */
const insertAtMost = 64;

/**
 * A copy of `list` (sorted by compareIncidents) without the incidents whose keys are in
 * `replaced`, and with `incoming`, still sorted. A few arrivals are placed by binary search,
 * which matters when one incident of ten thousand changed; a storm is sorted once.
 */
export function replaceInOrder(
  list: readonly Incident[],
  replaced: ReadonlySet<string>,
  incoming: readonly Incident[],
): Incident[] {
  const kept = replaced.size > 0 ? list.filter((i) => !replaced.has(i.key)) : list.slice();
  if (incoming.length > insertAtMost) return kept.concat(incoming).sort(compareIncidents);
  for (const incident of incoming) kept.splice(positionOf(kept, incident), 0, incident);
  return kept;
}

/** Where `incident` would go in the sorted `list`; the order is total, so it is one place. */
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
