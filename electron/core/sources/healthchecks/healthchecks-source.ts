import type { IncidentAction } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { HealthchecksSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import { healthchecksTags } from '../../../common/providers/healthchecks.js';
import type { Clock } from '../../ports/clock.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader } from '../item-reader.js';
import type { LocalAckStore } from '../local-ack-store.js';
import { LocalAcks } from '../local-acks.js';
import { ignoredReport, type PollReport } from '../poll-report.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type { CheckView } from '../../../common/contract/checks-state.js';
import { healthchecksCheckView } from './healthchecks-check-view.js';
import type { ConnectionReport, Source } from '../source.js';
import { HealthchecksClient, keyAccess } from './healthchecks-client.js';
import { FailureOutputs } from './healthchecks-failure-output.js';
import { readStatus, toIncident } from './healthchecks-mapping.js';
import {
  checkListSchema,
  checkSchema,
  pauseAnswerSchema,
  type HealthcheckCheck,
} from './healthchecks-schemas.js';

export interface HealthchecksSourceOptions {
  config: HealthchecksSourceConfig;
  /** `token` is the project API key. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Where acks are kept across restarts; without one they last as long as the source. */
  ackStore?: LocalAckStore;
}

const noun = { one: 'check', many: 'checks' };

/**
 * Healthchecks.io (hosted or self-hosted): one `GET /api/v3/checks/` a poll. A down check is a
 * high-urgency incident, a late one (in its grace period) a low-urgency one; up, new and paused
 * checks are none. Healthchecks.io has no ack, so an ack is kept here until the check recovers.
 */
export class HealthchecksSource implements Source {
  readonly id: string;
  private readonly client: HealthchecksClient;
  private readonly firstSeen: FirstSeen;
  private readonly acks: LocalAcks;
  private readonly outputs: FailureOutputs;
  /** Every check as the last answered poll listed it. */
  private seen: CheckView[] = [];

  constructor(private readonly options: HealthchecksSourceOptions) {
    this.id = options.config.id;
    this.client = new HealthchecksClient(options.secrets.token, options.config.apiBaseUrl);
    this.firstSeen = new FirstSeen(options.clock);
    this.acks = new LocalAcks(
      options.clock,
      options.ackStore && { store: options.ackStore, sourceId: this.id },
    );
    this.outputs = new FailureOutputs(this.client);
  }

  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    const checks = await this.listChecks(signal, report);
    const writable = this.writable();
    const down = checks.flatMap((check) =>
      writable && check.uuid && check.status.trim().toLowerCase() === 'down' ? [check.uuid] : [],
    );
    await this.outputs.update(down, signal, report);
    const context = {
      sourceId: this.id,
      site: this.client.site,
      firstSeen: (id: string, estimate: string | undefined) => this.firstSeen.at(id, estimate),
      ackedAt: (id: string) => this.acks.at(id),
      writable,
      failureOutput: (id: string) => this.outputs.get(id),
    };
    const incidents = checks.flatMap((check) => toIncident(check, context) ?? []);
    const failing = incidents.map((incident) => incident.externalId);
    // Only a poll that was answered forgets: a failed one must not drop an ack.
    this.acks.keepOnly(failing);
    this.firstSeen.keepOnly(failing);
    this.seen = checks.map((check) => healthchecksCheckView(check, this.id));
    return incidents;
  }

  checks(): CheckView[] {
    return this.seen;
  }

  async act(incident: Incident, action: IncidentAction, signal: AbortSignal): Promise<void> {
    if (action.type === 'ack') return this.acks.ack(incident.externalId);
    if (action.type !== 'pause' || !incident.capabilities.pause) {
      throw new SourceError('rejected', `Healthchecks.io checks cannot be told to ${action.type}`);
    }
    // Pausing a paused check answers like the first time, so a repeat after a lost reply is safe.
    const path = `checks/${encodeURIComponent(incident.externalId)}/pause`;
    await this.client.post(path, pauseAnswerSchema, signal);
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const checks = await this.listChecks(signal, ignoredReport);
    const counts = new Map<string, number>();
    for (const check of checks) {
      const status = check.status.trim().toLowerCase();
      const word = status === 'grace' ? 'late' : status;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const byState = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    const access = this.access(checks);
    const site = new URL(this.client.site).host;
    const tags = healthchecksTags(this.options.config);
    const filter = tags.length > 0 ? ` tagged ${tags.join(' ')}` : '';
    const total = `${checks.length} check${checks.length === 1 ? '' : 's'}${filter}`;
    return {
      summary: `Healthchecks.io project at ${site}: ${total}${byState ? ` (${byState})` : ''}`,
      identity: `${access} project key`,
      allowedActions: access === 'read-write' ? ['ack', 'pause'] : ['ack'],
    };
  }

  private async listChecks(signal: AbortSignal, report: PollReport): Promise<HealthcheckCheck[]> {
    const tags = healthchecksTags(this.options.config).map((tag): [string, string] => ['tag', tag]);
    const { checks } = await this.client.get('checks/', tags, checkListSchema, signal);
    const reader = new ItemReader(checkSchema, (check) => check, noun);
    const read = await reader.readAll(checks);
    reader.finish(report);
    const strange = read.filter((check) => {
      const reading = readStatus(check.status);
      return !reading.failing && !reading.known;
    });
    if (strange.length > 0) {
      const words = [...new Set(strange.map((check) => JSON.stringify(check.status)))].slice(0, 3);
      report.note(
        `${strange.length} check${strange.length === 1 ? ' has' : 's have'} a status Onwatch does not know (${words.join(', ')}): not shown as failing`,
      );
    }
    return read;
  }

  /** A read-only key (by its prefix) never sees a check's uuid, so it cannot pause one. */
  private writable(): boolean {
    return keyAccess(this.options.secrets.token ?? '') !== 'read-only';
  }

  /** The key's prefix says; a legacy key shows by what the list leaves out. */
  private access(checks: HealthcheckCheck[]): string {
    const byPrefix = keyAccess(this.options.secrets.token ?? '');
    if (byPrefix !== 'unknown') return byPrefix;
    if (checks.length === 0) return 'legacy';
    return checks.some((check) => check.uuid !== undefined) ? 'read-write' : 'read-only';
  }
}

export const createHealthchecksSource: ProviderFactory<'healthchecks'> = (config, secrets, deps) =>
  new HealthchecksSource({ config, secrets, clock: deps.clock, ackStore: deps.ackStore });
