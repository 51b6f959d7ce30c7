const minuteMs = 60_000;

/** Compact age of an incident: "<1m", "4m", "2h 5m", "3d 4h". */
export function formatAge(fromIso: string, nowMs: number): string {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return '—';
  // Clock skew between provider and laptop can put createdAt slightly in the future.
  const minutes = Math.max(0, Math.floor((nowMs - from) / minuteMs));
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, "14:02"; with the date when it is not today, "2025-03-01 14:02". */
export function formatClock(iso: string, nowMs: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const now = new Date(nowMs);
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  return sameDay
    ? time
    : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

const dayMs = 24 * 60 * minuteMs;

/**
 * A time within the coming 24 hours as "07:00", even past midnight: the end of quiet hours or
 * of a silence needs no date. Anything else as formatClock.
 */
export function formatUpcoming(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (at >= nowMs && at - nowMs < dayMs) {
    const time = new Date(at);
    return `${pad(time.getHours())}:${pad(time.getMinutes())}`;
  }
  return formatClock(iso, nowMs);
}
