import { z } from 'zod';
import type { Teammate } from '../../../common/model/cover.js';
import type { CoverageProvider, CoverMade, CoverTarget } from '../coverage.js';
import { httpStatusOf, SourceError } from '../source-error.js';
import type { PagerDutyClient } from './pagerduty-client.js';
import { allPages } from './pagerduty-paging.js';
import { userPageSchema } from './pagerduty-schemas.js';
import { PagerDutyV3Overrides } from './pagerduty-v3-overrides.js';
import { compareNames } from '../../../common/name-order.js';

const overrideSchema = z.object({
  id: z.string().min(1),
  start: z.string(),
  end: z.string(),
  user: z.object({ id: z.string() }),
});
type PdOverride = z.infer<typeof overrideSchema>;

const overrideListSchema = z.object({ overrides: z.array(overrideSchema) });

/** One item of the 201: its own status, and errors when it failed. */
const createdItemSchema = z.object({
  status: z.number().optional(),
  errors: z.array(z.string()).nullish(),
  override: overrideSchema.partial().optional(),
});
/**
 * The spec and PagerDuty's own Python client read a bare array; the v2→v3 guide shows it
 * wrapped in `overrides`. Either is read, and each item is checked.
 */
const createdSchema = z.union([
  z.array(createdItemSchema),
  z.object({ overrides: z.array(createdItemSchema) }).transform((body) => body.overrides),
]);

/** Stakeholders can look but cannot be scheduled (PagerDuty's "Edit Schedules" article). */
const unschedulableRoles = new Set(['read_only_user', 'read_only_limited_user']);

const overridesPath = (scheduleId: string) =>
  `/schedules/${encodeURIComponent(scheduleId)}/overrides`;

/** PagerDuty's seconds-precision UTC, which its answers use too. */
const pdTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Which API a schedule is read and overridden through: classic, or shift-based. */
export type ScheduleApi = 'v2' | 'v3';

/**
 * Cover on PagerDuty. Classic (v2) schedules: one override per cover, created in the list
 * form, found again by its user and exact times, deleted (future) or cut short (running) by
 * PagerDuty. Shift-based (v3) schedules go to PagerDutyV3Overrides.
 */
export class PagerDutyOverrides implements CoverageProvider {
  private readonly v3: PagerDutyV3Overrides;

  constructor(
    private readonly client: PagerDutyClient,
    /** The responder's own PagerDuty id: they are not offered as their own cover. */
    private readonly meId: (signal: AbortSignal) => Promise<string>,
    /** Why the key or the schedule rules out overrides from here, if it does. */
    readonly whyNot: (scheduleId: string, signal: AbortSignal) => Promise<string | undefined>,
    private readonly apiOf: (scheduleId: string, signal: AbortSignal) => Promise<ScheduleApi>,
    /** The schedule's (or escalation policy's) page, as PagerDuty's answers linked it. */
    readonly providerPage: (scheduleId: string) => string | undefined,
  ) {
    this.v3 = new PagerDutyV3Overrides(client);
  }

  async teammates(signal: AbortSignal): Promise<Teammate[]> {
    const me = await this.meId(signal);
    const { items } = await allPages(
      this.client,
      '/users',
      [],
      userPageSchema,
      (page) => page.users,
      (user) => user.id,
      signal,
    );
    return items
      .filter((user) => user.id !== me && !unschedulableRoles.has(user.role ?? ''))
      .map((user) => ({ id: user.id, name: user.name, detail: user.email }))
      .sort((a, b) => compareNames(a.name, b.name));
  }

  async findCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade | undefined> {
    if ((await this.apiOf(target.scheduleId, signal)) === 'v3') {
      return this.v3.findCover(target, await this.meId(signal), signal);
    }
    return (await this.findOverride(target, signal)) ? {} : undefined;
  }

  async createCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade> {
    const refusal = await this.whyNot(target.scheduleId, signal);
    if (refusal) throw new SourceError('rejected', refusal);
    if ((await this.apiOf(target.scheduleId, signal)) === 'v3') {
      return this.v3.createCover(target, await this.meId(signal), signal);
    }
    const body = {
      overrides: [
        {
          start: pdTime(target.start),
          end: pdTime(target.end),
          user: { id: target.coverUser.id, type: 'user_reference' },
        },
      ],
    };
    const items = await this.client.write(
      'POST',
      overridesPath(target.scheduleId),
      body,
      createdSchema,
      signal,
    );
    const [item] = items;
    if (!item)
      throw new SourceError('bad-response', 'PagerDuty answered the override with no item');
    // A 201 reports each item's own outcome: one that failed is refused, not done.
    if (item.status !== undefined && (item.status < 200 || item.status >= 300)) {
      const reason = item.errors?.filter(Boolean).join('; ') || `status ${item.status}`;
      throw new SourceError('rejected', `PagerDuty refused the override: ${reason}`);
    }
    return {};
  }

  async removeCover(target: CoverTarget, now: number, signal: AbortSignal): Promise<void> {
    if ((await this.apiOf(target.scheduleId, signal)) === 'v3') {
      return this.v3.removeCover(target, await this.meId(signal), now, signal);
    }
    const found = await this.findOverride(target, signal);
    if (!found) return;
    try {
      // PagerDuty deletes a future override (204) and cuts a running one at now (200).
      await this.client.remove(
        `${overridesPath(target.scheduleId)}/${encodeURIComponent(found.id)}`,
        signal,
      );
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
    }
  }

  private async findOverride(
    target: CoverTarget,
    signal: AbortSignal,
  ): Promise<PdOverride | undefined> {
    const { overrides } = await this.client.get(
      overridesPath(target.scheduleId),
      [
        ['since', pdTime(target.start)],
        ['until', pdTime(target.end)],
        ['overflow', true],
      ],
      overrideListSchema,
      signal,
    );
    return overrides.find(
      (o) =>
        o.user.id === target.coverUser.id &&
        Date.parse(o.start) === Math.floor(target.start / 1000) * 1000 &&
        Date.parse(o.end) === Math.floor(target.end / 1000) * 1000,
    );
  }
}
