// Opsgenie's REST API ends on 2027-04-05 (Atlassian moves customers to Jira Service Management).
// Everything Opsgenie lives in this folder so it can be deleted in one go, together with its
// case in create-source.ts, test/fakes/opsgenie-fake.ts, test/unit/core/sources/opsgenie/ and
// test/integration/opsgenie-contract.test.ts.

import type { ActionContext } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { Shift } from '../../../common/model/shift.js';
import type { OpsgenieSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { Clock } from '../../ports/clock.js';
import { SharedLimits } from '../rate-limit/shared-limits.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import { logWithNotes } from '../log-with-notes.js';
import { alertLogPageSchema, alertLogsQuery, alertLogToTimeline } from './opsgenie-timeline.js';
import type {
  ConnectionReport,
  IncidentAction,
  IncidentNote,
  Source,
  SourceTimeline,
  TimeWindow,
} from '../source.js';
import { performAction } from './opsgenie-actions.js';
import { OpsgenieOverrides } from './opsgenie-overrides.js';
import { OpsgenieClient } from './opsgenie-client.js';
import {
  alertToIncident,
  periodsToShifts,
  sameUser,
  type AlertContext,
} from './opsgenie-mapping.js';
import { ChangeCheck } from '../change-check.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader, rawId } from '../item-reader.js';
import { ignoredReport, PollFindings, type PollReport } from '../poll-report.js';
import {
  accountSchema,
  alertSchema,
  listAlertsSchema,
  listNotesSchema,
  onCallsSchema,
  timelineSchema,
  userSchedulesSchema,
  userTeamsSchema,
  type ListAlerts,
  type OpsgenieAlert,
} from './opsgenie-schemas.js';

export interface OpsgenieSourceOptions {
  config: OpsgenieSourceConfig;
  /** `token` is the API key, sent as `Authorization: GenieKey <key>`. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Shares each key's pace with other sources; a source built alone keeps its own. */
  rateLimits?: SharedLimits;
}

const openAlerts = 'status:open';
/** 50 pages of 100: beyond that the newest alerts are what a responder can act on. */
const maxPages = 50;
const dayMs = 24 * 60 * 60_000;
/**
 * Opsgenie publishes no numbers for its search domain's limits, so the fast lane spends what
 * PagerDuty's does: a look every few seconds and the reads its changes start.
 */
const fastLaneBudgetPerMinute = 48;

/** Opsgenie alerts and on-call schedules through REST API v2. */
export class OpsgenieSource implements Source {
  readonly id: string;
  private readonly client: OpsgenieClient;
  /** The responder's teams, id to name, once read; see `teamsOfMine`. */
  private myTeams?: ReadonlyMap<string, string>;
  private readonly firstSeen: FirstSeen;
  private readonly changes: ChangeCheck;
  readonly coverage: OpsgenieOverrides;

  constructor(private readonly options: OpsgenieSourceOptions) {
    this.id = options.config.id;
    const { config, secrets, clock } = options;
    const limits = options.rateLimits ?? new SharedLimits();
    this.client = new OpsgenieClient(config, secrets.token, clock, limits);
    this.firstSeen = new FirstSeen(clock);
    this.coverage = new OpsgenieOverrides(this.client, config.username, config.region);
    this.changes = new ChangeCheck({
      clock,
      fullEveryMs: () => config.pollIntervalSeconds * 1000,
      requestsSent: () => this.client.requestsSent,
      budgetPerMinute: fastLaneBudgetPerMinute,
    });
  }

  dispose(): void {
    this.client.dispose();
  }

  /**
   * Every open alert. Polled faster than the source's interval (the fast lane), it reads them
   * all only when the newest open alert moved, or the interval passed.
   */
  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    return this.changes.incidents(
      report,
      () => this.newestOpen(signal),
      (findings) => this.readAlerts(signal, findings),
    );
  }

  /** The next poll reads every alert: an action landed, or the responder asked. */
  readAfresh(): void {
    this.changes.readAfresh();
  }

  /** The fast lane's look: the newest open alert, which a new page replaces. */
  private async newestOpen(signal: AbortSignal): Promise<string> {
    const url = this.client.url('/v2/alerts', {
      query: openAlerts,
      limit: '1',
      sort: 'createdAt',
      order: 'desc',
    });
    const { data } = await this.client.request('search', url, { schema: listAlertsSchema, signal });
    const newest = data[0] as { status?: unknown; acknowledged?: unknown } | undefined;
    return JSON.stringify(
      newest === undefined ? null : [rawId(newest), newest.status, newest.acknowledged],
    );
  }

  /**
   * Every open alert, newest first, following Opsgenie's paging links. Offset paging shifts
   * when alerts arrive mid-walk, so an alert seen on two pages is kept once. Alerts are read
   * one by one: one Opsgenie cannot describe is left out and counted on the source.
   */
  private async readAlerts(signal: AbortSignal, report: PollReport): Promise<Incident[]> {
    const myTeams = await this.teamsOfMine(signal);
    const context: AlertContext = {
      sourceId: this.id,
      username: this.options.config.username,
      myTeams,
      firstSeen: (id) => this.firstSeen.at(id),
    };
    const reader = new ItemReader(alertSchema, (alert) => alert, { one: 'alert', many: 'alerts' });
    const alerts = new Map<string, OpsgenieAlert>();
    const seen = new Set<string>();
    let url: URL | undefined = this.client.url('/v2/alerts', {
      query: openAlerts,
      limit: '100',
      offset: '0',
      sort: 'createdAt',
      order: 'desc',
    });
    let cutShort: string | undefined;
    for (let page = 0; url; page++) {
      if (page === maxPages) {
        cutShort = `Opsgenie kept paging past ${maxPages} pages`;
        break;
      }
      const current: URL = url;
      const { data, paging }: ListAlerts = await this.client.request('search', url, {
        schema: listAlertsSchema,
        signal,
      });
      const fresh = data.filter((raw) => {
        const id = rawId(raw);
        return id === undefined || (!seen.has(id) && seen.add(id));
      });
      for (const alert of await reader.readAll(fresh)) {
        if (alert.status !== 'closed') alerts.set(alert.id, alert);
      }
      url = undefined;
      if (data.length === 0 || !paging?.next) break;
      // A page that brought nothing new would bring the same again: that is the end.
      if (fresh.length === 0) {
        cutShort = `Opsgenie said more follow, but page ${page + 1} brought nothing new`;
        break;
      }
      const next = this.client.nextAlertPage(paging.next, current);
      if ('refused' in next) cutShort = next.refused;
      else url = next.url;
    }
    reader.finish(report);
    if (cutShort) {
      const read = `${alerts.size} alert${alerts.size === 1 ? '' : 's'}`;
      report.note(`${cutShort}; showing the ${read} read so far`);
    }
    this.firstSeen.keepOnly(alerts.keys());
    return [...alerts.values()].map((alert) => alertToIncident(alert, context));
  }

  /**
   * The teams the responder belongs to, read once (again when the source restarts). They only
   * decide whether a team's alert rings, so failing to read them never fails the poll: a
   * refusal (an unknown user, a key without that access) means no teams, and anything else is
   * asked again next poll.
   */
  private async teamsOfMine(signal: AbortSignal): Promise<ReadonlyMap<string, string>> {
    if (this.myTeams) return this.myTeams;
    const path = `/v2/users/${encodeURIComponent(this.options.config.username)}/teams`;
    try {
      const { data } = await this.client.request('alert', this.client.url(path), {
        schema: userTeamsSchema,
        signal,
      });
      this.myTeams = new Map(data.map((team) => [team.id, team.name?.trim() || team.id]));
      return this.myTeams;
    } catch (error) {
      const refused =
        error instanceof SourceError && (error.status === 403 || error.status === 404);
      if (refused) this.myTeams = new Map();
      return new Map();
    }
  }

  act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    const deps = {
      client: this.client,
      clock: this.options.clock,
      username: this.options.config.username,
    };
    return performAction(deps, incident.externalId, action, context, signal);
  }

  /** The newest hundred notes (one page), oldest first: a handoff is among the latest. */
  async readNotes(incident: Incident, signal: AbortSignal): Promise<IncidentNote[]> {
    const path = `/v2/alerts/${encodeURIComponent(incident.externalId)}/notes`;
    const url = this.client.url(path, { limit: '100', order: 'desc' });
    const { data } = await this.client.request('alert', url, { schema: listNotesSchema, signal });
    return data.reverse().flatMap((note) =>
      note.note === undefined
        ? []
        : [
            {
              content: note.note,
              ...(note.createdAt && { createdAt: note.createdAt }),
              ...(note.owner && { author: note.owner }),
            },
          ],
    );
  }

  /** The alert's log (its newest hundred lines) and notes, read side by side, on demand. */
  readTimeline(incident: Incident, signal: AbortSignal): Promise<SourceTimeline> {
    const path = `/v2/alerts/${encodeURIComponent(incident.externalId)}/logs`;
    return logWithNotes({
      provider: 'Opsgenie',
      log: { what: 'the alert log', one: 'log line', many: 'log lines' },
      readLog: async () => {
        const url = this.client.url(path, alertLogsQuery);
        const { data, paging } = await this.client.request('alert', url, {
          schema: alertLogPageSchema,
          signal,
        });
        return { entries: data, more: paging?.next !== undefined };
      },
      toEntry: alertLogToTimeline,
      readNotes: () => this.readNotes(incident, signal),
    });
  }

  /**
   * Listing open alerts proves the key reads what we poll, and counts what Onwatch would show
   * (Opsgenie's own count endpoint may answer any number). Opsgenie cannot say what a key may
   * change (its switches are not readable through the API), so `allowedActions` stays unknown
   * and a read-only key is reported on its first action.
   */
  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const findings = new PollFindings();
    const open = (await this.fetchIncidents(signal, findings)).length;
    // The account name is a courtesy: a key without configuration access still polls fine.
    const account = await this.client
      .request('alert', this.client.url('/v2/account'), { schema: accountSchema, signal })
      .then((answer) => answer.data.name?.trim())
      .catch(() => undefined);
    const { apiBaseUrl, region, username } = this.options.config;
    const where = `${region.toUpperCase()}${apiBaseUrl ? ` via ${this.client.base.host}` : ''}`;
    const alerts = `${open} open alert${open === 1 ? '' : 's'}`;
    const notes = findings.notes.map((note) => `, ${note}`).join('');
    return {
      summary: `Opsgenie (${where}), ${account ? `account ${account}, ` : ''}${alerts}${notes}`,
      identity: username,
    };
  }

  /**
   * Shifts on the schedules the responder belongs to (upcoming ones included) and on any they
   * are on call for right now (through a team, say), from each schedule's final timeline.
   */
  async fetchShifts(window: TimeWindow, signal: AbortSignal): Promise<Shift[]> {
    const { username } = this.options.config;
    const [mine, onCall] = await Promise.all([
      this.client.request(
        'schedule',
        this.client.url(`/v2/users/${encodeURIComponent(username)}/schedules`),
        { schema: userSchedulesSchema, signal },
      ),
      this.client.request('schedule', this.client.url('/v2/schedules/on-calls', { flat: 'true' }), {
        schema: onCallsSchema,
        signal,
      }),
    ]);
    const schedules = new Map<string, string | undefined>();
    for (const schedule of mine.data) schedules.set(schedule.id, schedule.name);
    for (const entry of onCall.data) {
      const parent = entry._parent;
      if (parent && entry.onCallRecipients?.some((name) => sameUser(name, username))) {
        schedules.set(parent.id, parent.name);
      }
    }

    const days = String(Math.max(1, Math.ceil((window.until - window.since) / dayMs)));
    const shifts = await Promise.all(
      [...schedules].map(async ([scheduleId, name]) => {
        const url = this.client.url(`/v2/schedules/${encodeURIComponent(scheduleId)}/timeline`, {
          intervalUnit: 'days',
          interval: days,
          date: new Date(window.since).toISOString(),
        });
        const { data } = await this.client.request('schedule', url, {
          schema: timelineSchema,
          signal,
        });
        const periods = (data.finalTimeline?.rotations ?? []).flatMap((r) => r.periods ?? []);
        return periodsToShifts(periods, {
          sourceId: this.id,
          username,
          scheduleId,
          scheduleName: name ?? data._parent?.name ?? scheduleId,
          window,
        });
      }),
    );
    return shifts.flat();
  }
}

export const createOpsgenieSource: ProviderFactory<'opsgenie'> = (config, secrets, deps) =>
  new OpsgenieSource({ ...deps, config, secrets });
