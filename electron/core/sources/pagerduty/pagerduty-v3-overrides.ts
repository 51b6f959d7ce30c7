import { z } from 'zod';
import type { CoverMade, CoverTarget } from '../coverage.js';
import { httpStatusOf, SourceError } from '../source-error.js';
import type { PagerDutyClient } from './pagerduty-client.js';
import { allPages } from './pagerduty-paging.js';

/*
 * Cover on shift-based (v3) schedules. An override there replaces one member of one rotation
 * (or custom shift) for a while, so it must name both: the stretches where I am on call in
 * [start, end) are read from the schedule's final layer, and each becomes one override from me
 * to the teammate. The 201 carries no per-item status, so each stretch asked for must come
 * back; a cover is made whole or not at all.
 */

const memberSchema = z.object({ type: z.string(), user_id: z.string().nullish() });

const v3OverrideSchema = z.object({
  id: z.string().min(1),
  rotation_id: z.string().nullish(),
  custom_shift_id: z.string().nullish(),
  start_time: z.string(),
  end_time: z.string(),
  overridden_member: memberSchema.nullish(),
  overriding_member: memberSchema.nullish(),
});
type V3Override = z.infer<typeof v3OverrideSchema>;

const overridePageSchema = z.object({
  overrides: z.array(v3OverrideSchema),
  more: z.boolean().nullish(),
});
const createdSchema = z.object({ overrides: z.array(v3OverrideSchema) });

const finalLayerSchema = z.object({
  schedule: z.object({
    final_schedule: z
      .object({
        computed_shift_assignments: z.array(
          z.object({
            start_time: z.string(),
            end_time: z.string().nullish(),
            member: memberSchema,
            source: z
              .object({
                type: z.string(),
                rotation_id: z.string().nullish(),
                shift_id: z.string().nullish(),
              })
              .nullish(),
          }),
        ),
      })
      .nullish(),
  }),
});

/**
 * Whom each override in the window replaced, by override id (null: an empty slot), for the
 * timeline's "covers for". The final layer names the override but not the replaced member.
 */
export async function replacedMembers(
  client: PagerDutyClient,
  scheduleId: string,
  since: string,
  until: string,
  signal: AbortSignal,
): Promise<Map<string, string | null>> {
  const { items } = await allPages(
    client,
    overridesPath(scheduleId),
    [
      ['since', since],
      ['until', until],
      ['overflow', true],
    ],
    overridePageSchema,
    (page) => page.overrides,
    (override) => override.id,
    signal,
  );
  return new Map(
    items.map((o) => [
      o.id,
      o.overridden_member?.type === 'user_member' ? (o.overridden_member.user_id ?? null) : null,
    ]),
  );
}

/** Which rotation or custom shift a stretch comes from: an override must name exactly one. */
type ShiftOrigin = { rotation_id: string } | { custom_shift_id: string };

/** One override to ask for: I am replaced on `origin` from `start` to `end` (epoch ms). */
interface Stretch {
  origin: ShiftOrigin;
  start: number;
  end: number;
}

/** PagerDuty's seconds-precision UTC. */
const pdTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const userMember = (userId: string) => ({ type: 'user_member', user_id: userId });

const schedulePath = (scheduleId: string) => `/v3/schedules/${encodeURIComponent(scheduleId)}`;
const overridesPath = (scheduleId: string) => `${schedulePath(scheduleId)}/overrides`;

export class PagerDutyV3Overrides {
  constructor(private readonly client: PagerDutyClient) {}

  /** Made when I am no longer on call anywhere in the range and our overrides are there. */
  async findCover(
    target: CoverTarget,
    meId: string,
    signal: AbortSignal,
  ): Promise<CoverMade | undefined> {
    const ours = await this.ourOverrides(target, meId, signal);
    if (ours.length === 0) return undefined;
    const left = await this.myStretches(target, meId, signal);
    return left.length === 0 ? {} : undefined;
  }

  /**
   * Overrides every stretch of mine still in the range; after a partial attempt only what is
   * left is asked for, so retrying never doubles an override.
   */
  async createCover(target: CoverTarget, meId: string, signal: AbortSignal): Promise<CoverMade> {
    const stretches = await this.myStretches(target, meId, signal);
    if (stretches.length === 0) {
      if ((await this.ourOverrides(target, meId, signal)).length > 0) return {};
      throw new SourceError(
        'rejected',
        'PagerDuty shows you off call on this schedule for that time: there is nothing to override.',
      );
    }
    const body = {
      overrides: stretches.map((stretch) => ({
        type: 'override_shift',
        ...stretch.origin,
        start_time: pdTime(stretch.start),
        end_time: pdTime(stretch.end),
        overridden_member: userMember(meId),
        overriding_member: userMember(target.coverUser.id),
      })),
    };
    const { overrides } = await this.client.write(
      'POST',
      overridesPath(target.scheduleId),
      body,
      createdSchema,
      signal,
    );
    const missing = stretches.filter(
      (stretch) => !overrides.some((o) => isOverrideOf(o, stretch, target.coverUser.id)),
    );
    if (missing.length === 0) return {};
    // Half a cover leaves me on call for the rest while the window says "covered": undo it,
    // by the list rather than the answer, which may not name all it made.
    for (const made of await this.ourOverrides(target, meId, signal)) {
      await this.deleteOverride(target.scheduleId, made.id, signal);
    }
    const made = `${stretches.length - missing.length} of ${stretches.length}`;
    throw new SourceError(
      'rejected',
      `PagerDuty made only ${made} overrides for this cover; the ones it made were removed again.`,
    );
  }

  /** Deletes our overrides that have not started; cuts a running one at `now` (PUT, not DELETE). */
  async removeCover(
    target: CoverTarget,
    meId: string,
    now: number,
    signal: AbortSignal,
  ): Promise<void> {
    for (const override of await this.ourOverrides(target, meId, signal)) {
      const start = Date.parse(override.start_time);
      const end = Date.parse(override.end_time);
      if (end <= now) continue;
      if (start > now) {
        await this.deleteOverride(target.scheduleId, override.id, signal);
        continue;
      }
      // Whether DELETE cuts a running override short is undocumented; an explicit end is not.
      try {
        await this.client.write(
          'PUT',
          `${overridesPath(target.scheduleId)}/${encodeURIComponent(override.id)}`,
          { override: { end_time: pdTime(Math.max(now, start + 1000)) } },
          z.unknown(),
          signal,
        );
      } catch (error) {
        if (httpStatusOf(error) !== 404) throw error;
      }
    }
  }

  private async deleteOverride(scheduleId: string, id: string, signal: AbortSignal) {
    try {
      await this.client.remove(`${overridesPath(scheduleId)}/${encodeURIComponent(id)}`, signal);
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
    }
  }

  /** Where the final layer has me on call in the range, by origin, adjacent pieces joined. */
  private async myStretches(
    target: CoverTarget,
    meId: string,
    signal: AbortSignal,
  ): Promise<Stretch[]> {
    const start = toSecond(target.start);
    const end = toSecond(target.end);
    const { schedule } = await this.client.get(
      schedulePath(target.scheduleId),
      [
        ['include[]', 'final_schedule'],
        ['since', pdTime(start)],
        ['until', pdTime(end)],
      ],
      finalLayerSchema,
      signal,
    );
    const stretches: Stretch[] = [];
    for (const assignment of schedule.final_schedule?.computed_shift_assignments ?? []) {
      if (assignment.member.type !== 'user_member' || assignment.member.user_id !== meId) continue;
      const origin = originOf(assignment.source);
      if (!origin) continue;
      const from = Math.max(start, Date.parse(assignment.start_time));
      const to = Math.min(end, assignment.end_time ? Date.parse(assignment.end_time) : end);
      if (!(to > from)) continue;
      const last = stretches.at(-1);
      if (last && last.end === from && sameOrigin(last.origin, origin)) last.end = to;
      else stretches.push({ origin, start: from, end: to });
    }
    return stretches;
  }

  /** Overrides from me to the teammate inside the range: the ones this cover made. */
  private async ourOverrides(
    target: CoverTarget,
    meId: string,
    signal: AbortSignal,
  ): Promise<V3Override[]> {
    const start = toSecond(target.start);
    const end = toSecond(target.end);
    const { items } = await allPages(
      this.client,
      overridesPath(target.scheduleId),
      [
        ['since', pdTime(start)],
        ['until', pdTime(end)],
        ['overflow', true],
      ],
      overridePageSchema,
      (page) => page.overrides,
      (override) => override.id,
      signal,
    );
    return items.filter(
      (o) =>
        o.overridden_member?.user_id === meId &&
        o.overriding_member?.user_id === target.coverUser.id &&
        Date.parse(o.start_time) >= start &&
        Date.parse(o.end_time) <= end,
    );
  }
}

/**
 * A stretch of a rotation (or of an override laid on one, which names its rotation) is
 * overridden on that rotation; a custom shift's on that shift. Others cannot be named.
 */
function originOf(
  source:
    { type: string; rotation_id?: string | null; shift_id?: string | null } | null | undefined,
): ShiftOrigin | undefined {
  if (!source) return undefined;
  if (source.type.startsWith('schedule_rotation') && source.rotation_id) {
    return { rotation_id: source.rotation_id };
  }
  if (source.type.startsWith('custom_shift') && source.shift_id) {
    return { custom_shift_id: source.shift_id };
  }
  return undefined;
}

function sameOrigin(a: ShiftOrigin, b: ShiftOrigin): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isOverrideOf(override: V3Override, stretch: Stretch, coverUserId: string): boolean {
  const origin =
    'rotation_id' in stretch.origin
      ? override.rotation_id === stretch.origin.rotation_id
      : override.custom_shift_id === stretch.origin.custom_shift_id;
  return (
    origin &&
    override.overriding_member?.user_id === coverUserId &&
    Date.parse(override.start_time) === stretch.start &&
    Date.parse(override.end_time) === stretch.end
  );
}
