import type { ZodType } from 'zod';
import type { Incident } from '../../../common/model/incident.js';
import type { AlertmanagerSourceConfig } from '../../../common/model/source-config.js';
import { alertmanagerDescriptor } from '../../../common/providers/alertmanager.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { Clock } from '../../ports/clock.js';
import { forEachInSlices } from '../../timing/time-slices.js';
import { requestJson } from '../http-json.js';
import { SourceError } from '../source-error.js';
import type { ActionContext } from '../../../common/model/action.js';
import type { ProviderFactory } from '../source-factory.js';
import type { ConnectionReport, IncidentAction, Source } from '../source.js';
import {
  ackSilence,
  actionRef,
  alertToIncident,
  type AlertContext,
} from './alertmanager-mapping.js';
import {
  gettableAlertsSchema,
  gettableSilencesSchema,
  postSilenceResponseSchema,
  statusSchema,
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

/** Firing alerts nobody has muted: these page. */
const firingQuery = { silenced: 'false', inhibited: 'false' };
/**
 * Firing alerts muted only by a silence: what an ack leaves behind. Listing them keeps an
 * acked alert on screen as acknowledged instead of letting it vanish.
 */
const silencedQuery = {
  active: 'false',
  silenced: 'true',
  inhibited: 'false',
  unprocessed: 'false',
};

/** Prometheus Alertmanager through API v2. Acknowledging an alert silences it. */
export class AlertmanagerSource implements Source {
  readonly id: string;

  constructor(private readonly options: AlertmanagerSourceOptions) {
    this.id = options.config.id;
  }

  async fetchIncidents(signal: AbortSignal): Promise<Incident[]> {
    const [firing, silenced] = await Promise.all([
      this.get('alerts', firingQuery, gettableAlertsSchema, signal),
      this.get('alerts', silencedQuery, gettableAlertsSchema, signal),
    ]);
    const acknowledged = silenced.filter(
      (alert) => alert.status.state === 'suppressed' && alert.status.silencedBy.length > 0,
    );
    // Silences only say who acked and when, so skip the request when nothing is silenced.
    const silences = new Map<string, GettableSilence>();
    if (acknowledged.length > 0) {
      for (const silence of await this.get('silences', {}, gettableSilencesSchema, signal)) {
        silences.set(silence.id, silence);
      }
    }

    const uiRoot = this.root().ui;
    const incidents = new Map<string, Incident>();
    const add = (alerts: GettableAlert[], status: AlertContext['status']) =>
      forEachInSlices(alerts, (alert) => {
        // An alert can change state between the two queries (or an HA pair can list it
        // twice); firing wins, because hiding a page is worse than showing it twice as loud.
        if (incidents.has(alert.fingerprint)) return;
        incidents.set(
          alert.fingerprint,
          alertToIncident(alert, { sourceId: this.id, uiRoot, status, silences }),
        );
      });
    await add(firing, 'triggered');
    await add(acknowledged, 'acknowledged');
    return [...incidents.values()];
  }

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
    // A silence is not idempotent: after a lost answer, look for ours before adding another.
    if (context.mayHaveBeenSent && (await this.hasSilenceFor(context.actionId, signal))) return;
    const silence = ackSilence(incident, {
      now: this.options.clock.now(),
      minutes: action.type === 'silence' ? action.minutes : this.options.config.ackSilenceMinutes,
      responderName: this.options.responderName(),
      actionId: context.actionId,
    });
    await requestJson(this.url('silences', {}), {
      method: 'POST',
      headers: this.authHeaders(),
      body: silence,
      signal,
      schema: postSilenceResponseSchema,
      maxBytes: alertmanagerDescriptor.maxResponseBytes,
    });
  }

  private async hasSilenceFor(actionId: string, signal: AbortSignal): Promise<boolean> {
    const ref = actionRef(actionId);
    const silences = await this.get('silences', {}, gettableSilencesSchema, signal);
    return silences.some((s) => s.status.state !== 'expired' && s.comment.includes(ref));
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    // Reading alerts as well proves the credentials reach the API we poll, not just /status.
    const [status, firing] = await Promise.all([
      this.get('status', {}, statusSchema, signal),
      this.get('alerts', firingQuery, gettableAlertsSchema, signal),
    ]);
    const alerts = `${firing.length} firing alert${firing.length === 1 ? '' : 's'}`;
    return {
      summary: `Alertmanager ${status.versionInfo.version}, cluster ${status.cluster.status}, ${alerts}`,
    };
  }

  private get<T>(
    path: string,
    query: Record<string, string>,
    schema: ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    return requestJson(this.url(path, query), {
      headers: this.authHeaders(),
      signal,
      schema,
      maxBytes: alertmanagerDescriptor.maxResponseBytes,
    });
  }

  private url(path: string, query: Record<string, string>): string {
    const search = new URLSearchParams(query).toString();
    return `${this.root().api}${path}${search ? `?${search}` : ''}`;
  }

  /**
   * The configured base may carry a route prefix (http://h:9093/am), a trailing slash, or
   * the API path itself when pasted from a browser; all lead to the same root.
   */
  private root(): { ui: string; api: string } {
    let url: URL;
    try {
      url = new URL(this.options.config.baseUrl);
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

export const createAlertmanagerSource: ProviderFactory<'alertmanager'> = (config, secrets, deps) =>
  new AlertmanagerSource({ ...deps, config, secrets });
