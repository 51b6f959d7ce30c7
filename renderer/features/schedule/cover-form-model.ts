import type { CoverView, Teammate } from '../../../electron/common/model/cover.js';
import type { Shift } from '../../../electron/common/model/shift.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as an `<input type="datetime-local">` value, in the window's local zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Back from the input; NaN when it is empty or not a time. */
export function fromLocalInput(value: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? new Date(value).getTime() : Number.NaN;
}

/** Teammates whose name or detail contains every word typed, in any order. */
export function filterTeammates(teammates: readonly Teammate[], search: string): Teammate[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return teammates.filter((t) => {
    const text = `${t.name} ${t.detail ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The schedules on which this teammate is already on call during the range, by name. */
export function onCallElsewhere(
  timeline: readonly Shift[],
  teammate: Teammate,
  range: { start: number; end: number },
  here: { sourceId: string; scheduleId: string },
): string[] {
  const names = timeline
    .filter((s) => !(s.sourceId === here.sourceId && s.scheduleId === here.scheduleId))
    .filter((s) =>
      s.userId === undefined ? s.userName === teammate.name : s.userId === teammate.id,
    )
    .filter(
      (s) =>
        Date.parse(s.start) < range.end && (s.end === undefined || Date.parse(s.end) > range.start),
    )
    .map((s) => s.scheduleName);
  return [...new Set(names)];
}

export const coverStateWording: Record<CoverView['state'], string> = {
  sending: 'sending…',
  'awaiting-schedule': 'accepted, waiting for the schedule to show it',
  confirmed: 'in the schedule',
  removing: 'removing…',
  failed: 'failed',
};
