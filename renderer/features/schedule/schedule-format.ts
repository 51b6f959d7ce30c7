import {
  formatClockTime,
  formatDayTime as formatDayTimeAt,
  formatDuration,
  isSameLocalDay,
} from '../../../electron/common/time-format.js';

function parse(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Local time with the day it falls on: "Tue 4 Mar 09:00". */
export function formatDayTime(iso: string): string {
  const at = parse(iso);
  return at === undefined ? '—' : formatDayTimeAt(at);
}

/** "Tue 4 Mar 09:00 – 17:00", "Tue 4 Mar 09:00 – Wed 5 Mar 09:00", or "… onwards" with no end. */
export function formatShiftRange(start: string, end: string | undefined): string {
  if (end === undefined) return `${formatDayTime(start)} onwards`;
  const from = parse(start);
  const to = parse(end);
  if (from === undefined || to === undefined) {
    return `${formatDayTime(start)} – ${formatDayTime(end)}`;
  }
  return `${formatDayTime(start)} – ${isSameLocalDay(from, to) ? formatClockTime(to) : formatDayTime(end)}`;
}

/** How long a shift lasts; null when it has no end. */
export function shiftDuration(start: string, end: string | undefined): string | null {
  if (end === undefined) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? null : formatDuration(ms);
}
