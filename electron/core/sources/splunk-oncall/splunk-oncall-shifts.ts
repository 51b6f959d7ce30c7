import type { Shift } from '../../../common/model/shift.js';
import type { PolicySchedule } from './splunk-oncall-schemas.js';

export interface ShiftContext {
  sourceId: string;
  /** The responder's Splunk On-Call username, to mark their own shifts. */
  username: string;
  teamName: string;
  now: number;
}

interface Stretch {
  start: number;
  end: number;
  user: string;
  /** Set where an override puts `user` in the place of the rotation's own. */
  covers?: string;
}

interface Override extends Stretch {
  /** Whose shift it covers; undefined covers whoever is scheduled. */
  replaces: string | undefined;
}

/**
 * The shifts of one escalation policy from a v2 team schedule: every rotation's rolls,
 * with the policy's overrides cut in (the overriding user wins for the overlap). An entry's
 * `overrideOnCallUser` says who covers right now, so it wins for the stretch holding `now`.
 */
export function policyShifts(policy: PolicySchedule, context: ShiftContext): Shift[] {
  const overrides: Override[] = (policy.overrides ?? []).flatMap((o) => {
    const start = time(o.start);
    const end = time(o.end);
    if (start === undefined || end === undefined || !o.overrideOnCallUser) return [];
    return [{ start, end, user: o.overrideOnCallUser, replaces: o.origOnCallUser }];
  });
  const me = context.username.toLowerCase();
  return (policy.schedule ?? []).flatMap((entry) =>
    entry.rolls.flatMap((roll) => {
      const start = time(roll.start);
      const end = time(roll.end);
      if (start === undefined || end === undefined || end <= start || !roll.onCallUser) return [];
      return withOverrides({ start, end, user: roll.onCallUser }, overrides).map((stretch) => {
        const current = stretch.start <= context.now && context.now < stretch.end;
        const user = (current && entry.overrideOnCallUser) || stretch.user;
        const covers = user === stretch.user ? stretch.covers : roll.onCallUser;
        return {
          sourceId: context.sourceId,
          scheduleId: policy.policy.slug,
          scheduleName: `${context.teamName} / ${policy.policy.name ?? policy.policy.slug}`,
          userName: user,
          isMe: user.toLowerCase() === me,
          start: new Date(stretch.start).toISOString(),
          end: new Date(stretch.end).toISOString(),
          ...(covers !== undefined && covers !== user && { override: { forUserName: covers } }),
        };
      });
    }),
  );
}

/** Splits a roll where overrides of its user begin and end. */
function withOverrides(roll: Stretch, overrides: Override[]): Stretch[] {
  const applicable = overrides
    .filter(
      (o) =>
        o.start < roll.end &&
        o.end > roll.start &&
        (o.replaces === undefined || o.replaces.toLowerCase() === roll.user.toLowerCase()),
    )
    .sort((a, b) => a.start - b.start);
  const stretches: Stretch[] = [];
  let cursor = roll.start;
  for (const o of applicable) {
    const from = Math.max(o.start, cursor);
    const until = Math.min(o.end, roll.end);
    if (until <= from) continue;
    if (from > cursor) stretches.push({ start: cursor, end: from, user: roll.user });
    stretches.push({ start: from, end: until, user: o.user, covers: roll.user });
    cursor = until;
  }
  if (cursor < roll.end) stretches.push({ start: cursor, end: roll.end, user: roll.user });
  return stretches;
}

function time(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}
