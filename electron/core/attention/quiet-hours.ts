import { TZDate, tzOffset } from '@date-fns/tz';
import type { QuietHours } from '../../common/attention-config.js';

/*
 * Quiet hours are wall-clock times in the responder's zone ("22:00"–"07:00"). On the nights the
 * clocks change, such a time may never show or may show twice, so each boundary is pinned to an
 * instant by one rule: it is the first instant at which the local clock reads that time or later.
 *
 * - A boundary in the skipped hour (02:30 on a spring-forward night) falls at the jump, when the
 *   clock goes from 01:59 to 03:00 (Berlin; New York jumps from 01:59 to 03:00 too).
 * - A boundary in the repeated hour (02:30 on a fall-back night) is its first showing; once the
 *   window has ended, the clock reading 02:xx again does not make it quiet again, and once it has
 *   started, it does not stop.
 *
 * A window runs from its start to the next end after it, so it is quiet exactly between two
 * instants, and `quietHoursEndAfter` is the instant `inQuietHours` turns false. When start and
 * end are equal, the window lasts a whole day.
 */

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

interface CalendarDay {
  year: number;
  /** 0–11, as Date counts them. */
  month: number;
  day: number;
}

export function inQuietHours(quiet: QuietHours, ms: number, timeZone?: string): boolean {
  if (!quiet.enabled) return false;
  return windowsAround(quiet, ms, timeZone).some(([from, to]) => from <= ms && ms < to);
}

/** The first moment after `ms` at which quiet hours end. */
export function quietHoursEndAfter(quiet: QuietHours, ms: number, timeZone?: string): number {
  const ends = windowsAround(quiet, ms, timeZone)
    .map(([, to]) => to)
    .filter((to) => to > ms);
  return Math.min(...ends);
}

type Window = [from: number, to: number];

/**
 * One local day's windows, kept while calls stay in that day: a storm asks thousands of times,
 * and reading the system's zone alone costs more than the rest. So a change of system zone is
 * noticed at the next local midnight.
 */
let memo:
  | {
      timeZone: string | undefined;
      start: string;
      end: string;
      dayFrom: number;
      dayTo: number;
      windows: Window[];
    }
  | undefined;

/**
 * The windows that start the day before, on, and the day after the local day of `ms`: every
 * window that can contain `ms`, and the next one to end after it.
 */
function windowsAround(quiet: QuietHours, ms: number, timeZone?: string): Window[] {
  const { start, end } = quiet;
  if (
    memo !== undefined &&
    memo.timeZone === timeZone &&
    memo.start === start &&
    memo.end === end &&
    memo.dayFrom <= ms &&
    ms < memo.dayTo
  ) {
    return memo.windows;
  }
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const local = new TZDate(ms, zone);
  const today = { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
  const [startMinutes, endMinutes] = [minutesOf(start), minutesOf(end)];
  const windows = [-1, 0, 1].map((offset): Window => {
    const day = addDays(today, offset);
    const endDay = endMinutes > startMinutes ? day : addDays(day, 1);
    return [firstReading(day, startMinutes, zone), firstReading(endDay, endMinutes, zone)];
  });
  const dayFrom = firstReading(today, 0, zone);
  const dayTo = firstReading(addDays(today, 1), 0, zone);
  memo = { timeZone, start, end, dayFrom, dayTo, windows };
  return windows;
}

/** The first instant at which the clock in `zone` reads `minutes` past midnight on `day`, or later. */
function firstReading(day: CalendarDay, minutes: number, zone: string): number {
  // The wall time written as if it were UTC; subtracting the zone's offset gives the instant.
  const wall = Date.UTC(day.year, day.month, day.day, 0, minutes);
  const offsetAt = (at: number) => tzOffset(zone, new Date(at)) * minuteMs;
  // Clocks change at most once in a day: the offsets a day either side are the two in play.
  const before = offsetAt(wall - dayMs);
  const after = offsetAt(wall + dayMs);
  const readings = [wall - before, wall - after].filter((at) => offsetAt(at) === wall - at);
  // Twice on a fall-back night: the first showing.
  if (readings.length > 0) return Math.min(...readings);
  // Never, on a spring-forward night: the jump, found to the minute between the two guesses.
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > minuteMs) {
    const mid = lo + Math.floor((hi - lo) / minuteMs / 2) * minuteMs;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
