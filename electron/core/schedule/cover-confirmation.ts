import type { CoverRequest } from '../../common/model/cover.js';
import type { Shift } from '../../common/model/shift.js';

/** Providers round to the minute or second; a shift this close to the asked edge counts. */
const edgeSlackMs = 60_000;

/**
 * Whether the provider's schedule, as last polled, shows the cover: on its schedule, the
 * covering person is on call from its start to its end (in one shift or back-to-back ones).
 */
export function scheduleShowsCover(cover: CoverRequest, timeline: readonly Shift[]): boolean {
  const start = Date.parse(cover.start);
  const end = Date.parse(cover.end);
  const theirs = timeline
    .filter(
      (s) =>
        s.sourceId === cover.sourceId &&
        s.scheduleId === cover.scheduleId &&
        (s.userId === undefined
          ? s.userName === cover.coverUser.name
          : s.userId === cover.coverUser.id),
    )
    .map((s) => ({
      from: Date.parse(s.start),
      to: s.end === undefined ? Infinity : Date.parse(s.end),
    }))
    .sort((a, b) => a.from - b.from);
  let reached = start;
  for (const { from, to } of theirs) {
    if (from > reached + edgeSlackMs) break;
    reached = Math.max(reached, to);
    if (reached >= end - edgeSlackMs) return true;
  }
  return false;
}
