import type {
  ActionContext,
  IncidentAction,
  ReassignTarget,
} from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { Shift } from '../../../common/model/shift.js';
import type { SplunkOnCallSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { Clock } from '../../ports/clock.js';
import { SharedLimits } from '../rate-limit/shared-limits.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type { ConnectionReport, Source, SourceTimeline, TimeWindow } from '../source.js';
import { splunkTimeline } from './splunk-oncall-timeline.js';
import { SplunkOnCallCover } from './splunk-oncall-cover.js';
import { SplunkOnCallClient } from './splunk-oncall-client.js';
import { phaseToStatus, toIncident } from './splunk-oncall-mapping.js';
import {
  ackOrResolveResponseSchema,
  incidentListSchema,
  incidentSchema,
  onCallCurrentSchema,
  rerouteResponseSchema,
  teamScheduleSchema,
  type OnCallCurrent,
  type SplunkIncident,
  type TeamSchedule,
} from './splunk-oncall-schemas.js';
import { policyShifts } from './splunk-oncall-shifts.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader } from '../item-reader.js';
import { ignoredReport, type PollReport } from '../poll-report.js';

export interface SplunkOnCallSourceOptions {
  config: SplunkOnCallSourceConfig;
  /** `token` is the API key. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Shares each API id's budget with other sources; a source built alone keeps its own. */
  rateLimits?: SharedLimits;
}

const incidentsPath = '/api-public/v1/incidents';
const onCallNowPath = '/api-public/v1/oncall/current';
const teamSchedulePath = (team: string) =>
  `/api-public/v2/team/${encodeURIComponent(team)}/oncall/schedule`;

/** Schedules change rarely, and every call comes out of the 60 a minute incident polls need. */
const scheduleCacheMs = 5 * 60_000;
/** Up to this many teams, every team's schedule is shown; beyond, only the responder's. */
const fewTeams = 5;
const dayMs = 24 * 60 * 60_000;

type SupportedAction = Extract<IncidentAction, { type: 'ack' | 'resolve' | 'reassign' }>;
const verbs: Record<SupportedAction['type'], string> = {
  ack: 'acknowledge',
  resolve: 'resolve',
  reassign: 'reroute',
};
/** Refusals that mean the action had already happened, by us or by someone else. */
const alreadyDoneMessages: Record<SupportedAction['type'], RegExp | undefined> = {
  ack: /\balready\b.*\b(ack\w*|resolved)\b/i,
  resolve: /\balready\b.*\bresolved\b/i,
  reassign: undefined,
};

interface Verdict {
  accepted: boolean;
  message: string | undefined;
}

interface ScheduleCache {
  fetchedAt: number;
  daysForward: number;
  teams: { name: string; schedule: TeamSchedule }[];
}

/**
 * Splunk On-Call (VictorOps) through its public REST API. Incidents are listed in one
 * call; ack and resolve are PATCHes checked per incident; reassign is a reroute.
 */
export class SplunkOnCallSource implements Source {
  readonly id: string;
  private readonly client: SplunkOnCallClient;
  private schedules: ScheduleCache | undefined;
  private readonly firstSeen: FirstSeen;
  /** Each open incident as the last poll listed it: its transitions are its timeline. */
  private readonly listed = new Map<string, SplunkIncident>();

  readonly coverage: SplunkOnCallCover;

  constructor(private readonly options: SplunkOnCallSourceOptions) {
    const { config, secrets, clock } = options;
    this.id = config.id;
    this.firstSeen = new FirstSeen(clock);
    this.client = new SplunkOnCallClient({
      apiId: config.apiId,
      apiKey: secrets.token,
      apiBaseUrl: config.apiBaseUrl,
      clock,
      limits: options.rateLimits ?? new SharedLimits(),
    });
    this.coverage = new SplunkOnCallCover(
      this.client,
      options.config.username,
      (slug) =>
        this.schedules?.teams
          .flatMap(({ schedule }) => schedule.schedules)
          .find((p) => p.policy.slug === slug)?.policy.name ?? undefined,
    );
  }

  dispose(): void {
    this.client.dispose();
  }

  /**
   * Every open incident, read one by one: one Splunk On-Call cannot describe is left out and
   * counted on the source, never the reason the source goes blind.
   */
  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    const incidents = await this.listIncidents(signal, report);
    const context = {
      sourceId: this.id,
      username: this.options.config.username,
      firstSeen: (number: string) => this.firstSeen.at(number),
    };
    const byNumber = new Map<string, Incident>();
    for (const raw of incidents) {
      const incident = toIncident(raw, context);
      if (incident.status === 'resolved') continue;
      const seen = byNumber.get(incident.externalId);
      // Listed twice mid-transition: triggered wins, as hiding a page is worse than a repeat.
      if (!seen || (seen.status !== 'triggered' && incident.status === 'triggered')) {
        byNumber.set(incident.externalId, incident);
        this.listed.set(incident.externalId, raw);
      }
    }
    for (const number of this.listed.keys()) if (!byNumber.has(number)) this.listed.delete(number);
    this.firstSeen.keepOnly(byNumber.keys());
    return [...byNumber.values()];
  }

  private async listIncidents(signal: AbortSignal, report: PollReport): Promise<SplunkIncident[]> {
    const { incidents } = await this.client.get(incidentsPath, incidentListSchema, signal);
    const reader = new ItemReader(incidentSchema, (incident) => incident, {
      one: 'incident',
      many: 'incidents',
    });
    const read = await reader.readAll(incidents);
    reader.finish(report);
    return read;
  }

  /** The phase changes the last poll listed with the incident: no request of its own. */
  async readTimeline(incident: Incident): Promise<SourceTimeline> {
    const listed = this.listed.get(incident.externalId);
    if (!listed) throw new SourceError('rejected', 'Splunk On-Call no longer lists this incident');
    return splunkTimeline(listed);
  }

  async act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    if (action.type !== 'ack' && action.type !== 'resolve' && action.type !== 'reassign') {
      throw new SourceError('rejected', `Onwatch cannot ${action.type} Splunk On-Call incidents`);
    }
    const number = incident.externalId;
    // An earlier attempt may have landed; ack and resolve would be refused a second time.
    if (context.mayHaveBeenSent && (await this.alreadyDone(number, action, signal))) return;
    const verdict =
      action.type === 'reassign'
        ? await this.reroute(number, action.target, signal)
        : await this.ackOrResolve(number, action.type, signal);
    if (verdict.accepted) return;
    if (verdict.message && alreadyDoneMessages[action.type]?.test(verdict.message)) return;
    // Refusal texts are not documented: the incident itself says whether it is done.
    if (await this.alreadyDone(number, action, signal)) return;
    const reason = verdict.message ? `: ${oneLine(verdict.message)}` : '';
    throw new SourceError(
      'rejected',
      `Splunk On-Call refused to ${verbs[action.type]} incident #${number}${reason}`,
    );
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    // The cheapest call that proves the API id and key; listing incidents can be large.
    const current = await this.client.get(onCallNowPath, onCallCurrentSchema, signal);
    const teams = current.teamsOnCall.filter((team) => onCallUsers(team).length > 0).length;
    return {
      summary: `Splunk On-Call, ${teams} team${teams === 1 ? '' : 's'} on call now`,
      identity: this.options.config.username,
      allowedActions: ['ack', 'resolve', 'reassign'],
    };
  }

  async fetchShifts(window: TimeWindow, signal: AbortSignal): Promise<Shift[]> {
    const now = this.options.clock.now();
    // The API looks 14 days ahead unless asked for more, and never beyond 30.
    const daysForward = Math.min(30, Math.max(14, Math.ceil((window.until - now) / dayMs)));
    const cached = this.schedules;
    const fresh =
      cached && now - cached.fetchedAt < scheduleCacheMs && cached.daysForward >= daysForward;
    const schedules = fresh ? cached : await this.loadSchedules(now, daysForward, signal);
    this.schedules = schedules;
    const { username } = this.options.config;
    return schedules.teams
      .flatMap(({ name, schedule }) =>
        schedule.schedules.flatMap((policy) =>
          policyShifts(policy, { sourceId: this.id, username, teamName: name, now }),
        ),
      )
      .filter(
        (shift) => Date.parse(shift.start) < window.until && Date.parse(shift.end!) > window.since,
      );
  }

  /** One call for the teams, then one per team, one at a time, to leave room for polls. */
  private async loadSchedules(
    now: number,
    daysForward: number,
    signal: AbortSignal,
  ): Promise<ScheduleCache> {
    const current = await this.client.get(onCallNowPath, onCallCurrentSchema, signal);
    const me = this.options.config.username.toLowerCase();
    const all = [...new Map(current.teamsOnCall.map((t) => [t.team.slug, t])).values()];
    const wanted =
      all.length <= fewTeams
        ? all
        : all.filter((team) => onCallUsers(team).some((user) => user.toLowerCase() === me));
    const teams: ScheduleCache['teams'] = [];
    for (const { team } of wanted) {
      const schedule = await this.client.get(
        teamSchedulePath(team.slug),
        teamScheduleSchema,
        signal,
        {
          daysForward: String(daysForward),
        },
      );
      teams.push({ name: team.name ?? team.slug, schedule });
    }
    return { fetchedAt: now, daysForward, teams };
  }

  private async ackOrResolve(
    number: string,
    type: 'ack' | 'resolve',
    signal: AbortSignal,
  ): Promise<Verdict> {
    const body = {
      userName: this.options.config.username,
      incidentNames: [number],
      message: type === 'ack' ? 'Acknowledged in Onwatch' : 'Resolved in Onwatch',
    };
    const { results } = await this.client.send(
      'PATCH',
      `${incidentsPath}/${type}`,
      body,
      ackOrResolveResponseSchema,
      signal,
    );
    // The answer is 200 even when some incidents were refused: only ours counts.
    const result = results.find((r) => r.incidentNumber === number);
    if (!result) throw noVerdict(number);
    return { accepted: result.cmdAccepted, message: result.message };
  }

  private async reroute(
    number: string,
    target: ReassignTarget,
    signal: AbortSignal,
  ): Promise<Verdict> {
    const body = {
      userName: this.options.config.username,
      reroutes: [
        {
          incidentNumber: number,
          targets: [
            { type: target.kind === 'user' ? 'User' : 'EscalationPolicy', slug: target.id },
          ],
        },
      ],
    };
    const answer = await this.client.send(
      'POST',
      `${incidentsPath}/reroute`,
      body,
      rerouteResponseSchema,
      signal,
    );
    const status = answer.statuses?.find((s) => s.incidentNumber === number);
    if (status) {
      const refusedTarget = status.targetStatus?.find((t) => !t.success);
      return {
        accepted: status.success && !refusedTarget,
        message: status.message ?? refusedTarget?.message,
      };
    }
    const result = answer.results?.find((r) => r.incidentNumber === number);
    if (!result) throw noVerdict(number);
    return { accepted: result.cmdAccepted, message: result.message };
  }

  /** Whether the incident, as Splunk On-Call shows it now, already reflects the action. */
  private async alreadyDone(
    number: string,
    action: SupportedAction,
    signal: AbortSignal,
  ): Promise<boolean> {
    const incidents = await this.listIncidents(signal, ignoredReport);
    const current = incidents.find((i) => i.incidentNumber === number);
    if (!current) return false;
    const status = phaseToStatus(current.currentPhase);
    switch (action.type) {
      case 'ack':
        return status !== 'triggered';
      case 'resolve':
        return status === 'resolved';
      case 'reassign':
        return isPaged(current, action.target);
    }
  }
}

function onCallUsers(team: OnCallCurrent['teamsOnCall'][number]): string[] {
  return (team.onCallNow ?? []).flatMap((now) =>
    (now.users ?? []).flatMap((user) => user.onCallUser ?? []),
  );
}

function isPaged(incident: SplunkIncident, target: ReassignTarget): boolean {
  if (target.kind === 'user') {
    const id = target.id.toLowerCase();
    return incident.pagedUsers.some((user) => user.toLowerCase() === id);
  }
  return incident.pagedPolicies.some((p) => p.policy.slug === target.id);
}

/** A 200 that does not mention our incident confirms nothing; the outbox will ask again. */
function noVerdict(number: string): SourceError {
  return new SourceError('bad-response', `Splunk On-Call gave no result for incident #${number}`);
}

/** Provider text for a status line: one line, no control characters, bounded. */
function oneLine(text: string): string {
  const line = text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export const createSplunkOnCallSource: ProviderFactory<'splunk-oncall'> = (config, secrets, deps) =>
  new SplunkOnCallSource({ ...deps, config, secrets });
