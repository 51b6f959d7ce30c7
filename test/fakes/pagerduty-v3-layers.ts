/*
 * The PagerDuty fake's shift-based (v3) schedules: how overrides replace a rotation's member in
 * the final layer, and how a create-overrides item is checked. Written from COVERAGE.md §1 and
 * PagerDuty's spec (`CreateOverridesRequest`, `ComputedShiftAssignment`, `ShiftSource`).
 */

/** An override on a shift-based schedule: `overridden` is replaced by `overriding`. */
export interface FakeV3Override {
  id: string;
  scheduleId: string;
  rotationId: string;
  /** A user id, or null for `empty_member`. */
  overridden: string | null;
  overriding: string | null;
  start: number;
  end: number;
  /** Creation order: the newest is laid last. */
  seq: number;
}

/** One computed assignment: who (null: nobody) is on from start to end, and why. */
export interface V3Turn {
  userId: string | null;
  start: number;
  end: number;
  rotationId: string;
  /** Set when an override put this member here. */
  overrideId?: string;
}

/**
 * Lays overrides over a rotation's turns, oldest first: where the overridden member is on that
 * rotation, the overriding member takes the overlap. Elsewhere an override changes nothing.
 */
export function layOverrides(turns: V3Turn[], overrides: FakeV3Override[]): V3Turn[] {
  let laid = turns;
  for (const o of [...overrides].sort((a, b) => a.seq - b.seq)) {
    laid = laid.flatMap((turn) => {
      const hit =
        turn.rotationId === o.rotationId &&
        turn.userId === o.overridden &&
        turn.start < o.end &&
        turn.end > o.start;
      if (!hit) return [turn];
      const from = Math.max(turn.start, o.start);
      const to = Math.min(turn.end, o.end);
      return [
        ...(turn.start < from ? [{ ...turn, end: from }] : []),
        { ...turn, userId: o.overriding, start: from, end: to, overrideId: o.id },
        ...(turn.end > to ? [{ ...turn, start: to }] : []),
      ];
    });
  }
  return laid;
}

export function memberOf(userId: string | null) {
  return userId === null ? { type: 'empty_member' } : { type: 'user_member', user_id: userId };
}

/** What a valid create item says, or the reason (field → messages) it is refused. */
export type CheckedItem =
  | {
      ok: true;
      rotationId: string;
      overridden: string | null;
      overriding: string | null;
      start: number;
      end: number;
    }
  | { ok: false; errors: Record<string, string[]> };

/** Checks one item of `POST /v3/schedules/{id}/overrides` against the schedule it names. */
export function checkCreateItem(
  raw: unknown,
  index: number,
  rotationId: string,
  userExists: (id: string) => boolean,
): CheckedItem {
  const item = (raw ?? {}) as Record<string, unknown>;
  const field = (name: string) => `overrides[${index}].${name}`;
  const refuse = (name: string, message: string): CheckedItem => ({
    ok: false,
    errors: { [field(name)]: [message] },
  });
  if (item.type !== 'override_shift') return refuse('type', 'must be override_shift');
  const hasRotation = typeof item.rotation_id === 'string';
  const hasCustom = typeof item.custom_shift_id === 'string';
  if (hasRotation === hasCustom) {
    return refuse('rotation_id', 'give exactly one of rotation_id and custom_shift_id');
  }
  // The fake's schedules have one rotation each and no custom shifts.
  if (!hasRotation) return refuse('custom_shift_id', 'custom shift not found');
  if (item.rotation_id !== rotationId) return refuse('rotation_id', 'rotation not found');
  const start = typeof item.start_time === 'string' ? Date.parse(item.start_time) : NaN;
  const end = typeof item.end_time === 'string' ? Date.parse(item.end_time) : NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return refuse('start_time', 'start_time and end_time must be times');
  }
  if (end <= start) return refuse('end_time', 'must be after start_time');
  const members: (string | null)[] = [];
  for (const name of ['overridden_member', 'overriding_member']) {
    const member = (item[name] ?? {}) as Record<string, unknown>;
    if (member.type === 'empty_member') {
      members.push(null);
    } else if (
      member.type === 'user_member' &&
      typeof member.user_id === 'string' &&
      userExists(member.user_id)
    ) {
      members.push(member.user_id);
    } else {
      return refuse(name, 'must be a user_member of this account or an empty_member');
    }
  }
  return { ok: true, rotationId, overridden: members[0]!, overriding: members[1]!, start, end };
}
