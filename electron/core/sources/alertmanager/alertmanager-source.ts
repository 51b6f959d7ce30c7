import type { ZodType } from 'zod';
import type { ActionContext } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { AlertmanagerSourceConfig } from '../../../common/model/source-config.js';
import { alertmanagerDescriptor } from '../../../common/providers/alertmanager.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { ReplicaStatus } from '../../../common/model/source-status.js';
import type { Clock } from '../../ports/clock.js';
import { forEachInSlices } from '../../timing/time-slices.js';
import { FirstSeen } from '../first-seen.js';
import { AnswerMemo, requestJson } from '../http-json.js';
import { readList, type ReadList } from '../item-reader.js';
import { ignoredReport, PollFindings, type PollReport } from '../poll-report.js';
import { reuseLast } from '../reuse-last.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type {
  ConnectionReport,
  IncidentAction,
  ProviderSilence,
  Source,
  SourceTimeline,
} from '../source.js';
import { alertTimeline } from './alertmanager-timeline.js';
import { ackSilence, actionRef, alertToIncident, providerSilence } from './alertmanager-mapping.js';
import { ReplicaSet, type ReplicaRoot } from './alertmanager-replicas.js';
import {
  alertGroupSchema,
  gettableAlert,
  gettableSilenceSchema,
  listSchema,
  postSilenceResponseSchema,
  reportSilenceSchema,
  statusSchema,
  type AlertGroup,
  type GettableAlert,
  type GettableSilence,
} from './alertmanager-schemas.js';

export interface AlertmanagerSourceOptions {
  config: AlertmanagerSourceConfig;
  secrets: SourceSecrets;
  /** Who is acting, for the silence's createdBy; read at ack time so renames apply. */
  responderName: () => string;
  clock: Clock;
}

/**
 * Every firing alert nobody muted (these page) and those muted only by a silence (what an ack
 * leaves behind, listed as acknowledged instead of vanishing), in one answer: one request a
 * poll, and one consistent view, since an alert cannot change state between two lists. Asked
 * as alert groups, so the window can collapse an alert group as Alertmanager's routes make it.
 */
const alertsQuery = { silenced: 'true', inhibited: 'false' };

/** Only a silence mutes: anything else is shown firing, as hiding a page is worse than showing one too loud. */
const isSilenced = (alert: GettableAlert) =>
  alert.status.state === 'suppressed' && alert.status.silencedBy.length > 0;

const noSilences: ReadList<GettableSilence> = { items: [], finish: () => {} };

type IncidentGroup = NonNullable<Incident['group']>;

/**
 * A group as the window collapses it, or none for the group a route without `group_by` puts
 * every alert in: that is no grouping at all.
 */
function incidentGroup(group: AlertGroup): IncidentGroup | undefined {
  const labels = Object.entries(group.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (labels.length === 0) return undefined;
  return { id: JSON.stringify([group.receiver.name, labels]), labels: group.labels };
}

function rawFingerprint(raw: unknown): string | undefined {
  const value =
    typeof raw === 'object' && raw !== null
      ? (raw as { fingerprint?: unknown }).fingerprint
      : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Prometheus Alertmanager through API v2. Acknowledging an alert silences it. One source may
 * list the replicas of an HA cluster: each poll reads one replica (the first that answers),
 * and the cluster shares alerts (by fingerprint) and silences, so which one answered changes
 * nothing the responder sees.
 */
export class AlertmanagerSource implements Source {
  readonly id: string;
  private readonly replicas: ReplicaSet;
  /** The UI incidents link to: the first replica's, so a failover changes no incident. */
  private readonly uiRoot: string | undefined;
  private readonly firstSeen: FirstSeen;
  /** Each replica's last alert and silence lists, so an unchanged one is not read again. */
  private readonly answers = new Map<string, AnswerMemo<unknown[]>>();

  constructor(private readonly options: AlertmanagerSourceOptions) {
    const { config, clock } = options;
    this.id = config.id;
    this.firstSeen = new FirstSeen(clock);
    // A URL that cannot be used fails every call with its reason (see checkUrls).
    const roots = configuredUrls(config).flatMap((url) => {
      const root = rootOf(url);
      return root ? [root] : [];
    });
    this.uiRoot = roots[0]?.ui;
    this.replicas = new ReplicaSet(roots, clock, config.timeoutSeconds * 1000);
  }

  dispose(): void {
    this.replicas.dispose();
  }

  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    this.checkUrls();
    try {
      const { incidents, findings } = await this.replicas.first(signal, (root, share) =>
        this.incidentsFrom(root, share),
      );
      for (const note of findings.notes) report.note(note);
      this.firstSeen.keepOnly(incidents.map((incident) => incident.externalId));
      return incidents;
    } finally {
      this.replicas.probeOthers((root, share) => this.get(root, 'status', {}, statusSchema, share));
      if (this.replicas.size > 1) report.replicas(this.replicas.statuses());
    }
  }

  /** One replica's view: every request goes to that one replica, so the view is consistent. */
  private async incidentsFrom(
    root: ReplicaRoot,
    signal: AbortSignal,
  ): Promise<{ incidents: Incident[]; findings: PollFindings }> {
    const findings = new PollFindings();
    const groups = await this.readGroups(
      await this.list(root, 'alerts/groups', alertsQuery, signal),
    );
    groups.finish(findings);
    const alerts = await this.readAlerts(groups.items);
    alerts.finish(findings);
    // Silences only say who acked and when, so skip the request when nothing is silenced.
    let silences = noSilences;
    if (alerts.items.some(isSilenced)) {
      silences = await this.readSilences(await this.list(root, 'silences', {}, signal));
      silences.finish(findings);
    }
    const incidents = await this.toIncidents(alerts, silences, this.uiRoot ?? root.ui);
    return { incidents, findings };
  }

  private readonly readGroups = reuseLast((list: readonly unknown[]) =>
    readList(list, alertGroupSchema, { one: 'alert group', many: 'alert groups' }),
  );

  /**
   * The groups' alerts read one by one (one that cannot be used is left out and counted), each
   * once, with the first group listing it: two routes may both take an alert.
   */
  private readonly readAlerts = reuseLast(async (groups: readonly AlertGroup[]) => {
    const raw: unknown[] = [];
    const groupOf = new Map<string, IncidentGroup | undefined>();
    for (const group of groups) {
      const shown = incidentGroup(group);
      for (const alert of group.alerts) {
        const fingerprint = rawFingerprint(alert);
        if (fingerprint !== undefined) {
          if (groupOf.has(fingerprint)) continue;
          groupOf.set(fingerprint, shown);
        }
        raw.push(alert);
      }
    }
    const alerts = await readList(raw, gettableAlert, { one: 'alert', many: 'alerts' });
    return { ...alerts, groupOf };
  });

  private readonly readSilences = reuseLast((list: readonly unknown[]) =>
    readList(list, gettableSilenceSchema, { one: 'silence', many: 'silences' }),
  );

  private readonly toIncidents = reuseLast(
    async (
      alerts: ReadList<GettableAlert> & { groupOf: ReadonlyMap<string, IncidentGroup | undefined> },
      silences: ReadList<GettableSilence>,
      uiRoot: string,
    ) => {
      const context = {
        sourceId: this.id,
        uiRoot,
        silences: new Map(silences.items.map((silence) => [silence.id, silence])),
        // With replicas, the start first seen stays: they may date one alert apart.
        startedAt: (fingerprint: string, startsAt: string | undefined) =>
          startsAt !== undefined && this.replicas.size === 1
            ? startsAt
            : this.firstSeen.at(fingerprint, startsAt),
      };
      const incidents = new Map<string, Incident>();
      await forEachInSlices(alerts.items, (alert) => {
        if (incidents.has(alert.fingerprint)) return; // a server listing one alert twice
        const status = isSilenced(alert) ? 'acknowledged' : 'triggered';
        const group = alerts.groupOf.get(alert.fingerprint);
        incidents.set(alert.fingerprint, alertToIncident(alert, { ...context, status, group }));
      });
      return [...incidents.values()];
    },
  );

  /** A list as the replica answered it: the same value as last time when it has not changed. */
  private list(
    root: ReplicaRoot,
    path: 'alerts/groups' | 'silences',
    query: Record<string, string>,
    signal: AbortSignal,
  ): Promise<unknown[]> {
    const key = `${root.api} ${path}`;
    let memo = this.answers.get(key);
    if (!memo) this.answers.set(key, (memo = new AnswerMemo()));
    return this.get(root, path, query, listSchema, signal, memo);
  }

  private async silences(root: ReplicaRoot, signal: AbortSignal): Promise<GettableSilence[]> {
    const silences = await this.readSilences(await this.list(root, 'silences', {}, signal));
    return silences.items;
  }

  /**
   * Every silence in force or still to start, for the shift report: one request to the first
   * replica that answers (the cluster shares silences). One that cannot be read is left out.
   */
  async fetchSilences(signal: AbortSignal): Promise<ProviderSilence[]> {
    const { silences } = await this.everySilence(signal);
    // None readable out of some is an answer not to trust; a few odd ones cost only themselves.
    silences.finish(ignoredReport);
    return silences.items.filter((s) => s.status.state !== 'expired').map(providerSilence);
  }

  /**
   * When the alert started firing and the silences that fit it, expired ones included: the
   * silences are read afresh (one request to the first replica that answers), on demand.
   */
  async readTimeline(incident: Incident, signal: AbortSignal): Promise<SourceTimeline> {
    const { silences, unread } = await this.everySilence(signal);
    return alertTimeline(incident, silences.items, unread, this.options.clock.now());
  }

  /** Every silence, read afresh from the first replica that answers, with how many were odd. */
  private async everySilence(signal: AbortSignal) {
    this.checkUrls();
    const list = await this.replicas.first(signal, (root, share) =>
      this.get(root, 'silences', {}, listSchema, share),
    );
    const silences = await readList(list, reportSilenceSchema, {
      one: 'silence',
      many: 'silences',
    });
    return { silences, unread: list.length - silences.items.length };
  }

  /**
   * Posts one silence. The cluster shares silences, so one replica is enough; when a replica
   * failed mid-request, the next is first asked whether the silence arrived after all.
   */
  async act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void> {
    if (action.type !== 'ack' && action.type !== 'silence') {
      throw new SourceError(
        'rejected',
        action.type === 'resolve'
          ? 'Alertmanager alerts resolve when their rule stops firing; silence it instead'
          : `Alertmanager cannot ${action.type} an alert`,
      );
    }
    if (Object.keys(incident.labels).length === 0) {
      throw new SourceError('rejected', 'this alert has no labels, so no silence can match it');
    }
    this.checkUrls();
    await this.replicas.first(signal, async (root, share, retried) => {
      // A silence is not idempotent: after a lost answer, look for ours before adding another.
      const mayHaveLanded = context.mayHaveBeenSent || retried;
      if (mayHaveLanded && (await this.hasSilenceFor(root, context.actionId, share))) return;
      const silence = ackSilence(incident, {
        now: this.options.clock.now(),
        minutes: action.type === 'silence' ? action.minutes : this.options.config.ackSilenceMinutes,
        responderName: this.options.responderName(),
        actionId: context.actionId,
      });
      await requestJson(this.url(root, 'silences', {}), {
        method: 'POST',
        headers: this.authHeaders(),
        body: silence,
        signal: share,
        schema: postSilenceResponseSchema,
        maxBytes: alertmanagerDescriptor.maxResponseBytes,
      });
    });
  }

  private async hasSilenceFor(
    root: ReplicaRoot,
    actionId: string,
    signal: AbortSignal,
  ): Promise<boolean> {
    const ref = actionRef(actionId);
    const silences = await this.silences(root, signal);
    return silences.some((s) => s.status.state !== 'expired' && s.comment.includes(ref));
  }

  /**
   * Says which replicas answer and counts what a poll would show. Reading alerts as well
   * proves the credentials reach the API we poll, not just /status.
   */
  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const askStatus = (root: ReplicaRoot, share: AbortSignal) =>
      this.get(root, 'status', {}, statusSchema, share);
    this.checkUrls();
    const findings = new PollFindings();
    const [replicas, status, incidents] = await Promise.all([
      this.replicas.size > 1 ? this.replicas.askEach(signal, askStatus) : [],
      this.replicas.first(signal, askStatus),
      this.fetchIncidents(signal, findings),
    ]);
    const firing = incidents.filter((incident) => incident.status === 'triggered').length;
    const acked = incidents.length - firing;
    const parts = [
      `Alertmanager ${status.versionInfo.version}`,
      `cluster ${status.cluster.status}`,
      `${firing} firing alert${firing === 1 ? '' : 's'}`,
      ...(acked > 0 ? [`${acked} acknowledged`] : []),
      ...(replicas.length > 0 ? [replicaSummary(replicas)] : []),
      ...findings.notes,
    ];
    return { summary: parts.join(', ') };
  }

  private get<T>(
    root: ReplicaRoot,
    path: string,
    query: Record<string, string>,
    schema: ZodType<T>,
    signal: AbortSignal,
    memo?: AnswerMemo<T>,
  ): Promise<T> {
    return requestJson(this.url(root, path, query), {
      headers: this.authHeaders(),
      signal,
      schema,
      maxBytes: alertmanagerDescriptor.maxResponseBytes,
      memo,
    });
  }

  private url(root: ReplicaRoot, path: string, query: Record<string, string>): string {
    const search = new URLSearchParams(query).toString();
    return `${root.api}${path}${search ? `?${search}` : ''}`;
  }

  /** A URL that cannot be used is the responder's to fix: the source says why, and polls none. */
  private checkUrls(): void {
    for (const url of configuredUrls(this.options.config)) rootOrError(url);
  }

  private authHeaders(): Record<string, string> {
    const { auth } = this.options.config;
    const { password, token } = this.options.secrets;
    switch (auth.type) {
      case 'none':
        return {};
      case 'basic':
        if (!password) throw new SourceError('config', 'basic auth needs a password');
        return {
          Authorization: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}`,
        };
      case 'bearer':
        if (!token) throw new SourceError('config', 'bearer auth needs a token');
        return { Authorization: `Bearer ${token}` };
    }
  }
}

function configuredUrls(config: AlertmanagerSourceConfig): string[] {
  return [config.baseUrl, ...(config.replicaUrls ?? [])];
}

/**
 * The configured base may carry a route prefix (http://h:9093/am), a trailing slash, or the
 * API path itself when pasted from a browser; all lead to the same root.
 */
function rootOrError(baseUrl: string): ReplicaRoot {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new SourceError('config', 'the Alertmanager URL is not valid');
  }
  // `origin` below would silently drop them, and they would sit in plain settings.
  if (url.username || url.password) {
    throw new SourceError('config', 'credentials belong in the auth settings, not in the URL');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  const ui = `${url.origin}${path}`;
  return { ui, api: `${ui}/api/v2/` };
}

function rootOf(baseUrl: string): ReplicaRoot | undefined {
  try {
    return rootOrError(baseUrl);
  } catch {
    return undefined;
  }
}

/** "1 of 2 replicas answers (127.0.0.1:9094: cannot connect …)". */
function replicaSummary(replicas: readonly ReplicaStatus[]): string {
  const answering = replicas.filter((replica) => replica.answering).length;
  const silent = replicas
    .filter((replica) => replica.answering === false)
    .map((replica) => `${replica.url}: ${replica.problem ?? 'no answer'}`);
  const verb = answering === 1 ? 'answers' : 'answer';
  const why = silent.length > 0 ? ` (${silent.join('; ')})` : '';
  return `${answering} of ${replicas.length} replicas ${verb}${why}`;
}

export const createAlertmanagerSource: ProviderFactory<'alertmanager'> = (config, secrets, deps) =>
  new AlertmanagerSource({ ...deps, config, secrets });
