import type { Shift } from '../../../common/model/shift.js';
import type { CalendarFeed } from '../source.js';
import { nameOf, nonBlank } from './pagerduty-mapping.js';
import type { PdOnCall, V2Schedule, V3Schedule } from './pagerduty-schemas.js';

export interface ShiftContext {
  sourceId: string;
  meId: string;
  /** User id → name, from every answer that carried one (v3 schedules name users by id). */
  names: ReadonlyMap<string, string>;
  /** Start of the asked window: where a permanent on-call is shown to begin. */
  since: string;
}

/** The responder's own on-calls, one per escalation policy and level (from GET /oncalls). */
export function onCallShifts(oncalls: PdOnCall[], context: ShiftContext): Shift[] {
  const shifts = new Map<string, Shift>();
  for (const oncall of oncalls) {
    const policy = oncall.escalation_policy;
    if (!policy || !oncall.user) continue;
    const shift: Shift = {
      sourceId: context.sourceId,
      scheduleId: policy.id,
      scheduleName: nameOf(policy) ?? policy.id,
      userId: oncall.user.id,
      userName: nameFor(oncall.user.id, context, nameOf(oncall.user)),
      isMe: oncall.user.id === context.meId,
      start: oncall.start ?? context.since,
      end: oncall.end ?? undefined,
      escalationLevel: oncall.escalation_level ?? undefined,
    };
    // The same level reached through two schedules at once is one stretch on call.
    const key = [shift.scheduleId, shift.escalationLevel, shift.userId, shift.start, shift.end];
    shifts.set(JSON.stringify(key), shift);
  }
  return [...shifts.values()];
}

/** Everyone's entries on a classic schedule's final layer. */
export function v2ScheduleShifts(schedule: V2Schedule, context: ShiftContext): Shift[] {
  const scheduleName = nonBlank(schedule.name) ?? nonBlank(schedule.summary) ?? schedule.id;
  const overrides = schedule.overrides_subschedule?.rendered_schedule_entries ?? [];
  return (schedule.final_schedule?.rendered_schedule_entries ?? []).flatMap((entry) => {
    if (!entry.user) return [];
    const end = entry.end ?? undefined;
    // The final schedule takes an override's user for its stretch; who it replaced is in the
    // layers, which Onwatch does not read.
    const overridden = overrides.some(
      (o) =>
        o.user?.id === entry.user!.id &&
        Date.parse(o.start) <= Date.parse(entry.start) &&
        (o.end == null || (end !== undefined && Date.parse(end) <= Date.parse(o.end))),
    );
    return [
      {
        sourceId: context.sourceId,
        scheduleId: schedule.id,
        scheduleName,
        userId: entry.user.id,
        userName: nameFor(entry.user.id, context, nameOf(entry.user)),
        isMe: entry.user.id === context.meId,
        start: entry.start,
        end,
        ...(overridden && { override: {} }),
      },
    ];
  });
}

/** The overrides on a shift-based schedule, by id: whom each replaced (null: nobody). */
export type V3Replaced = ReadonlyMap<string, string | null>;

/** The override ids the final layer names: the stretches an override put someone on. */
export function v3OverrideIds(schedule: V3Schedule): string[] {
  return (schedule.final_schedule?.computed_shift_assignments ?? []).flatMap(({ source }) =>
    source?.type?.endsWith('_override') && source.override_id ? [source.override_id] : [],
  );
}

/**
 * Everyone's computed shifts on a shift-based schedule; unstaffed slots are not shifts. A
 * stretch an override holds is marked, with whom it replaced where `replaced` knows.
 */
export function v3ScheduleShifts(
  schedule: V3Schedule,
  context: ShiftContext,
  replaced: V3Replaced = new Map(),
): Shift[] {
  const listed = new Map((schedule.users ?? []).map((user) => [user.id, nameOf(user)]));
  return (schedule.final_schedule?.computed_shift_assignments ?? []).flatMap((assignment) => {
    const userId = assignment.member.user_id;
    if (assignment.member.type !== 'user_member' || !userId) return [];
    const { source } = assignment;
    const overrideId = source?.type?.endsWith('_override') ? source.override_id : undefined;
    const forUserId = overrideId ? replaced.get(overrideId) : undefined;
    const override = overrideId
      ? forUserId
        ? { forUserName: nameFor(forUserId, context, listed.get(forUserId)) }
        : {}
      : undefined;
    return [
      {
        sourceId: context.sourceId,
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        userId,
        userName: nameFor(userId, context, listed.get(userId)),
        isMe: userId === context.meId,
        start: assignment.start_time,
        end: assignment.end_time ?? undefined,
        ...(override && { override }),
      },
    ];
  });
}

/**
 * The schedule's feed, when its answer carries a usable one. PagerDuty gives both forms of
 * the one address; either alone is enough, as webcal is https under another scheme.
 */
export function calendarFeedOf(schedule: {
  web_cal_url?: string | null;
  http_cal_url?: string | null;
}): CalendarFeed | undefined {
  const https = urlWithScheme(schedule.http_cal_url, 'https:');
  const webcal =
    urlWithScheme(schedule.web_cal_url, 'webcal:') ?? https?.replace(/^https:/i, 'webcal:');
  if (!webcal) return undefined;
  return { webcalUrl: webcal, ...(https && { httpsUrl: https }) };
}

function urlWithScheme(value: string | null | undefined, scheme: string): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === scheme && url.host !== '' ? url.href : undefined;
}

function nameFor(userId: string, context: ShiftContext, given: string | undefined): string {
  return given ?? context.names.get(userId) ?? userId;
}
