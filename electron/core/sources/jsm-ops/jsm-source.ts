import type { ActionContext, IncidentActionType } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { Shift } from '../../../common/model/shift.js';
import type { JsmOpsSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { Clock } from '../../ports/clock.js';
import { FirstSeen } from '../first-seen.js';
import { ignoredReport, PollFindings, type PollReport } from '../poll-report.js';
import { SharedLimits } from '../rate-limit/shared-limits.js';
import type { ProviderFactory } from '../source-factory.js';
import type {
  ConnectionReport,
  IncidentAction,
  IncidentNote,
  Source,
  SourceTimeline,
  TimeWindow,
} from '../source.js';
import { logWithNotes } from '../log-with-notes.js';
import { alertLogPageSchema, alertLogsQuery, jsmLogToTimeline } from './jsm-timeline.js';
import { performAction } from './jsm-actions.js';
import { readOpenAlerts } from './jsm-alert-list.js';
import { JsmClient } from './jsm-client.js';
import { listNotesSchema } from './jsm-schemas.js';
import { alertToIncident } from './jsm-mapping.js';
import { JsmOverrides } from './jsm-overrides.js';
import { probeScopes, type ScopeProbe } from './jsm-scopes.js';
import { readShifts } from './jsm-shifts.js';
import { UserNames } from './jsm-users.js';

export interface JsmSourceOptions {
  config: JsmOpsSourceConfig;
  /** `token` is the Atlassian API token, sent with the email as Basic auth. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Shares each credential's pace with other sources; a source built alone keeps its own. */
  rateLimits?: SharedLimits;
}

/** Jira Service Management Operations alerts and schedules through its v1 REST API. */
export class JsmOpsSource implements Source {
  readonly id: string;
  readonly coverage: JsmOverrides;
  private readonly client: JsmClient;
  private readonly firstSeen: FirstSeen;
  private readonly names: UserNames;

  constructor(private readonly options: JsmSourceOptions) {
    this.id = options.config.id;
    const { config, secrets, clock } = options;
    this.client = new JsmClient(
      config,
      secrets.token,
      clock,
      options.rateLimits ?? new SharedLimits(),
    );
    this.firstSeen = new FirstSeen(clock);
    this.names = new UserNames(this.client);
    this.coverage = new JsmOverrides(this.client, this.names);
  }

  dispose(): void {
    this.client.dispose();
  }

  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    const [me, alerts] = await Promise.all([
      this.client.myself(signal),
      readOpenAlerts(this.client, signal, report),
    ]);
    this.firstSeen.keepOnly(alerts.map((alert) => alert.id));
    const { config } = this.options;
    const context = {
      sourceId: this.id,
      siteUrl: config.siteUrl,
      accountId: me.accountId,
      displayName: me.displayName,
      highUpTo: config.highUpTo,
      firstSeen: (id: string) => this.firstSeen.at(id),
    };
    return alerts.map((alert) => alertToIncident(alert, context));
  }

  act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    const deps = { client: this.client, clock: this.options.clock };
    return performAction(deps, incident.externalId, action, context, signal);
  }

  /**
   * One page of notes (the most JSM gives at once, a hundred), oldest first by their times:
   * the order of the list itself is not documented.
   */
  async readNotes(incident: Incident, signal: AbortSignal): Promise<IncidentNote[]> {
    const path = `/v1/alerts/${encodeURIComponent(incident.externalId)}/notes`;
    const url = await this.client.opsUrl(path, signal, { size: '100' });
    const { values } = await this.client.request('list', url, {
      schema: listNotesSchema,
      signal,
      access: 'read:ops-alert',
    });
    return values
      .flatMap((note) =>
        note.note === undefined
          ? []
          : [
              {
                content: note.note,
                ...(note.createdAt && { createdAt: note.createdAt }),
                ...(note.owner && { author: note.owner }),
              },
            ],
      )
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  }

  /** The alert's log (one page) and notes, read side by side, on demand. */
  readTimeline(incident: Incident, signal: AbortSignal): Promise<SourceTimeline> {
    const path = `/v1/alerts/${encodeURIComponent(incident.externalId)}/logs`;
    return logWithNotes({
      provider: 'JSM Operations',
      log: { what: 'the alert log', one: 'log line', many: 'log lines' },
      readLog: async () => {
        const url = await this.client.opsUrl(path, signal, alertLogsQuery);
        const { values, links } = await this.client.request('list', url, {
          schema: alertLogPageSchema,
          signal,
          access: 'read:ops-alert',
        });
        return { entries: values, more: links?.next !== undefined };
      },
      toEntry: jsmLogToTimeline,
      readNotes: () => this.readNotes(incident, signal),
    });
  }

  /**
   * Names the site, the user and what the token's scopes allow: reading alerts is proven by
   * the poll itself, reading configuration and writing alerts by probes that change nothing.
   */
  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const cloudId = await this.client.lookUpCloudId(signal);
    const me = await this.client.myself(signal);
    const findings = new PollFindings();
    const open = (await this.fetchIncidents(signal, findings)).length;
    const scopes = await probeScopes(this.client, signal);
    const alerts = `${open} open alert${open === 1 ? '' : 's'}`;
    const notes = findings.notes.map((note) => `, ${note}`).join('');
    const who = me.displayName?.trim() || this.options.config.email;
    return {
      summary:
        `JSM Operations on ${this.client.site.host} (cloud ${cloudId}), ${alerts}${notes}. ` +
        `Scopes: ${describeScopes(scopes)}`,
      identity: `${who} (accountId ${me.accountId})`,
      allowedActions: allowedActions(scopes),
    };
  }

  fetchShifts(window: TimeWindow, signal: AbortSignal): Promise<Shift[]> {
    return readShifts(this.client, { sourceId: this.id, window, names: this.names }, signal);
  }
}

const actionsOfWrite: IncidentActionType[] = [
  'ack',
  'unack',
  'resolve',
  'snooze',
  'reassign',
  'escalate',
  'note',
];

/** Unknown stays unknown (a probe that could not tell), so nothing is promised or denied. */
function allowedActions(scopes: ScopeProbe): IncidentActionType[] | undefined {
  if (scopes.writeAlerts === 'unknown') return undefined;
  return scopes.writeAlerts ? actionsOfWrite : [];
}

function describeScopes(scopes: ScopeProbe): string {
  const mark = (state: boolean | 'unknown') =>
    state === 'unknown' ? 'could not tell' : state ? 'yes' : 'no';
  const lines = [
    'read alerts yes',
    `write alerts ${mark(scopes.writeAlerts)}`,
    `read config ${mark(scopes.readConfig)}`,
  ];
  const consequences: string[] = [];
  if (scopes.writeAlerts === false) consequences.push('alerts can only be watched, not acted on');
  if (scopes.readConfig === false) {
    consequences.push('no schedules or on-call, and no escalating along a team');
  }
  return `${lines.join(', ')}${consequences.length ? ` (${consequences.join('; ')})` : ''}`;
}

export const createJsmOpsSource: ProviderFactory<'jsm-ops'> = (config, secrets, deps) =>
  new JsmOpsSource({ ...deps, config, secrets });
