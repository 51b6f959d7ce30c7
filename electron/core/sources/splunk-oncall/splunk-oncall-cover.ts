import { z } from 'zod';
import type { Teammate } from '../../../common/model/cover.js';
import type { CoverageProvider, CoverMade, CoverTarget } from '../coverage.js';
import { httpStatusOf } from '../source-error.js';
import type { SplunkOnCallClient } from './splunk-oncall-client.js';
import { compareNames } from '../../../common/name-order.js';

const usersSchema = z.object({
  users: z.array(
    z.object({
      username: z.string(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
      displayName: z.string().nullish(),
      email: z.string().nullish(),
    }),
  ),
});
const overrideSchema = z.object({
  publicId: z.string(),
  user: z.object({ username: z.string() }).nullish(),
  start: z.string(),
  end: z.string(),
});
const overrideListSchema = z.object({ overrides: z.array(overrideSchema) });
/** The spec returns the new override under `schedule`, the Go client reads `override`. */
const createdSchema = z
  .object({ override: overrideSchema.nullish(), schedule: overrideSchema.nullish() })
  .transform((body) => body.override ?? body.schedule);
/**
 * A bare list, each naming its policy by slug and the assignee by username: the v0.0.3 API
 * description and the official Go client (`GetScheduledOverrideAssignments`) agree.
 */
const assignmentsSchema = z.array(
  z.object({
    policy: z.string().min(1),
    user: z.string().nullish(),
    assigned: z.boolean().nullish(),
  }),
);
const anyAnswer = z.unknown();

/** Splunk On-Call takes no override starting within 30 minutes of now: that is "take on-call". */
const overrideLeadMs = 30 * 60_000;

/**
 * Cover on Splunk On-Call. An override only records the absence; the cover exists once every
 * escalation policy the absent person is on has been assigned to someone, and a policy left
 * unassigned keeps the absent person on duty, so those are reported back. Cover that starts
 * within 30 minutes is a "take on-call" of each policy instead, which lasts until its handoff.
 */
export class SplunkOnCallCover implements CoverageProvider {
  constructor(
    private readonly client: SplunkOnCallClient,
    /** The responder's username: the absent person. */
    private readonly username: string,
    /** A policy's name, where the schedules read so far gave one; the slug stands in. */
    private readonly policyName: (slug: string) => string | undefined = () => undefined,
  ) {}

  async whyNot(): Promise<string | undefined> {
    return undefined;
  }

  /**
   * Splunk On-Call's portal. Its pages sit under the organisation's slug, which the API key does
   * not tell us, so this is the portal's front door: it opens the signed-in organisation [U].
   */
  providerPage(): string {
    return 'https://portal.victorops.com/';
  }

  async teammates(signal: AbortSignal): Promise<Teammate[]> {
    const { users } = await this.client.get('/api-public/v2/user', usersSchema, signal);
    const me = this.username.toLowerCase();
    return users
      .filter((user) => user.username.toLowerCase() !== me)
      .map((user) => ({
        id: user.username,
        name:
          user.displayName ||
          [user.firstName, user.lastName].filter(Boolean).join(' ') ||
          user.username,
        detail: user.email ?? user.username,
      }))
      .sort((a, b) => compareNames(a.name, b.name));
  }

  async findCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade | undefined> {
    // A take-on-call repeated finds the policy already with the teammate, which Splunk accepts.
    if (isImmediate(target)) return undefined;
    const found = await this.findOverride(target, signal);
    return found ? this.assignAll(found.publicId, target, signal) : undefined;
  }

  async createCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade> {
    if (isImmediate(target)) {
      await this.takeOnCall(target.scheduleId, this.username, target.coverUser.id, signal);
      return {};
    }
    const created = await this.client.send(
      'POST',
      '/api-public/v1/overrides',
      {
        username: this.username,
        start: new Date(target.start).toISOString(),
        end: new Date(target.end).toISOString(),
        timezone: 'Etc/UTC',
      },
      createdSchema,
      signal,
    );
    const publicId = created?.publicId ?? (await this.findOverride(target, signal))?.publicId;
    if (!publicId) return { unassignedPolicies: [target.scheduleId] };
    return this.assignAll(publicId, target, signal);
  }

  async removeCover(target: CoverTarget, _now: number, signal: AbortSignal): Promise<void> {
    if (isImmediate(target)) {
      await this.takeOnCall(target.scheduleId, target.coverUser.id, this.username, signal);
      return;
    }
    const found = await this.findOverride(target, signal);
    if (!found) return;
    try {
      await this.client.send(
        'DELETE',
        `/api-public/v1/overrides/${encodeURIComponent(found.publicId)}`,
        undefined,
        anyAnswer,
        signal,
      );
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
    }
  }

  /**
   * Assigns every policy of the absence to the teammate; a policy this key may not assign (a
   * team admin's key outside its team) is reported as unassigned rather than failing the rest.
   */
  private async assignAll(
    publicId: string,
    target: CoverTarget,
    signal: AbortSignal,
  ): Promise<CoverMade> {
    const base = `/api-public/v1/overrides/${encodeURIComponent(publicId)}/assignments`;
    const assignments = await this.client.get(base, assignmentsSchema, signal);
    const unassigned: string[] = [];
    for (const { policy, user, assigned } of assignments) {
      // Assigned to this teammate by an earlier attempt: nothing to do again.
      if (assigned && user?.toLowerCase() === target.coverUser.id.toLowerCase()) continue;
      try {
        await this.client.send(
          'PUT',
          `${base}/${encodeURIComponent(policy)}`,
          { username: target.coverUser.id },
          anyAnswer,
          signal,
        );
      } catch (error) {
        const status = httpStatusOf(error);
        if (status === undefined || status >= 500 || status === 429) throw error;
        unassigned.push(this.policyName(policy) ?? policy);
      }
    }
    return unassigned.length > 0 ? { unassignedPolicies: unassigned } : {};
  }

  private takeOnCall(policy: string, fromUser: string, toUser: string, signal: AbortSignal) {
    return this.client.send(
      'PATCH',
      `/api-public/v1/policies/${encodeURIComponent(policy)}/oncall/user`,
      { fromUser, toUser },
      anyAnswer,
      signal,
    );
  }

  private async findOverride(target: CoverTarget, signal: AbortSignal) {
    const { overrides } = await this.client.get(
      '/api-public/v1/overrides',
      overrideListSchema,
      signal,
    );
    const me = this.username.toLowerCase();
    return overrides.find(
      (o) =>
        o.user?.username.toLowerCase() === me &&
        Date.parse(o.start) === target.start &&
        Date.parse(o.end) === target.end,
    );
  }
}

function isImmediate(target: CoverTarget): boolean {
  return target.start - target.requestedAt < overrideLeadMs;
}
