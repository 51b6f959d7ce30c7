/**
 * How Onwatch writes times and durations, the same in the tray, notifications and the window:
 * English unit names with a space ("2 h 5 min"), a 24-hour clock ("14:02"), and hand-written
 * day and month names so the output never depends on the OS locale. Named zones go through
 * Intl, which both Node and Chromium carry; `timeZone` undefined is the system's zone.
 */

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

const durationUnits = [
  { name: 'd', ms: dayMs },
  { name: 'h', ms: hourMs },
  { name: 'min', ms: minuteMs },
  { name: 's', ms: secondMs },
] as const;

export interface DurationStyle {
  /** The finest unit written; anything finer is rounded away. Minutes unless said. */
  smallest?: 'minute' | 'second';
  /** How many units at most: 2 writes "2 h 5 min", 1 writes "2 h". Two unless said. */
  units?: 1 | 2;
  /**
   * `floor` for time gone by (never claim more passed), `ceil` for a wait (never promise it
   * shorter), `round` for a span. Round unless said.
   */
  rounding?: 'floor' | 'round' | 'ceil';
}

/**
 * A duration in its largest units: "45 min", "8 h 30 min", "1 d 12 h", "40 s". A unit that
 * comes out zero is left off ("1 h", not "1 h 0 min"); a negative span counts as none.
 */
export function formatDuration(ms: number, style: DurationStyle = {}): string {
  const { smallest = 'minute', units = 2, rounding = 'round' } = style;
  const scale = durationUnits.slice(0, smallest === 'second' ? 4 : 3);
  const round = Math[rounding];
  let value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  for (;;) {
    const lead = leadingUnit(scale, value);
    const finest = Math.min(lead + units - 1, scale.length - 1);
    const rounded = round(value / scale[finest]!.ms) * scale[finest]!.ms;
    // Rounding up can carry into a larger unit (59 min 40 s is "1 h"); write it in that one.
    if (leadingUnit(scale, rounded) !== lead) {
      value = rounded;
      continue;
    }
    const whole = Math.floor(rounded / scale[lead]!.ms);
    const rest = Math.round((rounded - whole * scale[lead]!.ms) / scale[finest]!.ms);
    const first = `${whole} ${scale[lead]!.name}`;
    return finest > lead && rest > 0 ? `${first} ${rest} ${scale[finest]!.name}` : first;
  }
}

/** A wait, never written shorter than it is: "retry in 0 s" would invite an early retry. */
export function formatWait(ms: number): string {
  return formatDuration(ms, { smallest: 'second', rounding: 'ceil' });
}

function leadingUnit(scale: readonly { ms: number }[], ms: number): number {
  const index = scale.findIndex((unit) => ms >= unit.ms);
  return index === -1 ? scale.length - 1 : index;
}

export const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
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
] as const;

/** What a wall clock and calendar in `timeZone` show at an instant. */
export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 is Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

/** Building a formatter is slow and zones are few: one per zone (`''` is the system's). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function wallTime(ms: number, timeZone?: string): WallTime {
  if (timeZone === undefined) return localWallTime(new Date(ms));
  const parts = formatterFor(timeZone).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const [year, month, day] = [part('year'), part('month'), part('day')];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, weekday, hour: part('hour'), minute: part('minute') };
}

/**
 * The system's zone through Date's own getters: the same answer as Intl's, without loading the
 * ICU formatting data the first Intl call maps in (about 8 MB resident for the process's life).
 */
function localWallTime(at: Date): WallTime {
  return {
    year: at.getFullYear(),
    month: at.getMonth() + 1,
    day: at.getDate(),
    weekday: at.getDay(),
    hour: at.getHours(),
    minute: at.getMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (t: WallTime) => `${pad(t.hour)}:${pad(t.minute)}`;
const dayOf = (t: WallTime) => `${weekdayNames[t.weekday]} ${t.day} ${monthNames[t.month - 1]}`;
const sameDay = (a: WallTime, b: WallTime) =>
  a.year === b.year && a.month === b.month && a.day === b.day;

/** "14:02": how people read a handoff or the start of an outage. */
export function formatClockTime(ms: number, timeZone?: string): string {
  return clockOf(wallTime(ms, timeZone));
}

/** "Tue 4 Mar 09:00". */
export function formatDayTime(ms: number, timeZone?: string): string {
  const at = wallTime(ms, timeZone);
  return `${dayOf(at)} ${clockOf(at)}`;
}

export function isSameLocalDay(a: number, b: number, timeZone?: string): boolean {
  return sameDay(wallTime(a, timeZone), wallTime(b, timeZone));
}

/** "18:00" when it is today, "Wed 5 Mar 09:30" otherwise, "Wed 5 Mar 2025 09:30" in another year. */
export function formatWhen(ms: number, nowMs: number, timeZone?: string): string {
  const at = wallTime(ms, timeZone);
  const now = wallTime(nowMs, timeZone);
  if (sameDay(at, now)) return clockOf(at);
  const year = at.year === now.year ? '' : ` ${at.year}`;
  return `${dayOf(at)}${year} ${clockOf(at)}`;
}

/**
 * A time within the coming 24 hours as just "07:00", even past midnight: the end of quiet
 * hours or of a silence needs no date. Anything else as formatWhen.
 */
export function formatUpcoming(ms: number, nowMs: number, timeZone?: string): string {
  if (ms >= nowMs && ms - nowMs < dayMs) return formatClockTime(ms, timeZone);
  return formatWhen(ms, nowMs, timeZone);
}
