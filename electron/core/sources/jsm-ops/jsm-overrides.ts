import { z } from 'zod';
import type { Teammate } from '../../../common/model/cover.js';
import type { CoverageProvider, CoverMade, CoverTarget } from '../coverage.js';
import { httpStatusOf } from '../source-error.js';
import type { JsmClient } from './jsm-client.js';
import {
  jiraUserPageSchema,
  listOverridesSchema,
  overrideSchema,
  type JsmOverride,
} from './jsm-schemas.js';
import type { UserNames } from './jsm-users.js';
import { compareNames } from '../../../common/name-order.js';

/** The Jira user search serves up to 100 a page here; a site past this is listed this far. */
const userPageSize = 100;
const maxUsers = 5000;
/** JSM's largest page of overrides; a schedule with more than this many ahead is unheard of. */
const overridePageSize = 50;
const maxOverridePages = 10;
/** JSM keeps the times it was sent, at most to the second [U]; equal within this is the same. */
const sameTimeMs = 1000;

/**
 * Cover on JSM schedules. An override is made at once (201, no request to poll), but its alias
 * is the server's, so an attempt whose answer was lost leaves nothing to look up by name: the
 * schedule's overrides are searched for one with the same person and range instead, before a
 * retry sends a second. Remove finds it the same way, then deletes it (not started) or cuts it
 * at now with a full replace (running).
 */
export class JsmOverrides implements CoverageProvider {
  constructor(
    private readonly client: JsmClient,
    /** Names learnt from the user list serve the schedule's timeline too. */
    private readonly names: UserNames,
  ) {}

  async whyNot(): Promise<string | undefined> {
    // Rights are per schedule and team and not readable in advance: the create says [V].
    return undefined;
  }

  /** Active Atlassian accounts of the site (not apps or customers), me left out. */
  async teammates(signal: AbortSignal): Promise<Teammate[]> {
    const me = await this.client.myself(signal);
    const found: Teammate[] = [];
    for (let startAt = 0; startAt < maxUsers; startAt += userPageSize) {
      const url = this.client.siteUrl('/rest/api/3/users/search', {
        startAt: String(startAt),
        maxResults: String(userPageSize),
      });
      const page = await this.client.request('act', url, {
        schema: jiraUserPageSchema,
        signal,
        access: 'site',
      });
      for (const user of page) {
        if (!user || user.accountType !== 'atlassian' || user.active === false) continue;
        const name = user.displayName?.trim() || user.accountId;
        this.names.remember(user.accountId, name);
        if (user.accountId === me.accountId) continue;
        found.push({
          id: user.accountId,
          name,
          ...(user.emailAddress ? { detail: user.emailAddress } : {}),
        });
      }
      if (page.length < userPageSize) break;
    }
    return found.sort((a, b) => compareNames(a.name, b.name));
  }

  async findCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade | undefined> {
    return (await this.findOverride(target, signal)) ? {} : undefined;
  }

  async createCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade> {
    const url = await this.client.opsUrl(overridesPath(target.scheduleId), signal);
    await this.client.request('act', url, {
      method: 'POST',
      body: overrideBody(target, target.end),
      schema: overrideSchema,
      signal,
      access: 'write:ops-config',
    });
    return {};
  }

  async removeCover(target: CoverTarget, now: number, signal: AbortSignal): Promise<void> {
    // After a lost answer the cut-short one no longer matches: gone from here, as it should be.
    const found = await this.findOverride(target, signal);
    if (!found) return;
    const path = `${overridesPath(target.scheduleId)}/${encodeURIComponent(found.alias)}`;
    const url = await this.client.opsUrl(path, signal);
    const access = 'write:ops-config';
    try {
      if (target.start > now) {
        await this.client.request('act', url, { method: 'DELETE', schema: noBody, signal, access });
      } else {
        // Running: cut at now. PUT replaces the whole override, so it repeats who and from when.
        const body = overrideBody(target, now, found.rotationIds);
        await this.client.request('act', url, {
          method: 'PUT',
          body,
          schema: overrideSchema,
          signal,
          access,
        });
      }
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
    }
  }

  /** The schedule's override for the same person over the same range, if JSM holds one. */
  private async findOverride(
    target: CoverTarget,
    signal: AbortSignal,
  ): Promise<JsmOverride | undefined> {
    let offset = 0;
    for (let page = 0; page < maxOverridePages; page += 1) {
      const url = await this.client.opsUrl(overridesPath(target.scheduleId), signal, {
        size: String(overridePageSize),
        offset: String(offset),
      });
      const { values, links } = await this.client.request('act', url, {
        schema: listOverridesSchema,
        signal,
        access: 'read:ops-config',
      });
      const same = values.find((o) => isSameCover(o, target));
      if (same) return same;
      // Only the offset is taken from `next`, never its host (as for the alert list).
      const next = links?.next
        ? new URL(links.next, 'http://next').searchParams.get('offset')
        : null;
      const nextOffset = Number(next);
      if (!next || !Number.isInteger(nextOffset) || nextOffset <= offset) return undefined;
      offset = nextOffset;
    }
    return undefined;
  }
}

/** DELETE answers 204 with nothing. */
const noBody = z.unknown();

const overridesPath = (scheduleId: string) =>
  `/v1/schedules/${encodeURIComponent(scheduleId)}/overrides`;

function overrideBody(target: CoverTarget, end: number, rotationIds?: string[]) {
  return {
    responder: { type: 'user', id: target.coverUser.id },
    startDate: new Date(target.start).toISOString(),
    endDate: new Date(end).toISOString(),
    // A full replace: the rotations it applied to stay as they were.
    ...(rotationIds?.length ? { rotationIds } : {}),
  };
}

function isSameCover(override: JsmOverride, target: CoverTarget): boolean {
  const close = (text: string, ms: number) => Math.abs(Date.parse(text) - ms) < sameTimeMs;
  return (
    override.responder?.type === 'user' &&
    override.responder.id === target.coverUser.id &&
    close(override.startDate, target.start) &&
    close(override.endDate, target.end)
  );
}
