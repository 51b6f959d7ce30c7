import { fallbackAlarmSound } from '../lib/alarm-sounds.js';
import { selectIncidentRows } from './console-selectors.js';
import { lastOf } from './last-of.js';
import type { AppStore } from './types.js';

const none: never[] = [];

export const selectIncidents = (s: AppStore) => s.incidents;

/**
 * The user's pick while it is still open (even if the filters hide it: a notification may have
 * asked for it), otherwise the top of the list as filtered.
 */
export const selectSelectedIncident = (s: AppStore) =>
  (s.selectedKey === null ? undefined : s.incidents.find((i) => i.key === s.selectedKey)) ??
  selectIncidentRows(s)[0]?.incident ??
  null;

export const selectSourceStatuses = (s: AppStore) => s.appState?.sources ?? none;
/** Sources we cannot see right now; an empty list must not look calm while any exist. */
export const selectBlindSourceNames = (s: AppStore) =>
  (s.appState?.sources ?? none)
    .filter((source) => source.health === 'blind')
    .map((source) => source.name);
/** The blind sources themselves, for the banner that names each and why. */
export const selectBlindSources = (s: AppStore) =>
  (s.appState?.sources ?? none).filter((source) => source.health === 'blind');
export const selectNotices = (s: AppStore) => s.appState?.notices ?? none;
export const selectConfiguredSources = (s: AppStore) => s.appState?.settings.sources ?? none;
export const selectDrillIsDefault = (s: AppStore) => s.appState?.settings.drillIsDefault ?? false;
export const selectResponderName = (s: AppStore) => s.appState?.settings.responderName ?? '';

export const selectSourceName = (sourceId: string) => (s: AppStore) =>
  s.appState?.sources.find((source) => source.id === sourceId)?.name ??
  s.appState?.settings.sources.find((source) => source.config.id === sourceId)?.config.name ??
  sourceId;

export const selectActions = (s: AppStore) => s.appState?.actions ?? none;

/** Every action the outbox tracks for one incident, oldest first. Use with useShallow. */
export const selectIncidentActions = (key: string) => (s: AppStore) =>
  selectActions(s).filter((action) => action.incidentKey === key);

/** Pending and failed actions whose incident is no longer on the list. Use with useShallow. */
export const selectOrphanActions = (s: AppStore) =>
  selectActions(s).filter(
    (action) => action.state !== 'done' && !s.incidents.some((i) => i.key === action.incidentKey),
  );

/** What an incident row flags: a failed action outranks a pending one. */
export const selectOutboxState = (key: string) => (s: AppStore) => {
  const states = selectActions(s)
    .filter((action) => action.incidentKey === key)
    .map((action) => action.state);
  return states.includes('failed') ? 'failed' : states.includes('pending') ? 'pending' : null;
};

/** Action types that must not be sent twice: queued by this window or pending in the outbox. */
export const selectBusyActionTypes = (key: string) => (s: AppStore) => [
  ...(s.inFlight[key] ? [s.inFlight[key]] : []),
  ...selectActions(s)
    .filter((action) => action.incidentKey === key && action.state === 'pending')
    .map((action) => action.action.type),
];

export const selectActionError = (key: string) => (s: AppStore) => s.actionErrors[key] ?? null;

export const selectSchedule = (s: AppStore) => s.appState?.schedule ?? null;
export const selectOnCallNow = (s: AppStore) => s.appState?.schedule.onCallNow ?? none;
export const selectMyShifts = (s: AppStore) => s.appState?.schedule.myShifts ?? none;
export const selectHandoffs = (s: AppStore) => s.appState?.schedule.handoffs ?? none;

/** The incident by key, open or not: a takeover may outlive its place in the list. */
export const selectIncidentByKey = (key: string) => (s: AppStore) =>
  s.appState?.incidents.find((i) => i.key === key) ?? null;

/** The incident's escalation rung; null once it is off the ladder. */
export const selectStage = (key: string) => (s: AppStore) =>
  s.appState?.attention.stages[key] ?? null;

/**
 * Whether a triggered page rings and why, per its source's "Ring for" setting; null for one that
 * is not waiting on anyone. Use with useShallow.
 */
export const selectRing = (key: string) => (s: AppStore) => s.appState?.attention.ring[key] ?? null;

export const selectSilencedUntil = (s: AppStore) => s.appState?.attention.silencedUntil ?? null;

const loudStages = new Set(['critical', 'repeating', 'takeover']);

// A storm has a stage per incident; they are looked through when they change, not on every push.
const anyStageLoud = lastOf((stages: NonNullable<AppStore['appState']>['attention']['stages']) =>
  Object.values(stages).some((stage) => loudStages.has(stage.stage)),
);

/** Whether there is noise a Silence button could stop, now or at the next ring. */
export const selectAlarmIsLoud = (s: AppStore) => {
  const attention = s.appState?.attention;
  if (!attention) return false;
  return attention.alarm !== null || anyStageLoud(attention.stages);
};

/** The incident covering the screen, unless the responder stepped back to its detail. */
export const selectTakeoverKey = (s: AppStore) => {
  const key = s.appState?.attention.takeover ?? null;
  return key !== s.hiddenTakeover ? key : null;
};

export const selectAckShortcut = (s: AppStore) => s.appState?.settings.ackShortcut;
export const selectFastLane = (s: AppStore) => s.appState?.settings.fastLane ?? 'on-call';
export const selectShiftReminderLead = (s: AppStore) =>
  s.appState?.settings.shiftReminderLeadMinutes ?? 30;

export const selectAlarmSound = (s: AppStore) =>
  s.appState?.settings.alarmSound ?? fallbackAlarmSound;

/** Covers made from Onwatch, as the main side last sent them. */
export const selectCovers = (s: AppStore) => s.appState?.schedule.covers ?? none;
/** The schedules with a live feed at their provider (which, never the address). */
export const selectCalendarFeeds = (s: AppStore) => s.appState?.schedule.calendarFeeds ?? none;
