import type { QuietHours } from './attention-config.js';

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter is slow; one per zone (`''` is the system's) is plenty. */
function formatFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(key, format);
  }
  return format;
}

/** Milliseconds since local midnight at `ms`, in `timeZone` (the system's zone when undefined). */
export function localTimeOfDay(ms: number, timeZone?: string): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: string) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = formatFor(timeZone).formatToParts(ms);
  return (
    ((part(parts, 'hour') * 60 + part(parts, 'minute')) * 60 + part(parts, 'second')) * 1000 +
    (ms % 1000)
  );
}

function toMs(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return (hours * 60 + minutes) * minuteMs;
}

export function inQuietHours(quiet: QuietHours, ms: number, timeZone?: string): boolean {
  if (!quiet.enabled) return false;
  const now = localTimeOfDay(ms, timeZone);
  const start = toMs(quiet.start);
  const end = toMs(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The next moment after `ms` at which the local clock reads the quiet hours' end. */
export function quietHoursEndAfter(quiet: QuietHours, ms: number, timeZone?: string): number {
  const end = toMs(quiet.end);
  const ahead = (end - localTimeOfDay(ms, timeZone) + dayMs) % dayMs || dayMs;
  const naive = ms + ahead;
  // A daylight-saving change tonight moves the end by the clock's jump; correct by the
  // difference, unless the end falls into the skipped hour and so never shows on the clock.
  let shift = end - localTimeOfDay(naive, timeZone);
  if (shift > dayMs / 2) shift -= dayMs;
  if (shift < -dayMs / 2) shift += dayMs;
  const corrected = naive + shift;
  return corrected > ms && localTimeOfDay(corrected, timeZone) === end ? corrected : naive;
}
