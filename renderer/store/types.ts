import type { IncidentTimeline } from '../../electron/common/model/incident-timeline.js';
import type { ReportShift, ShiftReport } from '../../electron/common/model/shift-report.js';
import type { HandoffStatus } from '../../electron/common/model/handoff.js';
import type { StateCreator } from 'zustand';
import type { AlarmSound } from '../../electron/common/alarm-sounds.js';
import type { FastLane } from '../../electron/common/attention-config.js';
import type { AppState } from '../../electron/common/contract/app-state.js';
import type {
  CommandRequest,
  CommandResponse,
  ConnectionTestResult,
} from '../../electron/common/contract/ipc-contract.js';
import type { StatusPageTestResult } from '../../electron/common/contract/status-page-contract.js';
import type {
  RunAllState,
  TerminalInfo,
} from '../../electron/common/contract/terminal-contract.js';
import type { RunbookCandidate, RunbookMatch } from '../../electron/common/model/runbook.js';
import type { IncidentAction, IncidentActionType } from '../../electron/common/model/action.js';
import type { Incident } from '../../electron/common/model/incident.js';
import type { ConnectionStatus } from '../bridge/connection.js';
import type { TerminalScreen } from '../bridge/terminal-link.js';
import type { ConsoleFilters } from '../features/incidents/console-filters.js';
import type { ConsoleCommand } from '../features/incidents/console-shortcuts.js';
import type { SecondaryAction } from '../features/incidents/incident-action-model.js';
import type { AlarmRing } from '../lib/alarm-cue.js';
import type { Failure } from './error-message.js';

export type Page = 'incidents' | 'checks' | 'statuspage' | 'runbooks' | 'schedule' | 'settings';

/** What a settings action tells the form that started it; errors are the main side's words. */
export type Outcome<T = void> = { ok: true; value: T } | Failure;

export type IncidentsSlice = {
  /** The latest state from the main side; null until the first one arrives. */
  appState: AppState | null;
  /** Open incidents of `appState`, in list order. */
  incidents: Incident[];
  applyState(state: AppState): void;
  /**
   * Incident actions resolve to true once the main side's outbox has written the action down
   * (its progress then arrives in `appState.actions`), false when it refused to queue it.
   */
  ack(key: string): Promise<boolean>;
  resolve(key: string): Promise<boolean>;
  act(key: string, action: IncidentAction): Promise<boolean>;
  /** The incident's history at its provider, read now (the detail opening, Refresh). */
  loadTimeline(key: string): Promise<Outcome<IncidentTimeline>>;
  /** Sends a failed action again; failures of these two land in `commandError`. */
  retryAction(id: string): Promise<void>;
  /** Forgets a failed action. */
  dismissAction(id: string): Promise<void>;
  refresh(): Promise<void>;
  /** Polls one source now: the blind banner's Retry. */
  refreshSource(sourceId: string): Promise<void>;
  dismissNotice(id: string): Promise<void>;
};

export type SelectionSlice = {
  /** The incident the user picked; the detail falls back to the first one when null or gone. */
  selectedKey: string | null;
  selectIncident(key: string): void;
  /** Shows this incident from any page: a notification, the tray or a test page asked for it. */
  showIncident(key: string): void;
  /** Shows the incident whose action needs attention most (failed, else pending). */
  openOutbox(): void;
  /** Moves the selection up (-1) or down (+1) the list, clamped; returns the new key. */
  moveSelection(delta: number): string | null;
};

/** A bulk action as it goes: each incident is one command, so each can fail on its own. */
export type BulkProgress = {
  label: string;
  total: number;
  done: number;
  failed: number;
  /** Picked but not actionable (already acknowledged, or the source cannot do it). */
  skipped: number;
  running: boolean;
};

/** The incident console: what the list shows, what is picked for bulk actions, shortcuts. */
export type ConsoleSlice = {
  filters: ConsoleFilters;
  /** Alertmanager sibling sets the responder opened (see incident-groups.ts). */
  expandedSiblings: ReadonlySet<string>;
  /** Incidents picked for a bulk action; separate from `selectedKey`, the one shown. */
  checkedKeys: ReadonlySet<string>;
  /** Where a shift-click range starts: the last incident picked by itself. */
  checkAnchor: string | null;
  bulk: BulkProgress | null;
  /** A keyboard shortcut asked the detail to open this panel; `seq` makes a repeat count. */
  panelRequest: { key: string; type: SecondaryAction; seq: number } | null;
  shortcutsOpen: boolean;
  /** Replaces the filters and remembers them for the next start. */
  setFilters(filters: ConsoleFilters): void;
  toggleSiblings(setId: string): void;
  toggleChecked(key: string): void;
  /** Picks every incident from the anchor to `key`, in the list's order. */
  checkRange(key: string, orderedKeys: readonly string[]): void;
  setChecked(keys: readonly string[]): void;
  /** Sends `action` for each incident that can take it, one outbox entry each. */
  bulkAct(keys: readonly string[], action: IncidentAction, label: string): Promise<void>;
  dismissBulk(): void;
  requestPanel(key: string, type: SecondaryAction): void;
  clearPanelRequest(): void;
  setShortcutsOpen(open: boolean): void;
  /** What a console shortcut does to the store; focus moves are the page's. */
  consoleCommand(command: ConsoleCommand): void;
};

export type UiSlice = {
  page: Page;
  showPage(page: Page): void;
  /** Incident actions sent from this window that the outbox has not yet acknowledged, by key. */
  inFlight: Record<string, IncidentActionType>;
  /** Per incident key, why the last action could not even be queued. */
  actionErrors: Record<string, string>;
  /** A failed refresh, dismiss or retry, shown as a banner. */
  commandError: string | null;
  clearCommandError(): void;
};

export type ConnectionSlice = {
  connection: ConnectionStatus;
  /** Subscribes to the bridge and loads the first state; returns the unsubscribe. */
  start(): () => void;
};

/** Settings commands. Secrets pass through as arguments and are never kept in the store. */
export type SettingsSlice = {
  saveSource(
    mode: 'add' | 'edit',
    request: CommandRequest<'addSource'>,
  ): Promise<Outcome<{ id: string }>>;
  removeSource(id: string): Promise<Outcome>;
  testSource(request: CommandRequest<'addSource'>): Promise<Outcome<ConnectionTestResult>>;
  updateResponderName(responderName: string): Promise<Outcome>;
  updateAlarmSound(alarmSound: AlarmSound): Promise<Outcome>;
  updateFastLane(fastLane: FastLane): Promise<Outcome>;
  /** Minutes before a shift of mine starts that I am reminded (0: never). */
  updateShiftReminderLead(minutes: number): Promise<Outcome>;
  updateAckShortcut(accelerator: string): Promise<Outcome>;
};

/**
 * `playing`: the browser accepted the current alarm's latest ring (it stays so until the alarm
 * ends, like the main side's "sounding"); `blocked`: it refused to play before a click.
 */
export type AlarmPlayback = 'idle' | 'playing' | 'blocked';

export type AttentionSlice = {
  alarmPlayer: {
    state: AlarmPlayback;
    /** The ring this window last answered, so a repeated state push never plays it twice. */
    heard: AlarmRing | null;
  };
  /** A takeover the responder stepped back from with "Open incident"; it stays off until it ends. */
  hiddenTakeover: string | null;
  /** Plays or stops the alarm to match `appState.attention`; applyState calls it. */
  syncAttention(): void;
  /** Plays a ring the browser blocked, now that the user has clicked or typed. */
  retryAlarm(): void;
  /** Plays `sound` once at full volume, whatever the alarm is doing. */
  playTestSound(sound: AlarmSound): Promise<Outcome>;
  /** Mutes the alarm everywhere without acknowledging anything; failures land in commandError. */
  silenceAlarm(minutes: number): Promise<void>;
  unsilenceAlarm(): Promise<void>;
  /** Raises a practice page and shows it. */
  sendTestPage(): Promise<Outcome<{ key: string }>>;
  /** Uncovers the screen to show the takeover's incident; the alarm keeps ringing. */
  openTakeoverIncident(): void;
};

/** The runbook for the selected incident, as far as the panel got. */
export type RunbookPanelState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'failed'; key: string; error: string }
  /** Nothing answers the incident: its link and a draft are in `match`. */
  | { status: 'none'; key: string; match: RunbookMatch }
  /** Equally good runbooks: the responder picks one. */
  | { status: 'choose'; key: string; match: RunbookMatch }
  | {
      status: 'open';
      key: string;
      match: RunbookMatch;
      chosen: RunbookCandidate;
      view: CommandResponse<'renderRunbook'>;
    };

export type TranscriptPreview = CommandResponse<'previewTranscript'>;
export type TranscriptPosted = CommandResponse<'postTranscript'>;

export type RunbookSlice = {
  runbookPanel: RunbookPanelState;
  /** Per incident key, the runbook the responder picked among equally good ones. */
  chosenRunbooks: Record<string, string>;
  /** Why the last step, tick or Run all failed, for the panel. */
  runbookError: string | null;
  runbookLibrary: CommandResponse<'listRunbooks'> | null;
  runbookLibraryError: string | null;
  /** Loads (or reloads, quietly) the runbook for this incident; the panel calls it on selection. */
  showRunbookFor(key: string, quiet?: boolean): Promise<void>;
  chooseRunbook(runbookId: string): Promise<void>;
  /** Back to the choice between equally good runbooks. */
  showRunbookChoice(): void;
  tickChecklistItem(step: string, itemId: string, ticked: boolean): Promise<void>;
  /** Types the step into the incident's terminal; `confirmed` after the dialog of a dangerous one. */
  runStep(step: string, confirmation?: { typed?: string }): Promise<boolean>;
  runAllSteps(): Promise<void>;
  stopRunAll(): Promise<void>;
  createRunbookDraft(): Promise<Outcome<{ path: string }>>;
  loadRunbookLibrary(): Promise<void>;
  previewTranscript(): Promise<Outcome<TranscriptPreview>>;
  postTranscript(text: string): Promise<Outcome<TranscriptPosted>>;
  updateRunbookSettings(request: CommandRequest<'updateRunbookSettings'>): Promise<Outcome>;
  /** Follows runbook progress, library reloads and Run all; returns the unsubscribe. */
  followRunbooks(): () => void;
};

export type TerminalSlice = {
  /** Whether this window may open terminals; null until asked. */
  terminalAccess: { enabled: boolean; reason?: string } | null;
  /** Open terminals by slot: an incident key, or '' for the free terminal. */
  terminals: Record<string, TerminalInfo>;
  /** Why opening a slot's terminal failed. */
  terminalErrors: Record<string, string>;
  /** Run all under way or just ended, by terminal id. */
  runAllStates: Record<string, RunAllState>;
  /** Which terminal the panel shows: the selected incident's, or the free one. */
  terminalTab: 'incident' | 'free';
  showTerminalTab(tab: 'incident' | 'free'): void;
  loadTerminalAccess(): Promise<void>;
  /** The slot's terminal, opened if needed (again if its shell exited); null if it cannot be. */
  openTerminal(slot: string, size?: { cols: number; rows: number }): Promise<TerminalInfo | null>;
  closeTerminal(slot: string): Promise<void>;
  /** The shell of terminal `id` exited; the view says so and offers a new one. */
  terminalExited(id: string, exitCode: number): void;
  /** Shows terminal `id` on `screen` (see terminal-link.ts); returns the undo. */
  linkTerminalView(
    id: string,
    screen: TerminalScreen,
    onError: (message: string) => void,
  ): () => void;
  sendTerminalInput(id: string, data: string, onError: (message: string) => void): void;
  resizeTerminal(id: string, cols: number, rows: number): void;
};

/** Which status-page form is open on the Status page view. */
export type StatusPageForm =
  /** A new public incident: from a paging incident (prefilled), or blank. */
  | { kind: 'declare'; statusPageId?: string; pagingIncidentKey?: string }
  /** A follow-up on an open status-page incident. */
  | { kind: 'update'; statusPageId: string; incidentId: string }
  | { kind: 'maintenance'; statusPageId: string };

type Queued = Outcome<{ writeId: string }>;

export type StatusPageSlice = {
  statusPageForm: StatusPageForm | null;
  /** Opens the form on the Status page view. */
  openStatusPageForm(form: StatusPageForm): void;
  closeStatusPageForm(): void;
  testStatusPage(request: CommandRequest<'testStatusPage'>): Promise<Outcome<StatusPageTestResult>>;
  saveStatusPage(
    mode: 'add' | 'edit',
    request: CommandRequest<'addStatusPage'>,
  ): Promise<Outcome<{ id: string }>>;
  removeStatusPage(id: string): Promise<Outcome>;
  /** Failures of these land in `commandError`. */
  refreshStatusPages(id?: string): Promise<void>;
  declareStatusPageIncident(request: CommandRequest<'declareStatusPageIncident'>): Promise<Queued>;
  updateStatusPageIncident(request: CommandRequest<'updateStatusPageIncident'>): Promise<Queued>;
  resolveStatusPageIncident(request: CommandRequest<'resolveStatusPageIncident'>): Promise<void>;
  scheduleMaintenance(request: CommandRequest<'scheduleMaintenance'>): Promise<Queued>;
  advanceMaintenance(request: CommandRequest<'advanceMaintenance'>): Promise<void>;
  retryStatusPageWrite(id: string): Promise<void>;
  dismissStatusPageWrite(id: string): Promise<void>;
};

/** The Schedule page's commands; covers themselves arrive in `appState.schedule.covers`. */
export type ScheduleSlice = {
  listTeammates(
    sourceId: string,
    scheduleId: string,
  ): Promise<Outcome<CommandResponse<'listTeammates'>>>;
  createCover(request: CommandRequest<'createCover'>): Promise<Outcome<{ coverId: string }>>;
  /** Deletes a cover that has not started, cuts a running one short. */
  removeCover(coverId: string): Promise<Outcome>;
  /** Saves my shifts (or one schedule's) as an .ics file; the outcome says how many went out. */
  exportCalendar(
    scope: CommandRequest<'exportCalendar'>['scope'],
  ): Promise<Outcome<{ fileName: string; events: number }>>;
  /** Opens the schedule's live feed (webcal) in the system's calendar app. */
  subscribeToFeed(sourceId: string, scheduleId: string): Promise<Outcome>;
  /** Puts the feed's address, a secret, on the clipboard. */
  copyFeedAddress(sourceId: string, scheduleId: string): Promise<Outcome>;
  /** The shift whose cover form "I need cover" in the tray asked to open, until it opens. */
  coverAskedFor: CoverTarget | null;
  askForCover(target: CoverTarget | null): void;
  listReportShifts(): Promise<Outcome<ReportShift[]>>;
  loadShiftReport(shift: ReportShift): Promise<Outcome<ShiftReport>>;
  /** Copies the report, watch items included, to the clipboard as Markdown. */
  copyShiftReport(report: ShiftReport, watchItems: string): Promise<Outcome>;
  /** Saves it as a Markdown file; the outcome names the file. */
  saveShiftReport(report: ShiftReport, watchItems: string): Outcome<{ fileName: string }>;
  /** Posts it as a note on every still-open incident that takes notes, through the outbox. */
  postShiftReport(
    report: ShiftReport,
    watchItems: string,
  ): Promise<Outcome<{ queued: number; failed: string[] }>>;
  /** Reads the open incidents' notes for reports from others and acknowledgements of mine. */
  loadHandoffStatus(): Promise<Outcome<HandoffStatus>>;
  /** Posts "handoff acknowledged" on the incidents carrying the report, once. */
  acknowledgeHandoff(reportId: string): Promise<Outcome<CommandResponse<'acknowledgeHandoff'>>>;
};

type CoverTarget = { sourceId: string; scheduleId: string; start: string };

export type AppStore = IncidentsSlice &
  StatusPageSlice &
  SelectionSlice &
  ConsoleSlice &
  UiSlice &
  ConnectionSlice &
  SettingsSlice &
  AttentionSlice &
  RunbookSlice &
  TerminalSlice &
  ScheduleSlice &
  ChecksSlice;

/** What the Checks page asks of the main side; the checks themselves arrive in the state. */
export type ChecksSlice = {
  /** Adds a local check (no `checkId`) or replaces the one with `checkId`. */
  saveCheck(request: CommandRequest<'saveCheck'>): Promise<Outcome<{ checkId: string }>>;
  removeCheck(sourceId: string, checkId: string): Promise<Outcome>;
  /** Probes now; the outcome is that probe's one line. */
  runCheck(sourceId: string, checkId: string): Promise<Outcome<CommandResponse<'runCheck'>>>;
};

export type SliceCreator<T> = StateCreator<AppStore, [['zustand/devtools', never]], [], T>;
