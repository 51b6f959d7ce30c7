import { dirname, join } from 'node:path';
import type { CommandHandlers, ConnectionTestResult } from '../common/contract/ipc-contract.js';
import type { ActionView, AppState, Notice, SourceView } from '../common/contract/app-state.js';
import { IncidentStore, type IncidentEvent } from './engine/incident-store.js';
import { PollScheduler } from './engine/poll-scheduler.js';
import { mergeSchedule, scheduleWindowDays } from './engine/schedule-merge.js';
import { withTimeout } from './engine/with-timeout.js';
import type { ActionContext, IncidentAction } from '../common/model/action.js';
import type { Incident } from '../common/model/incident.js';
import type { Shift } from '../common/model/shift.js';
import type { SourceConfig, SourceSecrets } from '../common/model/source-config.js';
import type { SourceStatus } from '../common/model/source-status.js';
import { systemClock, type Clock } from './ports/clock.js';
import { consoleLog, type Log } from './ports/log.js';
import type { Notifier } from './ports/notifier.js';
import type { SecretStore } from './ports/secret-store.js';
import { loadSettings, saveSettings } from './settings/settings-file.js';
import type { Settings } from './settings/settings-schema.js';
import { SourceRegistry, type RunningSource } from './source-registry.js';
import { AttentionCenter, type DesktopAttention } from './attention/attention-center.js';
import { defaultAttentionConfig } from './attention/attention-config.js';
import { ActionOutbox, type OutboxAction } from './outbox/action-outbox.js';
import type { JournalEntry } from './outbox/action-journal.js';
import { createSource, type SourceFactory } from './sources/create-source.js';
import { defaultDrillSource } from './sources/default-drill.js';
import { SourceError, toSourceError } from './sources/source-error.js';
import { TestPageSource } from './sources/test-page/test-page-source.js';

export interface CoreOptions {
  settingsPath: string;
  secrets: SecretStore;
  clock?: Clock;
  log?: Log;
  /** Jitter source for backoff; tests pin it. */
  random?: () => number;
  /** Builds a source from its config; tests substitute scripted sources. */
  createSource?: SourceFactory;
  /** The action journal; by default `outbox.jsonl` beside the settings file. */
  outboxPath?: string;
  /** OS notifications; without one the window and tray carry every alert. */
  notifier?: Notifier;
  /** Window moves for the escalation ladder, where there is a desktop shell. */
  desktop?: DesktopAttention;
  /** IANA zone for quiet hours and the times in alerts; the system's when undefined. */
  timeZone?: string;
}

type ResolvedOptions = Required<Omit<CoreOptions, 'notifier' | 'desktop' | 'timeZone'>> &
  Pick<CoreOptions, 'notifier' | 'desktop' | 'timeZone'>;

type StateListener = (state: AppState) => void;
type IncidentListener = (events: IncidentEvent[]) => void;

/** Rotations change rarely; polling them every few minutes keeps well inside rate limits. */
const schedulePollMs = 5 * 60_000;
type PollKind = 'incidents' | 'schedule';

const actionLabel: Record<IncidentAction['type'], string> = {
  ack: 'Acknowledge',
  resolve: 'Resolve',
  snooze: 'Snooze',
  reassign: 'Reassign',
  escalate: 'Escalate',
  note: 'Adding a note',
  silence: 'Silence',
};

function toActionView(action: OutboxAction): ActionView {
  const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    id: action.id,
    incidentKey: action.incident.key,
    incidentTitle: action.incident.title,
    sourceId: action.incident.sourceId,
    action: action.action,
    state: action.state,
    attempts: action.attempts,
    createdAt: new Date(action.createdAt).toISOString(),
    lastError: action.lastError,
    nextAttemptAt: action.state === 'pending' ? iso(action.nextAttemptAt) : undefined,
    completedAt: iso(action.completedAt),
  };
}

/**
 * The Electron-free heart of Onwatch: it owns the settings, runs every configured source
 * (or the drill when none is), keeps the open incidents and each source's health, and
 * implements every command of the contract. The shell and the browser host only carry
 * its state and commands.
 */
export class OnwatchCore {
  readonly handlers: CommandHandlers;
  private readonly store = new IncidentStore();
  private readonly scheduler: PollScheduler<PollKind>;
  private readonly sources: SourceRegistry;
  private outbox!: ActionOutbox;
  private readonly attention: AttentionCenter;
  private readonly testPages: TestPageSource;
  /** Each source's latest shifts; a failed schedule poll keeps the last good ones. */
  private readonly shifts = new Map<string, Shift[]>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly incidentListeners = new Set<IncidentListener>();
  private readonly openListeners = new Set<(key: string) => void>();
  private notices: Notice[] = [];
  private nextNoticeId = 1;

  private constructor(
    private settings: Settings,
    private readonly options: ResolvedOptions,
  ) {
    const { clock, log, secrets, random } = options;
    this.testPages = new TestPageSource(clock);
    this.attention = new AttentionCenter({
      clock,
      log,
      timeZone: options.timeZone,
      config: () => this.settings.attention,
      notifier: options.notifier,
      desktop: options.desktop,
      intervalOf: (id) => {
        const seconds = this.sources.get(id)?.config.pollIntervalSeconds;
        return seconds === undefined ? undefined : seconds * 1000;
      },
      ack: (key) => this.enqueue(key, { type: 'ack' }),
      openIncident: (key) => this.openIncident(key),
      onChange: () => this.emitState(),
    });
    this.scheduler = new PollScheduler<PollKind>(
      clock,
      (id, kind, error) => this.recordPoll(id, kind, error),
      random,
    );
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
      outboxPath: join(dirname(options.settingsPath), 'outbox.jsonl'),
      ...options,
      clock,
      log,
    });
    if (notice) core.addNotice('warning', notice);
    core.outbox = await ActionOutbox.open({
      path: core.options.outboxPath,
      clock,
      log,
      random: core.options.random,
      deliver: (entry, context) => core.deliver(entry, context),
      onChange: () => core.emitState(),
      onFailed: (action) => {
        const incident = core.store.get(action.incident.key);
        if (incident) core.attention.handlingFailed(incident);
      },
    });
    await core.applySourceConfigs();
    core.outbox.resume();
    return core;
  }

  getState(): AppState {
    return {
      incidents: this.incidentsWithPendingActions(),
      sources: this.sources.all().map((running) => this.statusOf(running)),
      actions: this.outbox.list().map(toActionView),
      schedule: this.schedule(),
      attention: this.attention.view(),
      notices: this.notices,
      settings: {
        responderName: this.settings.responderName,
        alarmSound: this.attentionConfig().sound,
        ackShortcut: this.settings.ackShortcut,
        sources: this.settings.sources.map((config) => this.viewOf(config)),
        drillIsDefault: this.settings.sources.length === 0,
      },
    };
  }

  onStateChanged(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Asks every window to show this incident (a notification or the tray was clicked). The shell
   * also brings its window up.
   */
  openIncident(key: string): void {
    for (const listener of this.openListeners) listener(key);
  }

  onOpenIncident(listener: (key: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** New, changed and resolved incidents, each reported exactly once. */
  onIncidentEvents(listener: IncidentListener): () => void {
    this.incidentListeners.add(listener);
    return () => this.incidentListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    this.attention.stop();
    await this.outbox.stop();
    this.sources.stopAll();
    this.stateListeners.clear();
    this.incidentListeners.clear();
    this.openListeners.clear();
  }

  private createHandlers(): CommandHandlers {
    return {
      getState: async () => this.getState(),
      ack: async ({ key }) => this.enqueue(key, { type: 'ack' }),
      resolve: async ({ key }) => this.enqueue(key, { type: 'resolve' }),
      act: async ({ key, action }) => this.enqueue(key, action),
      retryAction: async ({ id }) => {
        await this.outbox.retry(id);
        return {};
      },
      dismissAction: async ({ id }) => {
        await this.outbox.dismiss(id);
        return {};
      },
      refresh: async ({ sourceId }) => {
        await this.scheduler.refresh(sourceId === undefined ? {} : { sourceId, kind: 'incidents' });
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
      updateSettings: async ({ responderName, alarmSound, ackShortcut }) => {
        const attention = alarmSound
          ? { ...this.attentionConfig(), sound: alarmSound }
          : this.settings.attention;
        await this.saveSettings({
          ...this.settings,
          responderName: responderName ?? this.settings.responderName,
          ackShortcut: ackShortcut ?? this.settings.ackShortcut,
          attention,
        });
        this.attention.configChanged();
        return {};
      },
      silenceAlarm: async ({ minutes }) => {
        this.attention.silence(minutes);
        return {};
      },
      unsilenceAlarm: async () => {
        this.attention.unsilence();
        return {};
      },
      sendTestPage: async () => {
        const page = this.testPages.fire();
        this.publish(
          this.store.applySnapshot(page.sourceId, await this.testPages.fetchIncidents()),
        );
        this.emitState();
        return { key: page.key };
      },
      dismissNotice: async ({ id }) => {
        this.notices = this.notices.filter((n) => n.id !== id);
        this.emitState();
        return {};
      },
    };
  }

  /** Writes the action to the outbox, which sends it; the UI follows it through the state. */
  private async enqueue(key: string, action: IncidentAction): Promise<{ actionId: string }> {
    const incident = this.store.get(key);
    if (!incident) throw new Error('That incident is no longer open.');
    if (!this.actorFor(incident.sourceId) || !incident.capabilities[action.type]) {
      throw new Error(`${actionLabel[action.type]} is not available for this incident.`);
    }
    const queued = await this.outbox.enqueue(incident, action);
    if (this.confirmedChange(action)?.status) this.attention.handledLocally(key);
    return { actionId: queued.id };
  }

  /** One attempt at one action, called by the outbox (again after a failure or a restart). */
  private async deliver(entry: JournalEntry, context: ActionContext): Promise<void> {
    const actor = this.actorFor(entry.incident.sourceId);
    if (!actor) throw new SourceError('rejected', 'its source has been removed');
    await withTimeout(this.options.clock, actor.timeoutMs, (signal) =>
      actor.source.act(entry.incident, entry.action, signal, context),
    );
    // Any poll already under way began before the provider saw this action; its answer is stale.
    if (actor.running) actor.running.generation += 1;
    const change = this.confirmedChange(entry.action);
    if (change) this.publish(this.store.update(entry.incident.key, change));
    this.options.log.info(`${entry.action.type} ${entry.incident.key} confirmed by ${actor.name}`);
    if (actor.running) {
      void this.scheduler.refresh({ sourceId: entry.incident.sourceId, kind: 'incidents' });
    }
  }

  /** The source that acts on a source id's incidents: a configured one, or the test pages. */
  private actorFor(sourceId: string) {
    if (sourceId === this.testPages.id) {
      return { source: this.testPages, timeoutMs: 10_000, name: 'test pages', running: undefined };
    }
    const running = this.sources.get(sourceId);
    if (!running) return undefined;
    const { config, source } = running;
    return { source, timeoutMs: config.timeoutSeconds * 1000, name: config.name, running };
  }

  /** What a confirmed action changes in our copy before the next poll says so. */
  private confirmedChange(action: IncidentAction): Partial<Incident> | undefined {
    const now = new Date(this.options.clock.now()).toISOString();
    if (action.type === 'resolve') return { status: 'resolved' };
    if (action.type === 'ack' || action.type === 'silence' || action.type === 'snooze') {
      return { status: 'acknowledged', acknowledgedAt: now };
    }
    return undefined;
  }

  /**
   * The incidents as the responder should see them: an ack or resolve they asked for shows at
   * once, while it is still being sent, and disappears again if the provider refuses it.
   */
  private incidentsWithPendingActions(): Incident[] {
    const pending = new Map(this.outbox.pending().map((a) => [a.incident.key, a.action.type]));
    return this.store.all().flatMap((incident) => {
      const action = pending.get(incident.key);
      if (action === 'resolve') return [];
      if (action === 'ack' && incident.status === 'triggered') {
        return [{ ...incident, status: 'acknowledged' as const }];
      }
      return [incident];
    });
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
        // Reported as resolved so nothing keeps ringing for a source that is gone.
        this.publish(this.store.applySnapshot(running.config.id, []));
        this.store.removeSource(running.config.id);
        this.shifts.delete(running.config.id);
      }
    }
    for (const config of wanted) {
      if (this.sources.get(config.id)) continue;
      const running = await this.sources.start(config);
      this.scheduler.add(config.id, 'incidents', {
        intervalMs: config.pollIntervalSeconds * 1000,
        timeoutMs: config.timeoutSeconds * 1000,
        run: (signal) => this.poll(running, signal),
      });
      if (running.source.fetchShifts) {
        this.scheduler.add(config.id, 'schedule', {
          intervalMs: schedulePollMs,
          timeoutMs: config.timeoutSeconds * 1000,
          run: (signal) => this.pollShifts(running, signal),
        });
      }
    }
    this.emitState();
  }

  private async pollShifts(running: RunningSource, signal: AbortSignal): Promise<void> {
    const since = this.options.clock.now();
    const until = since + scheduleWindowDays * 24 * 60 * 60_000;
    const shifts = await running.source.fetchShifts!({ since, until }, signal);
    if (this.sources.get(running.config.id) !== running) return;
    this.shifts.set(running.config.id, shifts);
    this.attention.myShiftsChanged(this.schedule().myShifts);
  }

  private schedule() {
    return mergeSchedule([...this.shifts.values()].flat(), this.options.clock.now());
  }

  private async poll(running: RunningSource, signal: AbortSignal): Promise<void> {
    const generation = running.generation;
    const incidents = await running.source.fetchIncidents(signal);
    if (this.sources.get(running.config.id) !== running || running.generation !== generation)
      return;
    this.publish(this.store.applySnapshot(running.config.id, incidents));
  }

  private recordPoll(id: string, kind: PollKind, error?: ReturnType<typeof toSourceError>): void {
    if (kind === 'schedule') {
      // A schedule that cannot be read is worth a log line, not a blind source: pages still flow.
      if (error) this.options.log.warn(`${id} schedule: ${error.message}`);
      this.emitState();
      return;
    }
    const running = this.sources.get(id);
    if (!running) return;
    const now = this.options.clock.now();
    if (error) {
      running.health.recordFailure(error, now);
      this.options.log.warn(`${running.config.name}: ${error.message}`);
    } else {
      running.health.recordSuccess(now);
    }
    this.attention.sourcesChanged(this.sources.all().map((r) => this.statusOf(r)));
    this.emitState();
  }

  private publish(events: IncidentEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) {
      this.options.log.info(
        `${event.type} ${event.incident.key}: ${event.incident.title.slice(0, 120)}`,
      );
    }
    this.attention.incidentEvents(events);
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
      nextPollAt: iso(this.scheduler.nextPollAt(config.id, 'incidents')),
      polling: this.scheduler.isPolling(config.id, 'incidents'),
    };
  }

  private viewOf(config: SourceConfig): SourceView {
    return { config, secretsConfigured: this.sources.secretsConfigured(config.id) };
  }

  private attentionConfig() {
    return this.settings.attention ?? defaultAttentionConfig;
  }

  private async saveSettings(settings: Settings): Promise<void> {
    await saveSettings(this.options.settingsPath, settings);
    this.settings = settings;
    this.emitState();
  }

  /** A message for the responder in the window, e.g. that the ack shortcut is taken. */
  addNotice(level: Notice['level'], message: string): void {
    const at = new Date(this.options.clock.now()).toISOString();
    this.notices = [...this.notices, { id: String(this.nextNoticeId++), level, message, at }];
    this.emitState();
  }

  private emitState(): void {
    if (this.stateListeners.size === 0) return;
    const state = this.getState();
    for (const listener of this.stateListeners) listener(state);
  }
}
