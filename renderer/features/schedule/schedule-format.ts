/** Hand-written English names keep the output identical on every OS locale, like the rest of the UI. */
export const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const sameLocalDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Local time with the day it falls on: "Tue 4 Mar 09:00". */
export function formatDayTime(iso: string): string {
  const d = parse(iso);
  if (!d) return '—';
  return `${weekdayNames[d.getDay()]} ${d.getDate()} ${monthNames[d.getMonth()]} ${clock(d)}`;
}

/** Just "18:00" when it is today, otherwise the day too. */
export function formatWhen(iso: string, nowMs: number): string {
  const d = parse(iso);
  if (!d) return '—';
  return sameLocalDay(d, new Date(nowMs)) ? clock(d) : formatDayTime(iso);
}

/** "Tue 4 Mar 09:00 – 17:00", "Tue 4 Mar 09:00 – Wed 5 Mar 09:00", or "… onwards" with no end. */
export function formatShiftRange(start: string, end: string | undefined): string {
  if (end === undefined) return `${formatDayTime(start)} onwards`;
  const from = parse(start);
  const to = parse(end);
  if (!from || !to) return `${formatDayTime(start)} – ${formatDayTime(end)}`;
  return `${formatDayTime(start)} – ${sameLocalDay(from, to) ? clock(to) : formatDayTime(end)}`;
}

/** Elapsed time, coarse: "45 min", "8 h 30 min", "1 d 12 h" (minutes dropped past a day). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** How long a shift lasts; null when it has no end. */
export function shiftDuration(start: string, end: string | undefined): string | null {
  if (end === undefined) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? null : formatDuration(ms);
}
