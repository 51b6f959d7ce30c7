import type { Shift } from '../../../electron/common/model/shift.js';
import { monthNames, weekdayNames } from '../../../electron/common/time-format.js';

/** A runaway window (a bad clock, a bug upstream) must not render thousands of columns. */
const maxDays = 62;

type TimelineDay = {
  /** The local date, "2025-03-30". */
  key: string;
  weekday: string;
  dayOfMonth: number;
  /** Set on the first column and on the 1st of a month, where the month changes. */
  month: string | null;
  leftPct: number;
  widthPct: number;
  isToday: boolean;
  isWeekend: boolean;
};

export type TimelineBlock = {
  shift: Shift;
  /** Row within the schedule, so overlapping shifts stack instead of hiding each other. */
  lane: number;
  leftPct: number;
  widthPct: number;
  /** The shift runs on before or after what the timeline shows. */
  clippedStart: boolean;
  clippedEnd: boolean;
};

export type TimelineRow = {
  key: string;
  sourceId: string;
  scheduleId: string;
  scheduleName: string;
  lanes: number;
  blocks: TimelineBlock[];
  hasMe: boolean;
};

export type TimelineLayout = {
  startMs: number;
  endMs: number;
  days: TimelineDay[];
  rows: TimelineRow[];
  /** Where "now" falls, or null outside the timeline. */
  nowPct: number | null;
};

export type TimelineInput = {
  windowStart: string;
  windowEnd: string;
  shifts: readonly Shift[];
  nowMs: number;
};

const pad = (n: number) => String(n).padStart(2, '0');
const dateKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * Whole local calendar days covering the window. Each boundary is a local midnight built from
 * the date, never "previous + 24 h", so a 23- or 25-hour DST day gets its true width.
 */
function localDays(startMs: number, endMs: number): { start: number; end: number; date: Date }[] {
  const first = new Date(startMs);
  const days = [];
  for (let i = 0; i < maxDays; i++) {
    const date = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i);
    if (date.getTime() >= endMs && i > 0) break;
    const next = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i + 1);
    days.push({ start: date.getTime(), end: next.getTime(), date });
  }
  return days;
}

type Placed = { shift: Shift; fromMs: number; toMs: number };

/**
 * Stacks a schedule's shifts into the fewest lanes with no overlap within a lane. Compared in
 * milliseconds, not percentages, so a shift ending exactly when the next starts shares a lane.
 */
function assignLanes(placed: Placed[]): {
  lanes: number;
  withLanes: (Placed & { lane: number })[];
} {
  const laneEnds: number[] = [];
  const sorted = [...placed].sort((a, b) => a.fromMs - b.fromMs || b.toMs - a.toMs);
  const withLanes = sorted.map((item) => {
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= item.fromMs);
    if (lane === -1) lane = laneEnds.push(item.toMs) - 1;
    else laneEnds[lane] = item.toMs;
    return { ...item, lane };
  });
  return { lanes: Math.max(1, laneEnds.length), withLanes };
}

/**
 * Lays the 14-day schedule out as percentages of the timeline's width: columns for local days,
 * one row per schedule, each shift clipped to the days shown. Pure, so time zones and DST can
 * be tested without a browser.
 */
export function layoutTimeline({
  windowStart,
  windowEnd,
  shifts,
  nowMs,
}: TimelineInput): TimelineLayout {
  const windowStartMs = Date.parse(windowStart);
  const windowEndMs = Date.parse(windowEnd);
  if (!(windowEndMs > windowStartMs)) {
    return { startMs: windowStartMs, endMs: windowEndMs, days: [], rows: [], nowPct: null };
  }
  const dayRanges = localDays(windowStartMs, windowEndMs);
  const startMs = dayRanges[0]!.start;
  const endMs = dayRanges.at(-1)!.end;
  const pct = (ms: number) => ((ms - startMs) / (endMs - startMs)) * 100;
  const today = dateKey(new Date(nowMs));

  const days = dayRanges.map(({ start, end, date }, index): TimelineDay => ({
    key: dateKey(date),
    weekday: weekdayNames[date.getDay()]!,
    dayOfMonth: date.getDate(),
    month: index === 0 || date.getDate() === 1 ? monthNames[date.getMonth()]! : null,
    leftPct: pct(start),
    widthPct: pct(end) - pct(start),
    isToday: dateKey(date) === today,
    isWeekend: date.getDay() === 0 || date.getDay() === 6,
  }));

  const bySchedule = new Map<string, Shift[]>();
  for (const shift of shifts) {
    const key = `${shift.sourceId}\u0000${shift.scheduleId}`;
    const group = bySchedule.get(key);
    if (group) group.push(shift);
    else bySchedule.set(key, [shift]);
  }

  const rows: TimelineRow[] = [];
  for (const [key, group] of bySchedule) {
    const placed = group.flatMap((shift): Placed[] => {
      const start = Date.parse(shift.start);
      // No end means a permanent on-call: it runs past the right edge.
      const end = shift.end === undefined ? Infinity : Date.parse(shift.end);
      if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return [];
      if (end <= startMs || start >= endMs) return [];
      return [{ shift, fromMs: Math.max(start, startMs), toMs: Math.min(end, endMs) }];
    });
    if (placed.length === 0) continue;
    const { lanes, withLanes } = assignLanes(placed);
    const first = group[0]!;
    rows.push({
      key,
      sourceId: first.sourceId,
      scheduleId: first.scheduleId,
      scheduleName: first.scheduleName,
      lanes,
      blocks: withLanes.map(({ shift, fromMs, toMs, lane }) => ({
        shift,
        lane,
        leftPct: pct(fromMs),
        widthPct: pct(toMs) - pct(fromMs),
        clippedStart: fromMs > Date.parse(shift.start),
        clippedEnd: shift.end === undefined || toMs < Date.parse(shift.end),
      })),
      hasMe: placed.some((item) => item.shift.isMe),
    });
  }
  rows.sort((a, b) => a.scheduleName.localeCompare(b.scheduleName) || a.key.localeCompare(b.key));

  return {
    startMs,
    endMs,
    days,
    rows,
    nowPct: nowMs >= startMs && nowMs <= endMs ? pct(nowMs) : null,
  };
}

/** A stable colour per person, so one responder's shifts read as one colour across schedules. */
export function colorSlot(userName: string, slots: number): number {
  let hash = 0;
  for (const char of userName) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % slots;
}
