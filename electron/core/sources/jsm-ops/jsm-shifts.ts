import type { Shift } from '../../../common/model/shift.js';
import type { TimeWindow } from '../source.js';
import type { JsmClient } from './jsm-client.js';
import {
  listSchedulesSchema,
  timelineSchema,
  type TimelineLayer,
  type TimelinePeriod,
} from './jsm-schemas.js';
import type { UserNames } from './jsm-users.js';

/** One page of schedules (JSM's largest): more than a responder is ever on. */
const maxSchedules = 50;
const dayMs = 24 * 60 * 60_000;

export interface ShiftContext {
  sourceId: string;
  window: TimeWindow;
  names: UserNames;
}

/**
 * Shifts of every schedule the responder appears on within the window. JSM has no
 * all-schedules on-call call and no "my schedules" (JSM-OPS.md §6), so each enabled schedule's
 * final timeline is read and those without the responder are left out.
 */
export async function readShifts(
  client: JsmClient,
  context: ShiftContext,
  signal: AbortSignal,
): Promise<Shift[]> {
  const me = await client.myself(signal);
  const listUrl = await client.opsUrl('/v1/schedules', signal, { size: String(maxSchedules) });
  const { values } = await client.request('list', listUrl, {
    schema: listSchedulesSchema,
    signal,
    access: 'read:ops-config',
  });
  const { window } = context;
  const days = String(Math.max(1, Math.ceil((window.until - window.since) / dayMs) + 1));
  const perSchedule = await Promise.all(
    values
      .filter((schedule) => schedule.enabled !== false)
      .map(async (schedule) => {
        const url = await client.opsUrl(
          `/v1/schedules/${encodeURIComponent(schedule.id)}/timeline`,
          signal,
          {
            interval: days,
            intervalUnit: 'days',
            date: new Date(window.since).toISOString(),
            // The rotation before overrides says whom an override covers for.
            expand: 'base',
          },
        );
        const timeline = await client.request('list', url, {
          schema: timelineSchema,
          signal,
          access: 'read:ops-config',
        });
        const periods = withReplaced(timeline.finalTimeline, timeline.baseTimeline);
        const scheduleName = schedule.name?.trim() || schedule.id;
        const mine = periods.some((p) => inWindow(p, window) && isMine(p, me.accountId));
        if (!mine) return [];
        return periodsToShifts(
          periods,
          { ...context, scheduleId: schedule.id, scheduleName },
          me.accountId,
          signal,
        );
      }),
  );
  return perSchedule.flat();
}

interface ScheduleShiftContext extends ShiftContext {
  scheduleId: string;
  scheduleName: string;
}

/** A final period, and for an override the base layer's user it replaces, if one. */
type FinalPeriod = TimelinePeriod & { replaces?: string };

/**
 * The final layer's periods; each override carries the user the same rotation's base layer
 * had when it began (the timeline names only who holds a period, not whom they relieve).
 */
function withReplaced(final: TimelineLayer, base: TimelineLayer): FinalPeriod[] {
  const baseRotations = base?.rotations ?? [];
  return (final?.rotations ?? []).flatMap((rotation) => {
    const under =
      baseRotations.find((b) => b.id !== undefined && b.id === rotation.id)?.periods ?? [];
    return rotation.periods.map((period): FinalPeriod => {
      if (period.type !== 'override') return period;
      const start = Date.parse(period.startDate);
      const held = under.find(
        (b) =>
          Date.parse(b.startDate) <= start &&
          (b.endDate === undefined || Date.parse(b.endDate) > start),
      );
      const replaces = held?.responder?.type === 'user' ? held.responder.id : undefined;
      return replaces ? { ...period, replaces } : period;
    });
  });
}

/** One shift per period with someone in it that overlaps the window; names from the site. */
async function periodsToShifts(
  periods: readonly FinalPeriod[],
  context: ScheduleShiftContext,
  accountId: string,
  signal: AbortSignal,
): Promise<Shift[]> {
  const shifts = periods
    .filter((period) => inWindow(period, context.window))
    .filter((period) => period.responder?.id && period.responder.type !== 'noone')
    .map(async (period): Promise<Shift> => {
      const responder = period.responder!;
      const id = responder.id!;
      const userName = responder.type === 'user' ? await context.names.of(id, signal) : id;
      const override =
        period.type === 'override'
          ? {
              ...(period.replaces
                ? { forUserName: await context.names.of(period.replaces, signal) }
                : {}),
            }
          : undefined;
      return {
        sourceId: context.sourceId,
        scheduleId: context.scheduleId,
        scheduleName: context.scheduleName,
        userName,
        userId: id,
        isMe: isMine(period, accountId),
        start: period.startDate,
        end: period.endDate,
        ...(override ? { override } : {}),
      };
    });
  return Promise.all(shifts);
}

function inWindow(period: TimelinePeriod, window: TimeWindow): boolean {
  const start = Date.parse(period.startDate);
  const end = period.endDate === undefined ? Infinity : Date.parse(period.endDate);
  return start < window.until && end > window.since;
}

/** Mine when the period is my accountId's, or a team's that flattens to include me. */
function isMine(period: TimelinePeriod, accountId: string): boolean {
  const { responder, flattenedResponders } = period;
  if (responder?.type === 'user' && responder.id === accountId) return true;
  return flattenedResponders.some((r) => r.type === 'user' && r.id === accountId);
}
