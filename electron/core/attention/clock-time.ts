/** "14:02" in the responder's zone (or `timeZone`, for tests): how people read a handoff time. */
export function clockTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(ms);
}
