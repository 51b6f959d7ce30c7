import type { IncidentAction } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { PingdomSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import { pingdomTags } from '../../../common/providers/pingdom.js';
import type { Clock } from '../../ports/clock.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader } from '../item-reader.js';
import type { LocalAckStore } from '../local-ack-store.js';
import { LocalAcks } from '../local-acks.js';
import { ignoredReport, type PollReport } from '../poll-report.js';
import { SharedLimits } from '../rate-limit/shared-limits.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type { CheckView } from '../../../common/contract/checks-state.js';
import { pingdomCheckView } from './pingdom-check-view.js';
import type { ConnectionReport, Source } from '../source.js';
import { PingdomClient } from './pingdom-client.js';
import { PingdomDetails } from './pingdom-details.js';
import { readStatus, toIncident, type PingdomState } from './pingdom-mapping.js';
import {
  checkListSchema,
  checkSchema,
  contactsSchema,
  type PingdomCheck,
} from './pingdom-schemas.js';

export interface PingdomSourceOptions {
  config: PingdomSourceConfig;
  /** `token` is the API token (Read access is enough). */
  secrets: SourceSecrets;
  clock: Clock;
  /** Shares each token's pace and budgets with other sources; a source alone keeps its own. */
  rateLimits?: SharedLimits;
  /** Where acks are kept across restarts; without one they last as long as the source. */
  ackStore?: LocalAckStore;
}

const noun = { one: 'check', many: 'checks' };
/** Fewer requests left than this in the short budget is worth saying on the source. */
const lowBudget = 20;

/**
 * Pingdom API 3.1, read-only: `GET /checks` once a poll. A `down` check is a high-urgency
 * incident from `lastdownstart`, unless a maintenance window covers it now; re-testing, no-data
 * and paused checks are none. Pingdom has no ack, so an ack is kept here until the check is up.
 */
export class PingdomSource implements Source {
  readonly id: string;
  private readonly client: PingdomClient;
  private readonly details: PingdomDetails;
  private readonly firstSeen: FirstSeen;
  private readonly acks: LocalAcks;
  /** Every check as the last answered poll listed it. */
  private seen: CheckView[] = [];

  constructor(private readonly options: PingdomSourceOptions) {
    const { config, secrets, clock } = options;
    this.id = config.id;
    this.client = new PingdomClient(
      secrets.token,
      config.apiBaseUrl,
      clock,
      options.rateLimits ?? new SharedLimits(),
    );
    this.details = new PingdomDetails(this.client, clock);
    this.firstSeen = new FirstSeen(clock);
    this.acks = new LocalAcks(
      clock,
      options.ackStore && { store: options.ackStore, sourceId: this.id },
    );
  }

  dispose(): void {
    this.client.dispose();
  }

  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    const checks = await this.listChecks(signal, report);
    let down = checks.filter((check) => readStatus(check.status) === 'down');
    let maintained = new Set<string>();
    if (down.length > 0) {
      maintained = await this.details.inMaintenance(signal, report);
      down = down.filter((check) => !maintained.has(check.id));
      await this.details.fetchErrors(down, signal, report);
    }
    const context = {
      sourceId: this.id,
      firstSeen: (id: string) => this.firstSeen.at(id),
      ackedAt: (id: string) => this.acks.at(id),
      lastError: (check: PingdomCheck) => this.details.lastError(check),
    };
    const incidents = down.flatMap((check) => toIncident(check, context) ?? []);
    const failing = incidents.map((incident) => incident.externalId);
    // Only an answered poll forgets: a refused one must not drop an ack.
    this.acks.keepOnly(failing);
    this.firstSeen.keepOnly(failing);
    this.noteBudget(report);
    this.seen = checks.map((check) =>
      pingdomCheckView(check, {
        sourceId: this.id,
        inMaintenance: maintained.has(check.id),
        lastError: this.details.lastError(check),
      }),
    );
    return incidents;
  }

  checks(): CheckView[] {
    return this.seen;
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    if (action.type !== 'ack') {
      throw new SourceError('rejected', `Onwatch cannot ${action.type} Pingdom checks`);
    }
    this.acks.ack(incident.externalId);
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const checks = await this.listChecks(signal, ignoredReport);
    const counts = new Map<PingdomState, number>();
    for (const check of checks) {
      const state = readStatus(check.status);
      counts.set(state, (counts.get(state) ?? 0) + 1);
    }
    const byState = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    const filter = pingdomTags(this.options.config.tags);
    const total = `${checks.length} check${checks.length === 1 ? '' : 's'}${filter ? ` tagged ${filter}` : ''}`;
    const owner = await this.accountOwner(signal);
    return {
      summary: `Pingdom${owner ? ` account of ${owner}` : ''}: ${total}${byState ? ` (${byState})` : ''}`,
      identity: owner,
      allowedActions: ['ack'],
    };
  }

  private async listChecks(signal: AbortSignal, report: PollReport): Promise<PingdomCheck[]> {
    const tags = pingdomTags(this.options.config.tags);
    const { checks } = await this.client.get(
      '/checks',
      tags ? { tags } : {},
      checkListSchema,
      signal,
    );
    const reader = new ItemReader(checkSchema, (check) => check, noun);
    const read = await reader.readAll(checks);
    reader.finish(report);
    const strange = read.filter((check) => readStatus(check.status) === 'unrecognised');
    if (strange.length > 0) {
      report.note(
        `${strange.length} Pingdom check${strange.length === 1 ? ' has' : 's have'} a status Onwatch does not know: not shown as down`,
      );
    }
    return read;
  }

  /**
   * 3.1 has no call that names the account; its contacts mark the organisation's owner. A token
   * that may not read contacts still connects, unnamed.
   */
  private async accountOwner(signal: AbortSignal): Promise<string | undefined> {
    try {
      const { contacts } = await this.client.get('/alerting/contacts', {}, contactsSchema, signal);
      return contacts.find((contact) => contact.owner)?.name?.trim() || undefined;
    } catch (error) {
      // The check list just worked, so a refusal here is about contacts, not the token.
      const refused =
        error instanceof SourceError && (error.kind === 'rejected' || error.kind === 'auth');
      if (refused) return undefined;
      throw error;
    }
  }

  private noteBudget(report: PollReport): void {
    const short = this.client.budgets.short;
    if (short && short.remaining < lowBudget) {
      report.note(`Pingdom allows ${short.remaining} more requests before its short limit resets`);
    }
  }
}

export const createPingdomSource: ProviderFactory<'pingdom'> = (config, secrets, deps) =>
  new PingdomSource({
    config,
    secrets,
    clock: deps.clock,
    rateLimits: deps.rateLimits,
    ackStore: deps.ackStore,
  });
