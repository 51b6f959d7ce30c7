import { SourceHealth } from './source-health.js';
import { requiredSecrets, type SourceConfig } from '../../common/model/source-config.js';
import {
  secretNames,
  type SecretName,
  type SourceSecrets,
} from '../../common/model/source-secrets.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { secretAccount, type SecretStore } from '../ports/secret-store.js';
import type { SourceDependencies, SourceFactory } from '../sources/source-factory.js';
import type { Source } from '../sources/source.js';
import { SharedLimits } from '../sources/rate-limit/shared-limits.js';
import type { LocalAckStore } from '../sources/local-ack-store.js';
import { SourceHandover } from '../sources/source-handover.js';
import { SourceError } from '../sources/source-error.js';
import type { PollFindings } from '../sources/poll-report.js';

export interface RunningSource {
  config: SourceConfig;
  source: Source;
  health: SourceHealth;
  /** Bumped when an action lands, so a poll that started earlier is known to be stale. */
  generation: number;
  /** What the incident poll in flight has worked around so far; read when it ends. */
  findings?: PollFindings;
}

export interface SourceRegistryDependencies {
  clock: Clock;
  secrets: SecretStore;
  log: Log;
  responderName: () => string;
  createSource: SourceFactory;
  /** A running source's checks changed between polls (a probe came back). */
  checksChanged?: () => void;
  ackStore?: LocalAckStore;
}

const secretLabel: Record<SecretName, string> = { password: 'A password', token: 'A token' };
type SecretsConfigured = Record<SecretName, boolean>;

/**
 * The running sources and their credentials. Secrets go from a form to the keychain and from
 * the keychain into a source; the registry remembers only whether each one exists.
 */
export class SourceRegistry {
  private readonly running = new Map<string, RunningSource>();
  private readonly configured = new Map<string, SecretsConfigured>();
  /** One set of provider budgets for every source this registry makes, Test connection too. */
  private readonly rateLimits = new SharedLimits();
  private readonly handover: SourceHandover;

  constructor(private readonly deps: SourceRegistryDependencies) {
    this.handover = new SourceHandover(deps.clock);
  }

  async start(config: SourceConfig): Promise<RunningSource> {
    let source: Source;
    try {
      source = await this.deps.createSource(
        config,
        await this.readSecrets(config),
        this.sourceDeps(),
      );
    } catch (error) {
      // The source still shows up, blind, with the reason: better than silently missing.
      source = new UnavailableSource(
        config.id,
        error instanceof Error ? error.message : String(error),
      );
    }
    const health = new SourceHealth({ intervalMs: config.pollIntervalSeconds * 1000 });
    const running = { config, source, health, generation: 0 };
    this.running.set(config.id, running);
    return running;
  }

  /** A source for one-off use (Test connection): form secrets first, stored ones otherwise. */
  async createDetached(config: SourceConfig, given: SourceSecrets = {}): Promise<Source> {
    const stored = await this.readSecrets(config, given);
    return this.deps.createSource(config, { ...stored, ...given }, this.sourceDeps());
  }

  /** What a source may use: the clock and who is acting, never the keychain itself. */
  private sourceDeps(): SourceDependencies {
    return {
      clock: this.deps.clock,
      responderName: this.deps.responderName,
      rateLimits: this.rateLimits,
      handover: this.handover,
      checksChanged: this.deps.checksChanged,
      ackStore: this.deps.ackStore,
    };
  }

  get(id: string): RunningSource | undefined {
    return this.running.get(id);
  }

  all(): RunningSource[] {
    return [...this.running.values()];
  }

  stop(id: string): void {
    this.running.get(id)?.source.dispose?.();
    this.running.delete(id);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  secretsConfigured(id: string): SecretsConfigured {
    return this.configured.get(id) ?? { password: false, token: false };
  }

  /**
   * Saves the secrets a config needs, requires those not already stored, and deletes any the
   * config no longer uses (switching from basic auth to a token must not leave a password behind).
   */
  async storeSecrets(config: SourceConfig, given: SourceSecrets = {}): Promise<void> {
    const needed = new Set(requiredSecrets(config));
    const configured = { ...this.secretsConfigured(config.id) };
    for (const name of secretNames) {
      const account = secretAccount(config.id, name);
      const value = given[name];
      if (needed.has(name) && value !== undefined) {
        await this.deps.secrets.set(account, value);
        configured[name] = true;
      } else if (needed.has(name)) {
        configured[name] = (await this.deps.secrets.get(account)) !== undefined;
        if (!configured[name]) throw new Error(`${secretLabel[name]} is required for this source.`);
      } else if (configured[name] || value !== undefined) {
        await this.deps.secrets.delete(account);
        configured[name] = false;
      }
    }
    this.configured.set(config.id, configured);
  }

  async forgetSecrets(id: string): Promise<void> {
    for (const name of secretNames) await this.deps.secrets.delete(secretAccount(id, name));
    this.configured.delete(id);
  }

  private async readSecrets(
    config: SourceConfig,
    skip: SourceSecrets = {},
  ): Promise<SourceSecrets> {
    const secrets: SourceSecrets = {};
    const configured = { ...this.secretsConfigured(config.id) };
    for (const name of requiredSecrets(config)) {
      if (skip[name] !== undefined) continue;
      let value: string | undefined;
      try {
        value = await this.deps.secrets.get(secretAccount(config.id, name));
      } catch (error) {
        throw new SourceError('config', error instanceof Error ? error.message : String(error));
      }
      configured[name] = value !== undefined;
      if (value === undefined) {
        throw new SourceError(
          'config',
          `${secretLabel[name]} is missing from the keychain; edit the source to enter it.`,
        );
      }
      secrets[name] = value;
    }
    this.configured.set(config.id, configured);
    return secrets;
  }
}

/** Stands in for a source that could not be built, so its failure is visible as "blind". */
class UnavailableSource implements Source {
  constructor(
    readonly id: string,
    private readonly reason: string,
  ) {}

  async fetchIncidents(): Promise<never> {
    throw new SourceError('config', this.reason);
  }

  async act(): Promise<never> {
    throw new SourceError('config', this.reason);
  }

  async testConnection(): Promise<never> {
    throw new SourceError('config', this.reason);
  }
}
