import type { StatusPageConfig } from '../../common/model/status-page-config.js';
import type { Clock } from '../ports/clock.js';
import { statusPageKeyAccount, type SecretStore } from '../ports/secret-store.js';
import type { SharedLimits } from '../sources/rate-limit/shared-limits.js';
import { SourceError } from '../sources/source-error.js';
import { PracticeStatusPage } from './practice-page.js';
import type { StatuspageApi } from './statuspage-api.js';
import type { BudgetPolicy } from './statuspage-budget.js';
import { StatuspageClient } from './statuspage-client.js';

interface Connection {
  config: StatusPageConfig;
  api?: StatuspageApi;
  dispose?: () => void;
  /** Why there is no API (the key is missing from the keychain). */
  problem?: string;
}

export interface StatusPageConnectionsOptions {
  clock: Clock;
  secrets: SecretStore;
  limits: SharedLimits;
  /** Statuspage's one per second unless a test scales it. */
  budget?: BudgetPolicy;
}

/**
 * One API per configured status page, made from its config and the key in the keychain: the
 * HTTP client for Statuspage, the in-memory practice page for the drill. Keys go from a form
 * straight to the keychain and are only ever read here.
 */
export class StatusPageConnections {
  private readonly connections = new Map<string, Connection>();
  private readonly keyStored = new Map<string, boolean>();
  /** One practice page for the life of the process, so its incidents survive a settings save. */
  private practice?: PracticeStatusPage;

  constructor(private readonly options: StatusPageConnectionsOptions) {}

  /** Builds what is new or changed, lets go of what was removed; returns the ids rebuilt. */
  async reconcile(configs: readonly StatusPageConfig[]): Promise<Set<string>> {
    const rebuilt = new Set<string>();
    const wanted = new Set(configs.map((c) => c.id));
    for (const [id, connection] of this.connections) {
      if (!wanted.has(id)) {
        connection.dispose?.();
        this.connections.delete(id);
      }
    }
    for (const config of configs) {
      const existing = this.connections.get(config.id);
      if (existing && sameConnection(existing.config, config) && existing.api) {
        existing.config = config;
        continue;
      }
      existing?.dispose?.();
      this.connections.set(config.id, await this.connect(config));
      rebuilt.add(config.id);
    }
    return rebuilt;
  }

  apiFor(id: string): StatuspageApi | undefined {
    return this.connections.get(id)?.api;
  }

  problemOf(id: string): string | undefined {
    return this.connections.get(id)?.problem;
  }

  /** Whether the keychain holds a key for the page, as last stored or read. */
  keyConfigured(id: string): boolean {
    return this.keyStored.get(id) ?? false;
  }

  /** Stores a key from the form; a blank one keeps the stored key, which must then exist. */
  async storeKey(id: string, apiKey: string | undefined): Promise<void> {
    const account = statusPageKeyAccount(id);
    if (!apiKey) {
      if ((await this.options.secrets.get(account)) === undefined) {
        throw new SourceError('config', 'An API key is required for this status page.');
      }
      this.keyStored.set(id, true);
      return;
    }
    await this.options.secrets.set(account, apiKey);
    this.keyStored.set(id, true);
    // The next reconcile must read the new key, even if nothing else changed.
    this.connections.get(id)?.dispose?.();
    this.connections.delete(id);
  }

  async forgetKey(id: string): Promise<void> {
    await this.options.secrets.delete(statusPageKeyAccount(id));
    this.keyStored.delete(id);
  }

  /** A client for one Test connection: the form's key, else the one stored for `id`. */
  async detachedClient(request: {
    id?: string;
    apiKey?: string;
    apiBaseUrl?: string;
  }): Promise<StatuspageClient> {
    const stored = request.id
      ? await this.options.secrets.get(statusPageKeyAccount(request.id))
      : undefined;
    const apiKey = request.apiKey || stored;
    if (!apiKey) throw new SourceError('config', 'Enter the API key to test the connection.');
    return this.client(apiKey, request.apiBaseUrl);
  }

  stop(): void {
    for (const connection of this.connections.values()) connection.dispose?.();
    this.connections.clear();
  }

  private async connect(config: StatusPageConfig): Promise<Connection> {
    if (config.kind === 'practice') {
      this.practice ??= new PracticeStatusPage(this.options.clock);
      return { config, api: this.practice };
    }
    const apiKey = await this.options.secrets.get(statusPageKeyAccount(config.id));
    this.keyStored.set(config.id, apiKey !== undefined);
    if (!apiKey) {
      return {
        config,
        problem: 'The API key is missing from the keychain; edit the status page to enter it.',
      };
    }
    const client = this.client(apiKey, config.apiBaseUrl);
    return { config, api: client, dispose: () => client.dispose() };
  }

  private client(apiKey: string, baseUrl: string | undefined): StatuspageClient {
    const { clock, limits, budget } = this.options;
    return new StatuspageClient({
      apiKey,
      clock,
      limits,
      ...(baseUrl ? { baseUrl } : {}),
      ...(budget ? { budget } : {}),
    });
  }
}

/** Only where and how it connects matters to the client; names and rules apply as they are. */
function sameConnection(a: StatusPageConfig, b: StatusPageConfig): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'practice' || b.kind === 'practice') return true;
  return a.apiBaseUrl === b.apiBaseUrl;
}
