import type { IncidentAction } from '../../../common/model/action.js';
import type { Incident } from '../../../common/model/incident.js';
import type { NodepingSourceConfig } from '../../../common/model/source-config.js';
import type { SourceSecrets } from '../../../common/model/source-secrets.js';
import type { Clock } from '../../ports/clock.js';
import { FirstSeen } from '../first-seen.js';
import { ItemReader } from '../item-reader.js';
import type { LocalAckStore } from '../local-ack-store.js';
import { LocalAcks } from '../local-acks.js';
import { ignoredReport, type PollReport } from '../poll-report.js';
import { SourceError } from '../source-error.js';
import type { ProviderFactory } from '../source-factory.js';
import type { CheckView } from '../../../common/contract/checks-state.js';
import { nodepingCheckView } from './nodeping-check-view.js';
import type { ConnectionReport, Source } from '../source.js';
import { NodepingClient } from './nodeping-client.js';
import { readState, toIncident, type NodepingState } from './nodeping-mapping.js';
import {
  accountsSchema,
  checkMapSchema,
  checkSchema,
  checkWithResultSchema,
  type NodepingCheck,
} from './nodeping-schemas.js';

export interface NodepingSourceOptions {
  config: NodepingSourceConfig;
  /** `token` is the API token. */
  secrets: SourceSecrets;
  clock: Clock;
  /** Where acks are kept across restarts; without one they last as long as the source. */
  ackStore?: LocalAckStore;
}

const noun = { one: 'check', many: 'checks' };
/** New failures whose last result is fetched per poll; the rest wait for the next poll. */
const resultLookupsPerPoll = 3;

interface LastResult {
  message?: string;
  code?: string;
}

/**
 * NodePing API 1, read-only: `GET /checks` once a poll (an object keyed by check id). An active
 * check with state 0 is a high-urgency incident, its last result's message the reason (fetched
 * once per failure); disabled checks are none. NodePing has no ack, so an ack is kept here.
 */
export class NodepingSource implements Source {
  readonly id: string;
  private readonly client: NodepingClient;
  private readonly firstSeen: FirstSeen;
  private readonly acks: LocalAcks;
  /** Last result per failure ("<id>@<first down>"). */
  /** Every check as the last answered poll listed it. */
  private seen: CheckView[] = [];
  private results = new Map<string, LastResult | undefined>();

  constructor(private readonly options: NodepingSourceOptions) {
    const { config, secrets, clock } = options;
    this.id = config.id;
    this.client = new NodepingClient(secrets.token, config.customerId, config.apiBaseUrl);
    this.firstSeen = new FirstSeen(clock);
    this.acks = new LocalAcks(
      clock,
      options.ackStore && { store: options.ackStore, sourceId: this.id },
    );
  }

  async fetchIncidents(
    signal: AbortSignal,
    report: PollReport = ignoredReport,
  ): Promise<Incident[]> {
    const checks = await this.listChecks(signal, report);
    const failing = checks.filter((check) => readState(check) === 'failing');
    await this.fetchResults(failing, signal, report);
    const context = {
      sourceId: this.id,
      now: this.options.clock.now(),
      firstSeen: (id: string) => this.firstSeen.at(id),
      ackedAt: (id: string) => this.acks.at(id),
      lastResult: (check: NodepingCheck) => this.results.get(failureKey(check)),
    };
    const incidents = failing.flatMap((check) => toIncident(check, context) ?? []);
    const ids = incidents.map((incident) => incident.externalId);
    // Only an answered poll forgets: a refused one must not drop an ack.
    this.acks.keepOnly(ids);
    this.firstSeen.keepOnly(ids);
    this.seen = checks.map((check) =>
      nodepingCheckView(check, {
        sourceId: this.id,
        lastMessage: this.results.get(failureKey(check))?.message,
      }),
    );
    return incidents;
  }

  checks(): CheckView[] {
    return this.seen;
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    if (action.type !== 'ack') {
      throw new SourceError('rejected', `Onwatch cannot ${action.type} NodePing checks`);
    }
    this.acks.ack(incident.externalId);
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const checks = await this.listChecks(signal, ignoredReport);
    const counts = new Map<NodepingState, number>();
    for (const check of checks) {
      const state = readState(check);
      counts.set(state, (counts.get(state) ?? 0) + 1);
    }
    const byState = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    const account = await this.accountName(signal);
    const total = `${checks.length} check${checks.length === 1 ? '' : 's'}`;
    return {
      summary: `NodePing${account ? ` account ${account}` : ''}: ${total}${byState ? ` (${byState})` : ''}`,
      identity: account,
      allowedActions: ['ack'],
    };
  }

  private async listChecks(signal: AbortSignal, report: PollReport): Promise<NodepingCheck[]> {
    const map = await this.client.get('/checks', {}, checkMapSchema, signal);
    const reader = new ItemReader(checkSchema, (check) => check, noun);
    const read = await reader.readAll(Object.values(map));
    reader.finish(report);
    return read;
  }

  /** The last result of failures not seen before, a few a poll; a failed lookup is a note. */
  private async fetchResults(
    failing: NodepingCheck[],
    signal: AbortSignal,
    report: PollReport,
  ): Promise<void> {
    const open = new Set(failing.map(failureKey));
    for (const key of this.results.keys()) if (!open.has(key)) this.results.delete(key);
    const unknown = failing.filter((check) => !this.results.has(failureKey(check)));
    for (const check of unknown.slice(0, resultLookupsPerPoll)) {
      try {
        const { lastresult } = await this.client.get(
          `/checks/${encodeURIComponent(check._id)}`,
          { lastresult: 'true' },
          checkWithResultSchema,
          signal,
        );
        this.results.set(
          failureKey(check),
          lastresult && { message: lastresult.m, code: lastresult.sc },
        );
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        report.note(`the last result of NodePing check ${check._id} could not be read: ${why}`);
        return;
      }
    }
  }

  /** The configured sub-account's name, else the primary account's; unnamed if unreadable. */
  private async accountName(signal: AbortSignal): Promise<string | undefined> {
    try {
      const accounts = await this.client.get('/accounts', {}, accountsSchema, signal);
      const { customerId } = this.options.config;
      const entries = Object.entries(accounts);
      const chosen =
        (customerId ? accounts[customerId] : undefined) ??
        entries.find(([, account]) => account?.type === 'primary')?.[1] ??
        entries[0]?.[1];
      return chosen?.name?.trim() || undefined;
    } catch (error) {
      // The check list just worked, so a refusal here is about /accounts, not the token.
      if (error instanceof SourceError && (error.kind === 'rejected' || error.kind === 'auth')) {
        return undefined;
      }
      throw error;
    }
  }
}

/** One failure of one check: a new `firstdown` is a new failure, with its own last result. */
function failureKey(check: NodepingCheck): string {
  return `${check._id}@${check.firstdown ?? ''}`;
}

export const createNodepingSource: ProviderFactory<'nodeping'> = (config, secrets, deps) =>
  new NodepingSource({ config, secrets, clock: deps.clock, ackStore: deps.ackStore });
