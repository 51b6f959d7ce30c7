import type {
  AppState,
  CommandHandlers,
  ConnectionTestResult,
  Notice,
  PendingAction,
  SourceView,
} from '../contract/ipc-contract.js';
import { IncidentStore, type IncidentEvent } from './engine/incident-store.js';
import { PollScheduler } from './engine/poll-scheduler.js';
import { withTimeout } from './engine/with-timeout.js';
import type { Incident } from './model/incident.js';
import type { SourceConfig, SourceSecrets } from './model/source-config.js';
import type { SourceStatus } from './model/source-status.js';
import { systemClock, type Clock } from './ports/clock.js';
import { consoleLog, type Log } from './ports/log.js';
import type { SecretStore } from './ports/secret-store.js';
import { loadSettings, saveSettings } from './settings/settings-file.js';
import type { Settings } from './settings/settings-schema.js';
import { SourceRegistry, type RunningSource } from './source-registry.js';
import { createSource, type SourceFactory } from './sources/create-source.js';
import { defaultDrillSource } from './sources/default-drill.js';
import { toSourceError } from './sources/source-error.js';

export interface CoreOptions {
  settingsPath: string;
  secrets: SecretStore;
  clock?: Clock;
  log?: Log;
  /** Jitter source for backoff; tests pin it. */
  random?: () => number;
  /** Builds a source from its config; tests substitute scripted sources. */
  createSource?: SourceFactory;
}

type StateListener = (state: AppState) => void;
type IncidentListener = (events: IncidentEvent[]) => void;

const actionVerb = { ack: 'Acknowledge', resolve: 'Resolve' } as const;

/**
 * The Electron-free heart of Onwatch: it owns the settings, runs every configured source
 * (or the drill when none is), keeps the open incidents and each source's health, and
 * implements every command of the contract. The shell and the browser host only carry
 * its state and commands.
 */
export class OnwatchCore {
  readonly handlers: CommandHandlers;
  private readonly store = new IncidentStore();
  private readonly scheduler: PollScheduler;
  private readonly sources: SourceRegistry;
  private readonly pending = new Map<string, PendingAction>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly incidentListeners = new Set<IncidentListener>();
  private notices: Notice[] = [];
  private nextNoticeId = 1;

  private constructor(
    private settings: Settings,
    private readonly options: Required<CoreOptions>,
  ) {
    const { clock, log, secrets, random } = options;
    this.scheduler = new PollScheduler(clock, (id, error) => this.recordPoll(id, error), random);
    this.sources = new SourceRegistry({
      clock,
      secrets,
      log,
      responderName: () => this.settings.responderName,
      createSource: options.createSource,
    });
    this.handlers = this.createHandlers();
  }

  static async start(options: CoreOptions): Promise<OnwatchCore> {
    const clock = options.clock ?? systemClock;
    const log = options.log ?? consoleLog;
    const { settings, notice } = await loadSettings(options.settingsPath, {
      log,
      now: () => clock.now(),
    });
    const core = new OnwatchCore(settings, {
      random: Math.random,
      createSource,
      ...options,
      clock,
      log,
    });
    if (notice) core.addNotice('warning', notice);
    await core.applySourceConfigs();
    return core;
  }

  getState(): AppState {
    return {
      incidents: this.store.all(),
      sources: this.sources.all().map((running) => this.statusOf(running)),
      pendingActions: [...this.pending.values()],
      notices: this.notices,
      settings: {
        responderName: this.settings.responderName,
        sources: this.settings.sources.map((config) => this.viewOf(config)),
        drillIsDefault: this.settings.sources.length === 0,
      },
    };
  }

  onStateChanged(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** New, changed and resolved incidents, each reported exactly once. */
  onIncidentEvents(listener: IncidentListener): () => void {
    this.incidentListeners.add(listener);
    return () => this.incidentListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    this.sources.stopAll();
    this.stateListeners.clear();
    this.incidentListeners.clear();
  }

  private createHandlers(): CommandHandlers {
    return {
      getState: async () => this.getState(),
      ack: async ({ key }) => this.act(key, 'ack'),
      resolve: async ({ key }) => this.act(key, 'resolve'),
      refresh: async ({ sourceId }) => {
        await this.scheduler.refresh(sourceId);
        return {};
      },
      addSource: async ({ config, secrets }) => {
        if (this.settings.sources.some((s) => s.id === config.id)) {
          throw new Error(
            `A source with the id "${config.id}" already exists; choose another name.`,
          );
        }
        await this.sources.storeSecrets(config, secrets);
        await this.saveSettings({ ...this.settings, sources: [...this.settings.sources, config] });
        await this.applySourceConfigs(new Set([config.id]));
        return { id: config.id };
      },
      editSource: async ({ config, secrets }) => {
        if (!this.settings.sources.some((s) => s.id === config.id)) {
          throw new Error(`There is no source with the id "${config.id}".`);
        }
        await this.sources.storeSecrets(config, secrets);
        const sources = this.settings.sources.map((s) => (s.id === config.id ? config : s));
        await this.saveSettings({ ...this.settings, sources });
        await this.applySourceConfigs(new Set([config.id]));
        return { id: config.id };
      },
      removeSource: async ({ id }) => {
        const sources = this.settings.sources.filter((s) => s.id !== id);
        if (sources.length === this.settings.sources.length) {
          throw new Error(`There is no source with the id "${id}".`);
        }
        await this.saveSettings({ ...this.settings, sources });
        await this.sources.forgetSecrets(id);
        await this.applySourceConfigs();
        return {};
      },
      testSource: async ({ config, secrets }) => this.testSource(config, secrets),
      updateSettings: async ({ responderName }) => {
        await this.saveSettings({ ...this.settings, responderName });
        return {};
      },
      dismissNotice: async ({ id }) => {
        this.notices = this.notices.filter((n) => n.id !== id);
        this.emitState();
        return {};
      },
    };
  }

  private async act(key: string, action: 'ack' | 'resolve'): Promise<Record<string, never>> {
    const incident = this.store.get(key);
    if (!incident) throw new Error('That incident is no longer open.');
    const running = this.sources.get(incident.sourceId);
    if (!running || !incident.capabilities[action]) {
      throw new Error(`${actionVerb[action]} is not available for this incident.`);
    }
    if (this.pending.has(key))
      throw new Error('An action on this incident is already in progress.');

    const { clock } = this.options;
    this.pending.set(key, {
      incidentKey: key,
      action,
      startedAt: new Date(clock.now()).toISOString(),
    });
    this.emitState();
    let events: IncidentEvent[];
    try {
      await withTimeout(clock, running.config.timeoutSeconds * 1000, (signal) =>
        running.source.act(incident, { type: action }, signal),
      );
      // Any poll already under way began before the provider saw this action; its answer is stale.
      running.generation += 1;
      events = this.store.update(key, this.afterAction(action));
      this.options.log.info(`${action} ${key} confirmed by ${running.config.name}`);
    } catch (error) {
      const reason = toSourceError(error).message;
      this.options.log.warn(`${action} ${key} failed: ${reason}`);
      throw new Error(`${actionVerb[action]} failed: ${reason}`);
    } finally {
      this.pending.delete(key);
      this.emitState();
    }
    this.publish(events);
    void this.scheduler.refresh(incident.sourceId);
    return {};
  }

  private afterAction(action: 'ack' | 'resolve'): Partial<Incident> {
    if (action === 'resolve') return { status: 'resolved' };
    return {
      status: 'acknowledged',
      acknowledgedAt: new Date(this.options.clock.now()).toISOString(),
    };
  }

  private async testSource(
    config: SourceConfig,
    secrets?: SourceSecrets,
  ): Promise<ConnectionTestResult> {
    try {
      const source = await this.sources.createDetached(config, secrets);
      try {
        const report = await withTimeout(
          this.options.clock,
          config.timeoutSeconds * 1000,
          (signal) => source.testConnection(signal),
        );
        return { ok: true, ...report };
      } finally {
        source.dispose?.();
      }
    } catch (error) {
      return { ok: false, error: toSourceError(error).message };
    }
  }

  /** Starts, restarts and stops sources so the running set matches the settings. */
  private async applySourceConfigs(restart = new Set<string>()): Promise<void> {
    const wanted = this.settings.sources.length > 0 ? this.settings.sources : [defaultDrillSource];
    for (const running of this.sources.all()) {
      const config = wanted.find((c) => c.id === running.config.id);
      if (
        !config ||
        restart.has(config.id) ||
        JSON.stringify(config) !== JSON.stringify(running.config)
      ) {
        this.scheduler.remove(running.config.id);
        this.sources.stop(running.config.id);
        this.store.removeSource(running.config.id);
      }
    }
    for (const config of wanted) {
      if (this.sources.get(config.id)) continue;
      const running = await this.sources.start(config);
      this.scheduler.add(config.id, {
        intervalMs: config.pollIntervalSeconds * 1000,
        timeoutMs: config.timeoutSeconds * 1000,
        run: (signal) => this.poll(running, signal),
      });
    }
    this.emitState();
  }

  private async poll(running: RunningSource, signal: AbortSignal): Promise<void> {
    const generation = running.generation;
    const incidents = await running.source.fetchIncidents(signal);
    if (this.sources.get(running.config.id) !== running || running.generation !== generation)
      return;
    this.publish(this.store.applySnapshot(running.config.id, incidents));
  }

  private recordPoll(id: string, error?: ReturnType<typeof toSourceError>): void {
    const running = this.sources.get(id);
    if (!running) return;
    const now = this.options.clock.now();
    if (error) {
      running.health.recordFailure(error, now);
      this.options.log.warn(`${running.config.name}: ${error.message}`);
    } else {
      running.health.recordSuccess(now);
    }
    this.emitState();
  }

  private publish(events: IncidentEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) {
      this.options.log.info(
        `${event.type} ${event.incident.key}: ${event.incident.title.slice(0, 120)}`,
      );
    }
    for (const listener of this.incidentListeners) listener(events);
  }

  private statusOf({ config, health }: RunningSource): SourceStatus {
    const snapshot = health.snapshot();
    const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return {
      id: config.id,
      name: config.name,
      kind: config.kind,
      health: snapshot.health,
      lastError: snapshot.lastError,
      lastErrorAt: iso(snapshot.lastErrorAt),
      lastSuccessAt: iso(snapshot.lastSuccessAt),
      consecutiveFailures: snapshot.consecutiveFailures,
      nextPollAt: iso(this.scheduler.nextPollAt(config.id)),
      polling: this.scheduler.isPolling(config.id),
    };
  }

  private viewOf(config: SourceConfig): SourceView {
    return { config, secretsConfigured: this.sources.secretsConfigured(config.id) };
  }

  private async saveSettings(settings: Settings): Promise<void> {
    await saveSettings(this.options.settingsPath, settings);
    this.settings = settings;
    this.emitState();
  }

  private addNotice(level: Notice['level'], message: string): void {
    const at = new Date(this.options.clock.now()).toISOString();
    this.notices = [...this.notices, { id: String(this.nextNoticeId++), level, message, at }];
  }

  private emitState(): void {
    if (this.stateListeners.size === 0) return;
    const state = this.getState();
    for (const listener of this.stateListeners) listener(state);
  }
}
