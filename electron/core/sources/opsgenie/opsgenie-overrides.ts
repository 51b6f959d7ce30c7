import { z } from 'zod';
import type { Teammate } from '../../../common/model/cover.js';
import type { CoverageProvider, CoverMade, CoverTarget } from '../coverage.js';
import { httpStatusOf } from '../source-error.js';
import type { OpsgenieClient } from './opsgenie-client.js';
import { compareNames } from '../../../common/name-order.js';

const userListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      fullName: z.string().nullish(),
      blocked: z.boolean().nullish(),
    }),
  ),
  totalCount: z.number().nullish(),
});
const overrideSchema = z.object({
  data: z.object({
    alias: z.string(),
    user: z.object({ type: z.string(), username: z.string().nullish() }).nullish(),
    startDate: z.string(),
    endDate: z.string(),
  }),
});
const anyAnswer = z.unknown();

/** Opsgenie's list of users pages by offset; 100 is the largest page it serves. */
const pageSize = 100;
/** An account with more users than this is listed only this far. */
const maxUsers = 5000;

/**
 * Cover on Opsgenie schedules: an override under an alias Onwatch chooses from the cover's own
 * id, so a retry after a lost answer finds it by that alias instead of making a second one.
 */
export class OpsgenieOverrides implements CoverageProvider {
  constructor(
    private readonly client: OpsgenieClient,
    /** The responder's username: they are not offered as their own cover. */
    private readonly username: string,
    /** Which of Opsgenie's web apps the account lives on. */
    private readonly region: 'us' | 'eu',
  ) {}

  async whyNot(): Promise<string | undefined> {
    return undefined;
  }

  /**
   * The schedule in Opsgenie's web app, which takes the account from the login [S: the
   * `app.opsgenie.com/schedule#/{id}` form is what third-party tools link; EU by analogy, U].
   */
  providerPage(scheduleId: string): string {
    const host = this.region === 'eu' ? 'app.eu.opsgenie.com' : 'app.opsgenie.com';
    return `https://${host}/schedule#/${encodeURIComponent(scheduleId)}`;
  }

  async teammates(signal: AbortSignal): Promise<Teammate[]> {
    const found: Teammate[] = [];
    for (let offset = 0; offset < maxUsers; offset += pageSize) {
      const url = this.client.url('/v2/users', { limit: String(pageSize), offset: String(offset) });
      const { data, totalCount } = await this.client.request('schedule', url, {
        schema: userListSchema,
        signal,
      });
      for (const user of data) {
        if (user.blocked || user.username.toLowerCase() === this.username.toLowerCase()) continue;
        found.push({
          id: user.username,
          name: user.fullName || user.username,
          detail: user.username,
        });
      }
      if (data.length < pageSize || offset + pageSize >= (totalCount ?? 0)) break;
    }
    return found.sort((a, b) => compareNames(a.name, b.name));
  }

  async findCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade | undefined> {
    const found = await this.client.requestUnlessMissing('schedule', this.overrideUrl(target), {
      schema: overrideSchema,
      signal,
    });
    return found ? {} : undefined;
  }

  async createCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade> {
    await this.client.request('schedule', this.overridesUrl(target), {
      method: 'POST',
      body: { alias: aliasOf(target), ...this.window(target, target.end) },
      schema: anyAnswer,
      signal,
    });
    return {};
  }

  async removeCover(target: CoverTarget, now: number, signal: AbortSignal): Promise<void> {
    try {
      if (target.start > now) {
        await this.client.request('schedule', this.overrideUrl(target), {
          method: 'DELETE',
          schema: anyAnswer,
          signal,
        });
      } else {
        // Running: cut at now. PUT replaces the whole override, so it repeats who and from when.
        await this.client.request('schedule', this.overrideUrl(target), {
          method: 'PUT',
          body: this.window(target, now),
          schema: anyAnswer,
          signal,
        });
      }
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
    }
  }

  private window(target: CoverTarget, end: number) {
    return {
      // By id: the schedule's timeline names its recipients by the same id.
      user: { type: 'user', id: target.coverUser.id },
      startDate: new Date(target.start).toISOString(),
      endDate: new Date(end).toISOString(),
    };
  }

  private overridesUrl(target: CoverTarget): URL {
    const path = `/v2/schedules/${encodeURIComponent(target.scheduleId)}/overrides`;
    return this.client.url(path, { scheduleIdentifierType: 'id' });
  }

  private overrideUrl(target: CoverTarget): URL {
    const path = `/v2/schedules/${encodeURIComponent(target.scheduleId)}/overrides/${encodeURIComponent(aliasOf(target))}`;
    return this.client.url(path, { scheduleIdentifierType: 'id' });
  }
}

/** Stable for one cover across retries and restarts, and recognisably ours in Opsgenie. */
function aliasOf(target: CoverTarget): string {
  return `onwatch-${target.coverId}`;
}
