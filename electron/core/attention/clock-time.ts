import { formatClockTime } from '../../common/time-format.js';

/** "14:02" in the responder's zone (or `timeZone`, for tests): how people read a handoff time. */
export function clockTime(ms: number, timeZone?: string): string {
  return formatClockTime(ms, timeZone);
}
