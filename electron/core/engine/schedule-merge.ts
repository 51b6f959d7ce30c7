import type { Handoff, OnCallNow, ScheduleView } from '../../common/contract/app-state.js';
import type { Shift } from '../../common/model/shift.js';
import { compareCodeUnits, compareNames } from '../../common/name-order.js';

export const scheduleWindowDays = 14;
const dayMs = 24 * 60 * 60_000;

const endOf = (shift: Shift) => (shift.end === undefined ? Infinity : Date.parse(shift.end));
const startOf = (shift: Shift) => Date.parse(shift.start);
const scheduleKey = (shift: Shift) => `${shift.sourceId}\u0000${shift.scheduleId}`;

/**
 * Merges every source's shifts into what a responder asks: who is on call now, when am I next,
 * and when does each schedule hand over, over the next 14 days.
 */
export function mergeSchedule(shifts: readonly Shift[], now: number): ScheduleView {
  const windowEnd = now + scheduleWindowDays * dayMs;
  const timeline = unique(shifts)
    .filter((s) => startOf(s) < windowEnd && endOf(s) > now)
    .sort((a, b) => compareNames(a.scheduleName, b.scheduleName) || startOf(a) - startOf(b));
  return {
    onCallNow: onCallAt(timeline, now),
    myShifts: mergeAdjacent(timeline.filter((s) => s.isMe)).sort((a, b) => startOf(a) - startOf(b)),
    timeline,
    handoffs: handoffsBetween(timeline, now, windowEnd),
    windowStart: new Date(now).toISOString(),
    windowEnd: new Date(windowEnd).toISOString(),
  };
}

function onCallAt(timeline: Shift[], now: number): OnCallNow[] {
  const current = new Map<string, Shift[]>();
  for (const shift of timeline) {
    if (startOf(shift) <= now && endOf(shift) > now) {
      current.set(scheduleKey(shift), [...(current.get(scheduleKey(shift)) ?? []), shift]);
    }
  }
  return [...current.values()].map((group) => {
    const first = group[0]!;
    const until = Math.min(...group.map(endOf));
    return {
      sourceId: first.sourceId,
      scheduleId: first.scheduleId,
      scheduleName: first.scheduleName,
      userNames: [...new Set(group.map((s) => s.userName))],
      isMe: group.some((s) => s.isMe),
      until: Number.isFinite(until) ? new Date(until).toISOString() : undefined,
    };
  });
}

/** A handoff is a shift starting in the window whose person differs from the one before it. */
function handoffsBetween(timeline: Shift[], now: number, windowEnd: number): Handoff[] {
  const bySchedule = new Map<string, Shift[]>();
  for (const shift of timeline) {
    bySchedule.set(scheduleKey(shift), [...(bySchedule.get(scheduleKey(shift)) ?? []), shift]);
  }
  const handoffs: Handoff[] = [];
  for (const shifts of bySchedule.values()) {
    for (const shift of shifts) {
      const at = startOf(shift);
      if (at <= now || at > windowEnd) continue;
      const before = shifts.find((s) => s !== shift && startOf(s) < at && endOf(s) >= at);
      if (before?.userName === shift.userName) continue;
      handoffs.push({
        sourceId: shift.sourceId,
        scheduleId: shift.scheduleId,
        scheduleName: shift.scheduleName,
        at: shift.start,
        from: before?.userName,
        to: shift.userName,
        involvesMe: shift.isMe || before?.isMe === true,
      });
    }
  }
  return handoffs.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Back-to-back or overlapping shifts of one schedule read as one stretch on call. */
function mergeAdjacent(shifts: Shift[]): Shift[] {
  const merged: Shift[] = [];
  // Keys only need to sit together, so any total order will do.
  const ordered = [...shifts].sort(
    (a, b) => compareCodeUnits(scheduleKey(a), scheduleKey(b)) || startOf(a) - startOf(b),
  );
  for (const shift of ordered) {
    const last = merged.at(-1);
    if (last && scheduleKey(last) === scheduleKey(shift) && endOf(last) >= startOf(shift)) {
      const end = Math.max(endOf(last), endOf(shift));
      merged[merged.length - 1] = {
        ...last,
        end: Number.isFinite(end) ? new Date(end).toISOString() : undefined,
      };
    } else {
      merged.push(shift);
    }
  }
  return merged;
}

function unique(shifts: readonly Shift[]): Shift[] {
  const seen = new Map<string, Shift>();
  for (const shift of shifts) {
    seen.set(
      [scheduleKey(shift), shift.userName, shift.start, shift.end ?? ''].join('\u0000'),
      shift,
    );
  }
  return [...seen.values()];
}
