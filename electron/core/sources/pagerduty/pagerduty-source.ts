import { z } from 'zod';
import type { ActionContext, IncidentActionType } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { Shift } from '../../../common/model/shift.js';
import type { PagerDutySourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import { pagerDutyDescriptor } from '../../../common/providers/pagerduty.js';
import type { Clock } from '../../ports/clock.js';
import { SharedLimits } from '../rate-limit/shared-limits.js';
import { httpStatusOf, SourceError, unhandled } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type {
  CalendarFeed,
  ConnectionReport,
  IncidentAction,
  IncidentNote,
  Source,
  SourceTimeline,
  TimeWindow,
} from '../source.js';
import { PagerDutyClient, type Query } from './pagerduty-client.js';
import { PagerDutyOverrides, type ScheduleApi } from './pagerduty-overrides.js';
import { PagerDutyError, pdErrorCodes } from './pagerduty-errors.js';
import { noteMarker, toIncident } from './pagerduty-mapping.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader, rawId } from '../item-reader.js';
import { allPages, onCallId } from './pagerduty-paging.js';
import { ChangeCheck } from '../change-check.js';
import { ignoredReport, PollFindings, type PollReport } from '../poll-report.js';
import { StatusBatcher, type StatusAction } from './status-batcher.js';
import { logWithNotes } from '../log-with-notes.js';
import { logEntriesQuery, logEntryPageSchema, logEntryToTimeline } from './pagerduty-timeline.js';
import {
  calendarFeedOf,
  onCallShifts,
  v2ScheduleShifts,
  v3OverrideIds,
  v3ScheduleShifts,
  type ShiftContext,
  type V3Replaced,
} from './pagerduty-schedules.js';
import { replacedMembers } from './pagerduty-v3-overrides.js';
import {
  incidentPageSchema,
  incidentResponseSchema,
  notesSchema,
  onCallPageSchema,
  pdIncidentSchema,
  userPageSchema,
  userResponseSchema,
  v2ScheduleSchema,
  v3ScheduleSchema,
  writeAnswerSchema,
  type PdUser,
  type V2Schedule,
  type V3Schedule,
} from './pagerduty-schemas.js';

export interface PagerDutySourceOptions {
  config: PagerDutySourceConfig;
  /** `token`: a REST API key, account-level or user-level. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Shares each key's lane with other sources; a source built alone keeps its own. */
  rateLimits?: SharedLimits;
}

/** The responder as PagerDuty knows them, and how the key relates to them. */
interface Me extends PdUser {
  /** A user key acts as its user; an account key acts as whoever `From` names. */
  key: 'user' | 'account';
  /** The teams the responder belongs to: "Ring for: my teams" rings for their incidents. */
  teamIds: ReadonlySet<string>;
}

/** Only whether /v3 knows the schedule matters. */
const anyScheduleSchema = z.object({ schedule: z.object({ id: z.string() }) });

/** Asked with the user, so "my teams" costs no request of its own. */
const withTeams: Query = [['include[]', 'teams']];

type Status = 'acknowledged' | 'resolved';
const statusOf: Record<StatusAction, Status> = { ack: 'acknowledged', resolve: 'resolved' };

/** `date_range=all`: without it PagerDuty searches only the last month, and old pages vanish. */
const openIncidents: Query = [
  ['statuses[]', 'triggered'],
  ['statuses[]', 'acknowledged'],
  ['date_range', 'all'],
];
/**
 * The fast lane's look: the newest open incident and how many are open, which move when a page
 * arrives or one is resolved (an ack elsewhere waits for the next full read).
 */
const newestOpenIncident: Query = [
  ...openIncidents,
  ['sort_by', 'created_at:desc'],
  ['limit', 1],
  ['total', 'true'],
];
/** A twentieth of the key's 960 a minute, all requests told, so other tools keep the rest. */
const fastLaneBudgetPerMinute = 48;
/** PUT /incidents takes at most this many at once (413 above). */
const maxBulk = 250;
/** GET /oncalls looks at most this far ahead. */
const maxOnCallWindowMs = 90 * 24 * 60 * 60_000;

const writeActions: IncidentActionType[] = [
  'ack',
  'resolve',
  'snooze',
  'reassign',
  'escalate',
  'note',
];
/** Roles that may look but not touch incidents. */
const readOnlyRoles = new Set(['read_only_user', 'read_only_limited_user', 'observer']);

/** PagerDuty through REST API v2, with an account or a user API key. */
export class PagerDutySource implements Source {
  readonly id: string;
  private readonly client: PagerDutyClient;
  private me?: Me;
  /** Which API renders each schedule, once known: saves a failed v3 request per poll. */
  private readonly scheduleApis = new Map<string, ScheduleApi>();
  /** Web pages of the schedules and escalation policies polled, by id: where to cover by hand. */
  private readonly webPages = new Map<string, string>();
  /** The feeds of the schedules last read, by id: secrets, handed on to the keychain. */
  private readonly feeds = new Map<string, CalendarFeed>();
  /** Escalation policies the responder's on-calls named: shifts on them cannot be overridden. */
  private readonly policyIds = new Set<string>();
  private readonly firstSeen: FirstSeen;
  private readonly changes: ChangeCheck;
  readonly coverage: PagerDutyOverrides;

  constructor(private readonly options: PagerDutySourceOptions) {
    const { config, secrets, clock } = options;
    this.id = config.id;
    this.firstSeen = new FirstSeen(clock);
    this.client = new PagerDutyClient({
      baseUrl: (config.apiBaseUrl ?? pagerDutyDescriptor.publicApi(config)).replace(/\/+$/, ''),
      token: secrets.token,
      from: config.email,
      clock,
      limits: options.rateLimits ?? new SharedLimits(),
    });
    this.changes = new ChangeCheck({
      clock,
      fullEveryMs: () => config.pollIntervalSeconds * 1000,
      requestsSent: () => this.client.requestsSent,
      budgetPerMinute: fastLaneBudgetPerMinute,
    });
    this.coverage = new PagerDutyOverrides(
      this.client,
      async (signal) => (await this.whoAmI(signal)).id,
      (scheduleId, signal) => this.whyNoOverrides(scheduleId, signal),
      (scheduleId, signal) => this.scheduleApi(scheduleId, signal),
      (scheduleId) => this.webPages.get(scheduleId),
    );
  }

  dispose(): void {
    this.client.dispose();
  }

  /**
   * Every open incident. Polled faster than the source's interval (the fast lane), it reads
   * them all only when the newest open incident or their number moved, or the interval passed.
   */
  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    return this.changes.incidents(
      report,
      () => this.newestOpen(signal),
      (findings) => this.readIncidents(signal, findings),
    );
  }

  /** The next poll reads every incident: an action landed, or the responder asked. */
  readAfresh(): void {
    this.changes.readAfresh();
  }

  private async newestOpen(signal: AbortSignal): Promise<string> {
    const page = await this.client.get(
      '/incidents',
      newestOpenIncident,
      incidentPageSchema,
      signal,
    );
    const newest = page.incidents[0];
    const status = (newest as { status?: unknown } | undefined)?.status;
    return JSON.stringify([page.total, newest === undefined ? null : rawId(newest), status]);
  }

  /**
   * Every open incident, read one by one: one PagerDuty cannot describe is left out and
   * counted on the source, never the reason the source goes blind.
   */
  private async readIncidents(signal: AbortSignal, report: PollReport): Promise<Incident[]> {
    const me = await this.whoAmI(signal);
    const { items, cutShort } = await allPages(
      this.client,
      '/incidents',
      openIncidents,
      incidentPageSchema,
      (page) => page.incidents,
      rawId,
      signal,
    );
    if (cutShort) {
      const read = `${items.length} incident${items.length === 1 ? '' : 's'}`;
      report.note(`${cutShort}; showing the ${read} read so far`);
    }
    const context = {
      sourceId: this.id,
      meId: me.id,
      myTeamIds: me.teamIds,
      firstSeen: (id: string) => this.firstSeen.at(id),
    };
    const reader = new ItemReader(pdIncidentSchema, (pd) => toIncident(pd, context), {
      one: 'incident',
      many: 'incidents',
    });
    const incidents = await reader.readAll(items);
    reader.finish(report);
    this.firstSeen.keepOnly(incidents.map((incident) => incident.externalId));
    // The filter asked for open ones only; a resolved one is not what Onwatch shows.
    return incidents.filter((incident) => incident.status !== 'resolved');
  }

  async act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    const id = incident.externalId;
    switch (action.type) {
      case 'ack':
      case 'resolve':
        // A retry checks the incident first, on its own; a first try may share a bulk request.
        if (context.mayHaveBeenSent) {
          return this.setStatus(id, statusOf[action.type], signal, true);
        }
        return this.batcher.submit(incident, action.type, signal);
      case 'snooze':
        await this.write(
          'POST',
          `${incidentPath(id)}/snooze`,
          { duration: action.minutes * 60 },
          signal,
        );
        return;
      case 'reassign': {
        const { kind, id: target } = action.target;
        const change =
          kind === 'user'
            ? { assignments: [{ assignee: { id: target, type: 'user_reference' } }] }
            : { escalation_policy: { id: target, type: 'escalation_policy_reference' } };
        return this.update(id, change, signal);
      }
      case 'escalate':
        // The API does not say which level an incident is at, so "next" means level 2: the
        // first one above the responders paged at first.
        return this.update(id, { escalation_level: action.level ?? 2 }, signal);
      case 'note':
        return this.addNote(id, action.text, signal, context);
      case 'silence':
        throw new SourceError('rejected', 'PagerDuty has no silence; snooze the incident instead');
      case 'pause':
        throw new SourceError('rejected', 'PagerDuty incidents are not checks that can be paused');
      case 'unack':
        throw new SourceError('rejected', 'PagerDuty cannot take an acknowledgement back');
      default:
        return unhandled(action);
    }
  }

  /**
   * Acknowledges or resolves several incidents in as few requests as PagerDuty allows (for
   * "ack all mine"). Incidents already in that state, or resolved, are left alone.
   */
  async actOnMany(incidents: Incident[], action: StatusAction, signal: AbortSignal): Promise<void> {
    const target = statusOf[action];
    const ids = [
      ...new Set(
        incidents
          .filter((incident) => incident.status !== target && incident.status !== 'resolved')
          .map((incident) => incident.externalId),
      ),
    ];
    for (let start = 0; start < ids.length; start += maxBulk) {
      const chunk = ids.slice(start, start + maxBulk);
      const body = {
        incidents: chunk.map((id) => ({ id, type: 'incident_reference', status: target })),
      };
      try {
        await this.write('PUT', '/incidents', body, signal);
      } catch (error) {
        if (!alreadyDone(error, target)) throw error;
        // Someone changed one of them since the last poll; the others still need it.
        for (const id of chunk) await this.setStatus(id, target, signal, false);
      }
    }
  }

  private readonly batcher = new StatusBatcher({
    one: (incident, action, signal) =>
      this.setStatus(incident.externalId, statusOf[action], signal, false),
    many: (incidents, action, signal) => this.actOnMany(incidents, action, signal),
  });

  /** GET /incidents/{id}/notes: at most 2000 an incident, all in one answer. */
  async readNotes(incident: Incident, signal: AbortSignal): Promise<IncidentNote[]> {
    const { notes } = await this.client.get(
      `${incidentPath(incident.externalId)}/notes`,
      [],
      notesSchema,
      signal,
    );
    return notes.map((note) => ({
      content: note.content,
      ...(note.created_at && { createdAt: note.created_at }),
      ...(note.user?.summary && { author: note.user.summary }),
    }));
  }

  /**
   * The log's overview and the notes, side by side on the key's shared lane. Read when the
   * responder opens the incident; either one refused leaves the other shown, marked partial.
   */
  readTimeline(incident: Incident, signal: AbortSignal): Promise<SourceTimeline> {
    return logWithNotes({
      provider: 'PagerDuty',
      log: { what: 'log entries', one: 'log entry', many: 'log entries' },
      readLog: async () => {
        const page = await this.client.get(
          `${incidentPath(incident.externalId)}/log_entries`,
          logEntriesQuery,
          logEntryPageSchema,
          signal,
        );
        return { entries: page.log_entries, more: page.more === true };
      },
      toEntry: logEntryToTimeline,
      readNotes: () => this.readNotes(incident, signal),
    });
  }

  /**
   * Counts what Onwatch would show, read the way a poll reads it: PagerDuty's own `total`
   * counts whatever matched, and a provider may answer any number there.
   */
  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const me = await this.whoAmI(signal);
    const findings = new PollFindings();
    const open = (await this.fetchIncidents(signal, findings)).length;
    const { config } = this.options;
    const where = config.apiBaseUrl
      ? `via ${new URL(config.apiBaseUrl).host}`
      : config.region.toUpperCase();
    const readOnly = me.key === 'user' && readOnlyRoles.has(me.role ?? '');
    const parts = [
      `PagerDuty (${where})`,
      me.key === 'user' ? `user key for ${me.name}` : `account key acting as ${me.name}`,
      `${open} open incident${open === 1 ? '' : 's'}`,
    ];
    if (me.key === 'user' && me.email.toLowerCase() !== config.email.toLowerCase()) {
      parts.push(`note: the key belongs to ${me.email}, not ${config.email}`);
    }
    // A read-only key is refused only on its first change, and a test must not change anything.
    parts.push(
      readOnly
        ? 'read-only user: changes will be refused'
        : 'a read-only key would be refused on first use',
      ...findings.notes,
    );
    return {
      summary: parts.join(', '),
      identity: `${me.name} <${me.email}>`,
      allowedActions: readOnly ? [] : writeActions,
    };
  }

  async fetchShifts(window: TimeWindow, signal: AbortSignal): Promise<Shift[]> {
    const me = await this.whoAmI(signal);
    const since = new Date(window.since).toISOString();
    const until = new Date(Math.min(window.until, window.since + maxOnCallWindowMs)).toISOString();
    const { items: oncalls } = await allPages(
      this.client,
      '/oncalls',
      [
        ['user_ids[]', me.id],
        ['since', since],
        ['until', until],
      ],
      onCallPageSchema,
      (page) => page.oncalls,
      onCallId,
      signal,
    );
    const names = new Map([[me.id, me.name]]);
    for (const { user } of oncalls) if (user?.summary) names.set(user.id, user.summary);
    const context: ShiftContext = { sourceId: this.id, meId: me.id, names, since };

    const shifts = onCallShifts(oncalls, context);
    for (const { escalation_policy: policy, schedule } of oncalls) {
      if (policy) this.policyIds.add(policy.id);
      for (const ref of [policy, schedule]) this.noteWebPage(ref?.id, ref?.html_url);
    }
    const schedules = new Set(
      oncalls.flatMap((oncall) => (oncall.schedule ? [oncall.schedule.id] : [])),
    );
    for (const scheduleId of schedules) {
      shifts.push(...(await this.scheduleShifts(scheduleId, since, until, context, signal)));
    }
    for (const id of this.feeds.keys()) if (!schedules.has(id)) this.feeds.delete(id);
    return shifts;
  }

  calendarFeeds(): ReadonlyMap<string, CalendarFeed> {
    return this.feeds;
  }

  /**
   * Shift-based (v3) schedules keep their id but are readable only through /v3, which answers
   * 400 for a classic one: PagerDuty's upgrade guide says to try v3 first and fall back.
   */
  private async scheduleShifts(
    id: string,
    since: string,
    until: string,
    context: ShiftContext,
    signal: AbortSignal,
  ): Promise<Shift[]> {
    const range: Query = [
      ['since', since],
      ['until', until],
      ['overflow', true],
    ];
    const path = `/schedules/${encodeURIComponent(id)}`;
    if (this.scheduleApis.get(id) !== 'v2') {
      let schedule: V3Schedule | undefined;
      try {
        ({ schedule } = await this.client.get(
          `/v3${path}`,
          [['include[]', 'final_schedule'], ...range],
          v3ScheduleSchema,
          signal,
        ));
        this.scheduleApis.set(id, 'v3');
      } catch (error) {
        if (httpStatusOf(error) !== 400) throw error;
        this.scheduleApis.set(id, 'v2');
      }
      if (schedule) {
        this.noteWebPage(id, schedule.html_url);
        this.noteCalendarFeed(id, schedule);
        const replaced = await this.replacedOn(schedule, since, until, signal);
        return v3ScheduleShifts(schedule, context, replaced);
      }
    }
    try {
      const { schedule } = await this.client.get(path, range, v2ScheduleSchema, signal);
      this.noteWebPage(id, schedule.html_url);
      this.noteCalendarFeed(id, schedule);
      return v2ScheduleShifts(schedule, context);
    } catch (error) {
      // Upgraded since we last looked: ask v3 again next time.
      if (isBadRequestOrMissing(error)) {
        this.scheduleApis.delete(id);
      }
      throw error;
    }
  }

  /**
   * Whom the overrides on a shift-based schedule replaced, when its final layer shows any. A
   * list this key may not read leaves the stretches marked without the name, not unread.
   */
  private async replacedOn(
    schedule: V3Schedule,
    since: string,
    until: string,
    signal: AbortSignal,
  ): Promise<V3Replaced | undefined> {
    if (v3OverrideIds(schedule).length === 0) return undefined;
    try {
      return await replacedMembers(this.client, schedule.id, since, until, signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof SourceError)) throw error;
      return undefined;
    }
  }

  /** Kept only while the schedule's answer carries one; each read replaces what was seen. */
  private noteCalendarFeed(id: string, schedule: V2Schedule | V3Schedule): void {
    const feed = calendarFeedOf(schedule);
    if (feed) this.feeds.set(id, feed);
    else this.feeds.delete(id);
  }

  /** Kept only when https: it becomes a link in the window. */
  private noteWebPage(id: string | undefined, url: string | null | undefined): void {
    if (id && url && /^https:\/\//i.test(url)) this.webPages.set(id, url);
  }

  /**
   * The API a schedule answers to, as the last poll found it; asked of /v3 when no poll has
   * (a cover resumed after a restart), which answers 400 for a classic schedule.
   */
  private async scheduleApi(id: string, signal: AbortSignal): Promise<ScheduleApi> {
    const known = this.scheduleApis.get(id);
    if (known) return known;
    try {
      await this.client.get(
        `/v3/schedules/${encodeURIComponent(id)}`,
        [],
        anyScheduleSchema,
        signal,
      );
      this.scheduleApis.set(id, 'v3');
    } catch (error) {
      if (httpStatusOf(error) !== 400) throw error;
      this.scheduleApis.set(id, 'v2');
    }
    return this.scheduleApis.get(id)!;
  }

  private async whyNoOverrides(
    scheduleId: string,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const me = await this.whoAmI(signal);
    if (me.key === 'user' && readOnlyRoles.has(me.role ?? '')) {
      return 'This PagerDuty key is read-only: add the override in PagerDuty.';
    }
    if (this.policyIds.has(scheduleId) && !this.scheduleApis.has(scheduleId)) {
      return 'This is an escalation policy, not a schedule: get cover on the schedule behind it.';
    }
    return undefined;
  }

  private async setStatus(
    id: string,
    target: Status,
    signal: AbortSignal,
    mayHaveBeenSent: boolean,
  ): Promise<void> {
    if (mayHaveBeenSent) {
      const { incident } = await this.client.get(
        incidentPath(id),
        [],
        incidentResponseSchema,
        signal,
      );
      // Resolved already covers an ack, and acking a resolved incident would reopen it.
      if (incident.status === target || incident.status === 'resolved') return;
    }
    try {
      await this.update(id, { status: target }, signal);
    } catch (error) {
      if (!alreadyDone(error, target)) throw error;
    }
  }

  private async addNote(
    id: string,
    text: string,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    const marker = noteMarker(context.actionId);
    if (context.mayHaveBeenSent) {
      const { notes } = await this.client.get(`${incidentPath(id)}/notes`, [], notesSchema, signal);
      if (notes.some((note) => note.content.includes(marker))) return;
    }
    await this.write(
      'POST',
      `${incidentPath(id)}/notes`,
      { note: { content: `${text}\n\n${marker}` } },
      signal,
    );
  }

  private update(id: string, change: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    return this.write(
      'PUT',
      incidentPath(id),
      { incident: { type: 'incident_reference', ...change } },
      signal,
    );
  }

  private async write(
    method: 'PUT' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    await this.client.write(method, path, body, writeAnswerSchema, signal);
  }

  /**
   * GET /users/me answers only for a user key; with an account key PagerDuty refuses it, and
   * the configured email finds the user instead. Cached, team membership included: it is read
   * again when the source restarts (editing it, or restarting Onwatch).
   */
  private async whoAmI(signal: AbortSignal): Promise<Me> {
    if (this.me) return this.me;
    let user: PdUser;
    let key: Me['key'] = 'user';
    try {
      ({ user } = await this.client.get('/users/me', withTeams, userResponseSchema, signal));
    } catch (error) {
      if (!isBadRequestOrMissing(error)) throw error;
      user = await this.findUserByEmail(signal);
      key = 'account';
    }
    this.me = { ...user, key, teamIds: new Set((user.teams ?? []).map((team) => team.id)) };
    return this.me;
  }

  private async findUserByEmail(signal: AbortSignal): Promise<PdUser> {
    const email = this.options.config.email;
    // `query` is a substring search over names and emails; only an exact email is this user.
    const { items: users } = await allPages(
      this.client,
      '/users',
      [['query', email], ...withTeams],
      userPageSchema,
      (page) => page.users,
      (user) => user.id,
      signal,
    );
    const user = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user) {
      throw new SourceError(
        'config',
        `no PagerDuty user has the email ${email}; check this source's email`,
      );
    }
    return user;
  }
}

function incidentPath(id: string): string {
  return `/incidents/${encodeURIComponent(id)}`;
}

/** What PagerDuty answers for an endpoint (or a schedule API version) this key cannot use. */
function isBadRequestOrMissing(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 400 || status === 404;
}

/** 1001/1002: the incident is already where the action would take it. */
function alreadyDone(error: unknown, target: Status): boolean {
  if (!(error instanceof PagerDutyError)) return false;
  return (
    error.code === pdErrorCodes.alreadyResolved ||
    (target === 'acknowledged' && error.code === pdErrorCodes.alreadyAcknowledged)
  );
}

export const createPagerDutySource: ProviderFactory<'pagerduty'> = (config, secrets, deps) =>
  new PagerDutySource({ ...deps, config, secrets });
