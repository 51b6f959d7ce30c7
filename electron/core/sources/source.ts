import type {
  ActionContext,
  IncidentAction,
  IncidentActionType,
} from '../../common/model/action.js';
import type { CheckView } from '../../common/contract/checks-state.js';
import type { Incident } from '../../common/model/incident.js';
import type { TimelineEntry } from '../../common/model/incident-timeline.js';
import type { Shift } from '../../common/model/shift.js';
import type { CoverageProvider } from './coverage.js';
import type { PollReport } from './poll-report.js';

export type { IncidentAction };

export interface ConnectionReport {
  /** One line for the settings form, e.g. "Alertmanager 0.25.0, cluster ready, 3 alerts". */
  summary: string;
  /** Who the credential belongs to, where the provider can tell. */
  identity?: string;
  /** What this credential may do, where the provider can tell (a read-only key: none). */
  allowedActions?: IncidentActionType[];
}

/** How a "Run now" probe went, in one line. */
export interface CheckRunOutcome {
  ok: boolean;
  summary: string;
}

/**
 * A schedule's live iCalendar feed at the provider, which calendars subscribe to. Whoever has
 * the address can read the schedule: it is a secret, kept only in the keychain.
 */
export interface CalendarFeed {
  /** `webcal://`: what the system's calendar app subscribes to. */
  webcalUrl: string;
  /** The same feed over `https://`, for a calendar's "add by URL". */
  httpsUrl?: string;
}

/** A silence (or maintenance window) in force or pending at the provider, however it was made. */
export interface ProviderSilence {
  id: string;
  /** What it mutes, as the provider's own UI writes it. */
  matchers: string;
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
  /** When Onwatch made it: the start of the id of the outbox action that did. */
  onwatchRef?: string;
}

/** A note on an incident, as the provider keeps it. */
export interface IncidentNote {
  content: string;
  createdAt?: string;
  /** Who wrote it, as the provider names them. */
  author?: string;
}

/** What happened to one incident, as the provider tells it; `partial` says what was not read. */
export interface SourceTimeline {
  /** Oldest first. */
  entries: TimelineEntry[];
  partial?: string;
}

export interface TimeWindow {
  since: number;
  until: number;
}

/**
 * A paging provider as the engine sees it. Methods throw SourceError on failure;
 * `signal` carries the engine's per-request timeout.
 */
export interface Source {
  readonly id: string;
  /**
   * Every open (triggered or acknowledged) incident the responder should see, right now. What
   * the poll had to work around (items it could not read, a list cut short) goes to `report`;
   * only an answer unusable as a whole throws.
   */
  fetchIncidents(signal: AbortSignal, report?: PollReport): Promise<Incident[]>;
  /**
   * Performs one action. Resolves only once the provider has confirmed it; an action that had
   * already happened (acking an acked incident) counts as confirmed. Throws SourceError
   * `rejected` when the provider definitively refuses it.
   */
  act(
    incident: Incident,
    action: IncidentAction,
    signal: AbortSignal,
    context: ActionContext,
  ): Promise<void>;
  testConnection(signal: AbortSignal): Promise<ConnectionReport>;
  /** Who is on call when, for the schedules and policies that concern the responder. */
  fetchShifts?(window: TimeWindow, signal: AbortSignal): Promise<Shift[]>;
  /** The live feeds of the schedules the last `fetchShifts` read, by schedule id. */
  calendarFeeds?(): ReadonlyMap<string, CalendarFeed>;
  /**
   * Silences in force or still to start, however made. Read for the shift report, not on the
   * poll path: a list of every silence is more than a poll needs.
   */
  fetchSilences?(signal: AbortSignal): Promise<ProviderSilence[]>;
  /**
   * The notes on one open incident, oldest first, where the provider keeps them and Onwatch
   * can read them. Read for the handoff (shift reports and their acknowledgements), on demand.
   */
  readNotes?(incident: Incident, signal: AbortSignal): Promise<IncidentNote[]>;
  /**
   * The incident's history where the provider keeps one, read when the responder opens the
   * incident, never on the poll path. Throws SourceError, in words, when none could be read.
   */
  readTimeline?(incident: Incident, signal: AbortSignal): Promise<SourceTimeline>;
  /** Overrides from the desktop, where the provider and the key allow them. */
  readonly coverage?: CoverageProvider;
  /**
   * The next poll reads everything afresh, where a source polled in its fast lane would
   * otherwise only look for a change: an action landed, or the responder asked.
   */
  readAfresh?(): void;
  /** The checks a monitor or probe source holds, as last seen, for the Checks page. */
  checks?(): CheckView[];
  /**
   * Probes one of its checks now, outside its schedule (joining a probe already running), and
   * answers once it is recorded. Throws SourceError `rejected` for a check it does not have.
   */
  runCheck?(checkId: string): Promise<CheckRunOutcome>;
  dispose?(): void;
}
