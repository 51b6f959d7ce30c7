import { dirname, join } from 'node:path';
import type { AppState, Notice } from '../common/contract/app-state.js';
import type {
  Caller,
  CommandHandlers,
  EventPayload,
  ViewerEventSink,
} from '../common/contract/ipc-contract.js';
import type { StateChange, StateSnapshot } from '../common/contract/state-changes.js';
import { createEmitter, type Emitter } from '../common/emitter.js';
import { defaultAttentionConfig } from '../common/attention-config.js';
import { AttentionCenter, type DesktopAttention } from './attention/attention-center.js';
import { decideRing, ringPolicyOf } from './attention/ring-policy.js';
import { createCommandHandlers } from './commands/command-handlers.js';
import { AppStateProjector } from './engine/app-state-projector.js';
import { IncidentActions } from './engine/incident-actions.js';
import { IncidentFeed } from './engine/incident-feed.js';
import { MigrationTwins } from './engine/migration-twins.js';
import type { IncidentEvent } from '../common/model/incident-event.js';
import type { Incident } from '../common/model/incident.js';
import { NoticeBoard } from './engine/notice-board.js';
import { ScheduleBook } from './engine/schedule-book.js';
import { CalendarFeeds } from './schedule/calendar-feeds.js';
import { CoverDesk } from './schedule/cover-desk.js';
import { SourceSupervisor } from './engine/source-supervisor.js';
import { systemClock, type Clock } from './ports/clock.js';
import { consoleLog, type Log } from './ports/log.js';
import type { Notifier } from './ports/notifier.js';
import type { SecretStore } from './ports/secret-store.js';
import { LiveSettings } from './settings/live-settings.js';
import { loadSettings } from './settings/settings-file.js';
import { SourceRegistry } from './engine/source-registry.js';
import { createSource } from './sources/create-source.js';
import type { Source } from './sources/source.js';
import type { SourceFactory } from './sources/source-factory.js';
import { LocalAckStore } from './sources/local-ack-store.js';
import { TestPageSource } from './sources/test-page/test-page-source.js';
import { ViewerHub } from './engine/viewer-hub.js';
import { expandHome } from './files/home-path.js';
import type { PtyHost } from './ports/pty-host.js';
import { RunAll } from './workbench/run-all.js';
import { RunbookDesk } from './workbench/runbook-desk.js';
import { runbookFolders } from './runbooks/runbook-folders.js';
import { RunbookLibrary } from './runbooks/runbook-library.js';
import { RunbookProgressStore } from './runbooks/runbook-progress-store.js';
import { RunbookTranscripts } from './workbench/runbook-transcripts.js';
import type { Settings } from './settings/settings-schema.js';
import { nodePtyHost } from './terminal/node-pty-host.js';
import { TerminalService } from './terminal/terminal-service.js';
import { practiceStatusPage } from './statuspage/practice-page.js';
import { StatusPageService } from './statuspage/status-page-service.js';
import { drillDescriptor } from '../common/providers/drill.js';
import { ShiftLog } from './handoff/shift-log.js';
import { ShiftReports } from './handoff/shift-reports.js';
import { checkShiftStart } from './handoff/shift-start-check.js';
import { readProviderSilences } from './handoff/provider-silences.js';
import { HandoffNotes } from './handoff/handoff-notes.js';
import { IncidentTimelines } from './engine/incident-timelines.js';
import { providerOf } from '../common/providers/index.js';
import type { Shift } from '../common/model/shift.js';
import { withTimeout } from './engine/with-timeout.js';

/** How often at most the Checks page is rebuilt while probes come back. */
const checksRefreshMs = 1000;

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
  /** The app's own folder: the drill's runbooks ship in its assets/. Without it, none are shipped. */
  appRoot?: string;
  /** Runbook folders are watched for edits unless this is false. */
  watchRunbooks?: boolean;
  terminal?: {
    /** `--allow-terminal`: browser-host pages may open terminals whatever the settings say. */
    allowInBrowserHost?: boolean;
    /** node-pty by default. */
    ptyHost?: PtyHost;
    /** The environment shells start from; this process's by default. */
    env?: Readonly<Record<string, string | undefined>>;
  };
}

interface Rooms {
  ackStore: LocalAckStore;
  projector: AppStateProjector;
  feed: IncidentFeed;
  supervisor: SourceSupervisor;
  actions: IncidentActions;
  attention: AttentionCenter;
  schedule: ScheduleBook;
  covers: CoverDesk;
  notices: NoticeBoard;
  opened: Emitter<string>;
  hub: ViewerHub;
  library: RunbookLibrary;
  progress: RunbookProgressStore;
  terminals: TerminalService;
  statusPages: StatusPageService;
  shiftLog: ShiftLog;
}

/**
 * The Electron-free heart of Onwatch, as the shell and the browser host see it. It only wires
 * the rooms together: the source supervisor polls, the incident feed announces, the attention
 * center escalates, incident actions go through the outbox, the projector turns all of it into
 * state and changes, and the command handlers implement the contract.
 */
export class OnwatchCore {
  private constructor(
    private readonly rooms: Rooms,
    readonly handlers: CommandHandlers,
  ) {}

  static async start(options: CoreOptions): Promise<OnwatchCore> {
    const clock = options.clock ?? systemClock;
    const log = options.log ?? consoleLog;
    const random = options.random ?? Math.random;
    const loaded = await loadSettings(options.settingsPath, { log, now: () => clock.now() });
    const settings = new LiveSettings(options.settingsPath, loaded.settings);
    const notices = new NoticeBoard(clock);
    if (loaded.notice) notices.add('warning', loaded.notice);
    const shiftLog = await ShiftLog.open({
      path: join(dirname(options.settingsPath), 'shift-log.jsonl'),
      clock,
      log,
    });
    const feed = new IncidentFeed(log);
    const schedule = new ScheduleBook(clock, options.timeZone);
    const calendarFeeds = new CalendarFeeds(options.secrets, log);
    const testPages = new TestPageSource(clock);
    const ackStore = await LocalAckStore.open({
      path: join(dirname(options.settingsPath), 'monitor-acks.json'),
      clock,
      log,
    });
    const registry = new SourceRegistry({
      clock,
      secrets: options.secrets,
      log,
      responderName: () => settings.current.responderName,
      createSource: options.createSource ?? createSource,
      checksChanged: () => checksChanged(),
      ackStore,
    });

    // A hundred checks come back a few times a second between them; the Checks page is read
    // again at most once a second, so the window gets one change for all of them.
    let checksMarked = false;
    const checksChanged = () => {
      if (checksMarked) return;
      checksMarked = true;
      clock.setTimeout(() => {
        checksMarked = false;
        projector.partChanged('checks');
      }, checksRefreshMs);
    };

    // The parts are read only after `projector.start()`, when every room below exists.
    const projector: AppStateProjector = new AppStateProjector({
      incident: (key) => {
        const incident = feed.get(key);
        return incident && actions.shown(incident);
      },
      incidents: () => feed.all().flatMap((incident) => actions.shown(incident) ?? []),
      sources: () => supervisor.statuses(),
      actions: () => actions.views(),
      schedule: () => ({
        ...schedule.view(),
        covers: covers.views(),
        calendarFeeds: calendarFeeds.list(),
      }),
      attention: () => attention.read(),
      notices: () => notices.list(),
      settings: () =>
        settings.publicView(
          (id) => registry.secretsConfigured(id),
          (id) => statusPages.connections.keyConfigured(id),
        ),
      statusPages: () => statusPages.state(),
      checks: () => registry.all().flatMap(({ source }) => source.checks?.() ?? []),
    });
    const opened = createEmitter<string>();
    const onCall = () => schedule.view().onCallNow.some((shift) => shift.isMe);
    const attention: AttentionCenter = new AttentionCenter({
      clock,
      log,
      timeZone: options.timeZone,
      config: () => settings.current.attention,
      ringOf: (incident) => {
        const source = settings.wantedSources().find((s) => s.id === incident.sourceId);
        return decideRing(incident, ringPolicyOf(source), onCall());
      },
      notifier: options.notifier,
      desktop: options.desktop,
      intervalOf: (id) => supervisor.intervalOf(id),
      ack: (key) => actions.enqueue(key, { type: 'ack' }),
      openIncident: (key) => opened.emit(key),
      sourceName: (id) => supervisor.statuses().find((source) => source.id === id)?.name,
      onChange: () => projector.partChanged('attention'),
      shiftStarted: (shift) => shiftStartNotice(shift),
      shiftEnded: (shift) => {
        reports
          .shiftEnded(shift)
          .catch((error: unknown) => log.error(`shift report: ${String(error)}`));
      },
    });
    const fastLane = () => {
      const mode = (settings.current.attention ?? defaultAttentionConfig).fastLane;
      return mode === 'always' || (mode === 'on-call' && onCall());
    };
    const twins = new MigrationTwins(
      (id) => settings.wantedSources().find((source) => source.id === id)?.kind,
      (id, incidents) => feed.applySnapshot(id, incidents),
    );
    const supervisor: SourceSupervisor = new SourceSupervisor({
      clock,
      log,
      random,
      registry,
      fastLane,
      hooks: {
        incidents: (sourceId, incidents) => {
          twins.snapshot(sourceId, incidents);
          // A hosted monitor's checks are what its poll just read.
          projector.partChanged('checks');
        },
        shifts: (sourceId, shifts, feeds) => {
          schedule.set(sourceId, shifts);
          if (!feeds) return;
          calendarFeeds
            .record(sourceId, feeds)
            .catch((error: unknown) => log.error(`calendar feeds: ${String(error)}`));
        },
        stopped: (sourceId, restarting) => {
          projector.partChanged('checks');
          if (restarting) return;
          feed.dropSource(sourceId);
          twins.forget(sourceId);
          schedule.remove(sourceId);
          void calendarFeeds.forget(sourceId);
        },
        healthChanged: () => {
          attention.sourcesChanged(supervisor.statuses());
          shiftLog.sourcesChanged(supervisor.statuses());
        },
        recovered: (sourceId) => actions.sourceRecovered(sourceId),
        statusChanged: () => projector.partChanged('sources'),
      },
    });
    const actions: IncidentActions = await IncidentActions.open({
      path: options.outboxPath ?? join(dirname(options.settingsPath), 'outbox.jsonl'),
      clock,
      log,
      random,
      feed,
      supervisor,
      testPages,
      attention,
      changed: (keys) => {
        projector.incidentsChanged(keys);
        projector.partChanged('actions');
      },
      confirmed: (entry) => shiftLog.actionConfirmed(entry, settings.current.responderName),
    });

    const dataDir = dirname(options.settingsPath);
    const drillSourceIds = () =>
      new Set(
        settings
          .wantedSources()
          .filter((source) => source.kind === drillDescriptor.kind)
          .map((source) => source.id),
      );
    const statusPages = await StatusPageService.open({
      clock,
      log,
      random,
      secrets: options.secrets,
      dataDir,
      notifier: options.notifier,
      // While the drill plays, its practice page is there to rehearse on; it writes nowhere.
      configs: () => {
        const configured = settings.current.statusPages;
        const practice =
          drillSourceIds().size > 0 && !configured.some((p) => p.id === practiceStatusPage.id);
        return practice ? [...configured, practiceStatusPage] : configured;
      },
      openIncidents: () => feed.unordered(),
      practiceSourceIds: drillSourceIds,
      openIncident: (key) => opened.emit(key),
      onChange: () => {
        projector.partChanged('statusPages');
        logStatusPageWrites();
      },
    });
    const covers = await CoverDesk.open({
      journalPath: join(dataDir, 'cover-outbox.jsonl'),
      coversPath: join(dataDir, 'covers.json'),
      clock,
      log,
      random,
      coverageOf: (sourceId) => {
        const running = supervisor.get(sourceId);
        const coverage = running?.source.coverage;
        return coverage && { coverage, timeoutMs: running.config.timeoutSeconds * 1000 };
      },
      schedule: () => schedule.view(),
      pollShiftsSoon: (sourceId) => supervisor.pollShiftsSoon(sourceId),
      onChange: () => projector.partChanged('schedule'),
    });
    // As the window shows them: an ack on its way counts as done.
    const openNow = () => feed.all().flatMap((incident) => actions.shown(incident) ?? []);
    const sourceName = (id: string) =>
      supervisor.statuses().find((source) => source.id === id)?.name ?? id;
    const reports = new ShiftReports({
      shiftLog,
      clock,
      log,
      timeZone: options.timeZone,
      responderName: () => settings.current.responderName,
      schedule: () => schedule.view(),
      openIncidents: openNow,
      sourceName,
      covers: () => covers.views(),
      maintenances: () => {
        const pages = statusPages.state().pages;
        if (pages.length === 0) return undefined;
        return pages.flatMap((page) =>
          [...(page.view?.activeMaintenances ?? []), ...(page.view?.upcomingMaintenances ?? [])]
            .filter((m) => m.scheduledUntil !== undefined)
            .map((m) => ({
              title: `${m.name} (${page.name})`,
              endsAt: Date.parse(m.scheduledUntil!),
            })),
        );
      },
      providerSilences: () => readProviderSilences(registry.all(), clock),
      dir: join(dataDir, 'shift-reports'),
      notify:
        options.notifier && ((notice) => options.notifier?.show({ ...notice, urgency: 'normal' })),
    });
    /** A running source's optional read, bound to it and given the source's own timeout. */
    const onDemandRead = <T>(
      sourceId: string,
      method: (
        source: Source,
      ) => ((incident: Incident, signal: AbortSignal) => Promise<T>) | undefined,
    ) => {
      const running = supervisor.get(sourceId);
      const read = running && method(running.source)?.bind(running.source);
      return read && { read, timeoutMs: running.config.timeoutSeconds * 1000 };
    };
    const handoff = new HandoffNotes({
      clock,
      log,
      openIncidents: openNow,
      notesReader: (sourceId) => onDemandRead(sourceId, (source) => source.readNotes),
      sourceName,
      responderName: () => settings.current.responderName,
      entries: () => shiftLog.entries(),
      actions: () => actions.views(),
      enqueueNote: (key, text) => actions.enqueue(key, { type: 'note', text }),
    });
    const timelines = new IncidentTimelines({
      clock,
      incident: (key) => feed.get(key),
      timelineReader: (sourceId) => onDemandRead(sourceId, (source) => source.readTimeline),
      providerName: (sourceId) => {
        const kind = supervisor.get(sourceId)?.config.kind;
        return kind && providerOf(kind).label;
      },
    });
    // A notice that says "on call" only once every source has answered with its credential.
    // The shift start is when the incoming responder reads the notes for a report to them.
    const shiftStartNotice = async (shift: Shift) => {
      const [notice, waiting] = await Promise.all([
        shiftStartCheck(shift),
        handoff.waitingForMe().catch((error: unknown) => {
          log.warn(`handoff: reading notes at shift start: ${String(error)}`);
          return undefined;
        }),
      ]);
      return waiting ? { ...notice, body: `${notice.body} ${waiting}` } : notice;
    };
    const shiftStartCheck = (shift: Shift) =>
      checkShiftStart({
        shift,
        sources: supervisor.statuses(),
        testCredential: async (id) => {
          const running = supervisor.get(id);
          if (!running) throw new Error('it is not running');
          await withTimeout(clock, running.config.timeoutSeconds * 1000, (signal) =>
            running.source.testConnection(signal),
          );
        },
        openIncidents: openNow,
        timeZone: options.timeZone,
      });
    const logStatusPageWrites = () => {
      const state = statusPages.state();
      shiftLog.statusPageWrites(
        state.writes,
        (id) => state.pages.find((page) => page.id === id)?.name ?? id,
      );
    };
    const hub = new ViewerHub();
    const foldersOf = (current: Settings) =>
      runbookFolders({
        appRoot: options.appRoot,
        dataDir,
        userFolders: current.runbookFolders?.map((folder) => ({
          ...folder,
          path: expandHome(folder.path),
        })),
      });
    const library = await RunbookLibrary.open({
      folders: foldersOf(settings.current),
      log,
      clock,
      watch: options.watchRunbooks,
    });
    const progress = await RunbookProgressStore.open({
      path: join(dataDir, 'runbook-progress.json'),
      clock,
      log,
    });
    const terminals = new TerminalService({
      clock,
      log,
      hub,
      integrationDir: join(dataDir, 'shell-integration'),
      settings: () => settings.current.terminal ?? {},
      allowInBrowserHost: options.terminal?.allowInBrowserHost,
      ptyHost: () => options.terminal?.ptyHost ?? nodePtyHost(),
      env: options.terminal?.env,
    });
    const incidentOf = (key: string) => feed.get(key);
    const desk = new RunbookDesk({ library, progress, terminals, incident: incidentOf });
    const runAll = new RunAll({
      desk,
      terminals,
      clock,
      report: (state) =>
        terminals.sendToViewers(state.id, (viewer) => hub.sendTo(viewer, 'terminalRunAll', state)),
    });
    terminals.beforeClose(async (info) => runAll.stop(info.id));
    const transcripts = new RunbookTranscripts({
      desk,
      library,
      progress,
      terminals,
      clock,
      incident: incidentOf,
      sourceName: (id) => supervisor.statuses().find((source) => source.id === id)?.name ?? id,
      enqueueNote: (key, text) => actions.enqueue(key, { type: 'note', text }),
      dir: join(dataDir, 'transcripts'),
    });
    progress.onChange((change) => hub.broadcast('runbookProgress', change));
    library.onChange(() => hub.broadcast('runbooksChanged', {}));
    let folders = JSON.stringify(foldersOf(settings.current));
    settings.changed.on(() => {
      const next = foldersOf(settings.current);
      if (JSON.stringify(next) === folders) return;
      folders = JSON.stringify(next);
      library
        .setFolders(next)
        .catch((error: unknown) => log.error(`runbooks: reading folders failed: ${String(error)}`));
    });

    feed.events.on((events) => attention.incidentEvents(events));
    feed.events.on((events) => shiftLog.incidentEvents(events));
    feed.events.on(() => statusPages.pagingIncidentsChanged());
    feed.events.on((events) => projector.incidentsChanged(events.map((e) => e.incident.key)));
    // Going on or off call can start or stop "only while I am on call" sources ringing.
    let wasOnCall = onCall();
    schedule.changed.on(() => {
      projector.partChanged('schedule');
      covers.scheduleChanged().catch((error: unknown) => log.error(`covers: ${String(error)}`));
      attention.myShiftsChanged(schedule.view().myShifts);
      shiftLog.myShifts(schedule.view().myShifts);
      if (onCall() !== wasOnCall) {
        wasOnCall = onCall();
        attention.configChanged();
        supervisor.fastLaneChanged();
      }
    });
    calendarFeeds.changed.on(() => projector.partChanged('schedule'));
    notices.changed.on(() => projector.partChanged('notices'));
    settings.changed.on(() => {
      projector.partChanged('settings');
      // Adding a source can end the drill, and with it the practice page.
      void statusPages.reconcile();
      // Attention settings and each source's "Ring for" apply at once, without a restart.
      attention.configChanged();
      supervisor.fastLaneChanged();
    });

    // Starting a source reads its secrets, which is what the settings say about them.
    const reconcile = async (restart?: ReadonlySet<string>) => {
      await supervisor.reconcile(settings.wantedSources(), restart);
      ackStore.keepSources(new Set(settings.wantedSources().map((source) => source.id)));
      projector.partChanged('settings');
    };
    const handlers = createCommandHandlers({
      clock,
      settings,
      registry,
      supervisor,
      reconcile,
      actions,
      feed,
      testPages,
      attention,
      notices,
      desk,
      transcripts,
      terminals,
      runAll,
      statusPages,
      schedule,
      covers,
      reports,
      calendarFeeds,
      handoff,
      timelines,
    });
    const core = new OnwatchCore(
      {
        ackStore,
        projector,
        feed,
        supervisor,
        actions,
        attention,
        schedule,
        covers,
        notices,
        opened,
        hub,
        library,
        progress,
        terminals,
        statusPages,
        shiftLog,
      },
      handlers,
    );
    await reconcile();
    await statusPages.start();
    projector.start();
    actions.resume();
    covers.resume();
    return core;
  }

  /** The whole state now, for in-process readers (the tray, the shortcut). */
  getState(): AppState {
    return this.rooms.projector.getState();
  }

  /** The whole state and the number of the last change sent: what a window starts from. */
  getSnapshot(): StateSnapshot {
    return this.rooms.projector.getSnapshot();
  }

  /** What a window sees change, at most once per turn; `seq` grows by one per change. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.rooms.projector.onStateChange(listener);
  }

  /** The whole state after it changed, at most once per turn, for in-process consumers. */
  onStateChanged(listener: (state: AppState) => void): () => void {
    return this.rooms.projector.onStateChanged(listener);
  }

  /**
   * Asks every window to show this incident (a notification or the tray was clicked). The shell
   * also brings its window up.
   */
  openIncident(key: string): void {
    this.rooms.opened.emit(key);
  }

  /** Asks every window to open the cover form for this shift of mine ("I need cover"). */
  openCover(shift: EventPayload<'openCover'>): void {
    this.rooms.hub.broadcast('openCover', shift);
  }

  onOpenIncident(listener: (key: string) => void): () => void {
    return this.rooms.opened.on(listener);
  }

  /** New, changed and resolved incidents, each reported exactly once. */
  onIncidentEvents(listener: (events: IncidentEvent[]) => void): () => void {
    return this.rooms.feed.events.on(listener);
  }

  /**
   * A window connected: its own events go to `send` (the terminals it attached to, runbook
   * progress). The undo, on close or reload, lets go of whatever it held.
   */
  connectViewer(caller: Caller, send: ViewerEventSink): () => void {
    return this.rooms.hub.connect(caller, send);
  }

  /** A message for the responder in the window, e.g. that the ack shortcut is taken. */
  addNotice(level: Notice['level'], message: string): void {
    this.rooms.notices.add(level, message);
  }

  async stop(): Promise<void> {
    const { projector, schedule, covers, attention, actions, supervisor, feed, opened } =
      this.rooms;
    const { hub, library, progress, terminals, statusPages } = this.rooms;
    // Shells first: each one's transcripts are saved as it closes.
    await terminals.dispose();
    hub.clear();
    library.close();
    await progress.close();
    projector.stop();
    schedule.stop();
    // Before the attention center, which lets go of the notifier its reminders use.
    await statusPages.stop();
    attention.stop();
    supervisor.stop();
    await actions.stop();
    await covers.stop();
    await this.rooms.shiftLog.stop();
    await this.rooms.ackStore.flush();
    feed.events.clear();
    opened.clear();
  }
}
