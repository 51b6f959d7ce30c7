import {
  formatDuration,
  formatUpcoming as formatUpcomingAt,
  formatWhen,
} from '../../electron/common/time-format.js';

/** Provider timestamps arrive as ISO text; a garbled one is shown as a dash, never guessed. */
function parse(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How long an incident has been open: "<1 min", "4 min", "2 h 5 min", "3 d 4 h". */
export function formatAge(fromIso: string, nowMs: number): string {
  const from = parse(fromIso);
  if (from === undefined) return '—';
  // Clock skew between provider and laptop can put createdAt slightly in the future.
  const ms = Math.max(0, nowMs - from);
  return ms < 60_000 ? '<1 min' : formatDuration(ms, { rounding: 'floor' });
}

/** Local wall-clock time, "14:02"; with the day when it is not today, "Thu 27 Feb 09:05". */
export function formatClock(iso: string, nowMs: number): string {
  const at = parse(iso);
  return at === undefined ? '—' : formatWhen(at, nowMs);
}

/**
 * A time within the coming 24 hours as "07:00", even past midnight: the end of quiet hours or
 * of a silence needs no date. Anything else as formatClock.
 */
export function formatUpcoming(iso: string, nowMs: number): string {
  const at = parse(iso);
  return at === undefined ? '—' : formatUpcomingAt(at, nowMs);
}
