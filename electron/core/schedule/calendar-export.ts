import { createHash } from 'node:crypto';
import type { ScheduleView } from '../../common/contract/app-state.js';
import type { Shift } from '../../common/model/shift.js';
import { serializeCalendar, type CalendarEvent } from './icalendar.js';

/** Which shifts go out: mine, or everyone's on one schedule. */
type CalendarScope = { kind: 'mine' } | { kind: 'schedule'; sourceId: string; scheduleId: string };

export interface CalendarExportInput {
  view: ScheduleView;
  scope: CalendarScope;
  now: number;
  /** When a shift last changed, for DTSTAMP; the export time when unknown. */
  revisedAt: (shift: Shift) => number | undefined;
  sourceName: (sourceId: string) => string;
}

export interface CalendarFile {
  fileName: string;
  text: string;
  events: number;
}

const startOf = (shift: Shift) => Date.parse(shift.start);
const endOf = (shift: Shift) => (shift.end === undefined ? Infinity : Date.parse(shift.end));
const sameSchedule = (a: Shift, b: Shift) =>
  a.sourceId === b.sourceId && a.scheduleId === b.scheduleId;
const samePerson = (a: Shift, b: Shift) => (a.userId ?? a.userName) === (b.userId ?? b.userName);

/**
 * A stable, opaque UID (RFC 5545 §3.8.4.7): the same shift gets the same UID in every export,
 * so re-importing updates events instead of doubling them, and no provider text ends up in it.
 */
export function shiftUid(shift: Shift): string {
  const identity = [shift.sourceId, shift.scheduleId, shift.userId ?? shift.userName, shift.start];
  const digest = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
  return `${digest.slice(0, 32)}@onwatch`;
}

/**
 * The shifts of `scope` in the schedule's 14-day window as an iCalendar file, one event per
 * shift, in UTC. A shift without an end is cut at the window's end and says so.
 */
export function exportCalendar(input: CalendarExportInput): CalendarFile {
  const { view, scope, now } = input;
  const windowEnd = Date.parse(view.windowEnd);
  const shifts =
    scope.kind === 'mine'
      ? view.myShifts
      : view.timeline.filter(
          (s) => s.sourceId === scope.sourceId && s.scheduleId === scope.scheduleId,
        );
  if (scope.kind === 'schedule' && shifts.length === 0) {
    throw new Error('That schedule has no shifts in the next 14 days.');
  }
  const events = shifts.map((shift) => toEvent(shift, input, windowEnd, now));
  const scheduleName = scope.kind === 'schedule' ? shifts[0]!.scheduleName : undefined;
  return {
    fileName: scheduleName ? `onwatch-${slug(scheduleName)}.ics` : 'onwatch-my-shifts.ics',
    text: serializeCalendar({
      prodId: '//Onwatch//Shift calendar//EN',
      name: scheduleName ? `On call: ${scheduleName}` : 'My on-call shifts',
      events,
    }),
    events: events.length,
  };
}

function toEvent(
  shift: Shift,
  input: CalendarExportInput,
  windowEnd: number,
  now: number,
): CalendarEvent {
  const { view, scope } = input;
  const start = startOf(shift);
  const end = Math.min(endOf(shift), Math.max(windowEnd, start + 60_000));
  const others = view.timeline.filter((s) => sameSchedule(s, shift) && !samePerson(s, shift));
  const from = others.filter((s) => startOf(s) < start && endOf(s) >= start).at(-1);
  const to = others.find((s) => startOf(s) <= endOf(shift) && endOf(s) > endOf(shift));
  const level = shift.escalationLevel === undefined ? '' : ` (level ${shift.escalationLevel})`;
  const lines = [
    `${shift.scheduleName}${level} on ${input.sourceName(shift.sourceId)}`,
    from ? `Takes over from ${from.userName}.` : undefined,
    to ? `Hands over to ${to.userName}.` : undefined,
    shift.end === undefined
      ? 'This on-call has no set end; shown until the export window ends.'
      : undefined,
  ];
  // Merged stretches of mine stand for several provider shifts: the newest change of any counts.
  const parts = view.timeline.filter(
    (s) =>
      sameSchedule(s, shift) &&
      samePerson(s, shift) &&
      startOf(s) >= start &&
      startOf(s) < endOf(shift),
  );
  const revisions = [shift, ...parts].flatMap((s) => input.revisedAt(s) ?? []);
  return {
    uid: shiftUid(shift),
    stamp: revisions.length > 0 ? Math.max(...revisions) : now,
    start,
    end,
    summary:
      scope.kind === 'mine'
        ? `On call: ${shift.scheduleName}`
        : `${shift.userName} on call: ${shift.scheduleName}`,
    description: lines.filter((line) => line !== undefined).join('\n'),
    categories: ['On call'],
  };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'schedule'
  );
}
