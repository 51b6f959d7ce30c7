import type { AppStore } from './types.js';

const none: never[] = [];

export const selectIncidents = (s: AppStore) => s.incidents;

/** The user's pick while it is still open, otherwise the top of the list. */
export const selectSelectedIncident = (s: AppStore) =>
  s.incidents.find((i) => i.key === s.selectedKey) ?? s.incidents[0] ?? null;

export const selectSourceStatuses = (s: AppStore) => s.appState?.sources ?? none;
/** Sources we cannot see right now; an empty list must not look calm while any exist. */
export const selectBlindSourceNames = (s: AppStore) =>
  (s.appState?.sources ?? none)
    .filter((source) => source.health === 'blind')
    .map((source) => source.name);
export const selectNotices = (s: AppStore) => s.appState?.notices ?? none;
export const selectConfiguredSources = (s: AppStore) => s.appState?.settings.sources ?? none;
export const selectDrillIsDefault = (s: AppStore) => s.appState?.settings.drillIsDefault ?? false;
export const selectResponderName = (s: AppStore) => s.appState?.settings.responderName ?? '';

export const selectSourceName = (sourceId: string) => (s: AppStore) =>
  s.appState?.sources.find((source) => source.id === sourceId)?.name ??
  s.appState?.settings.sources.find((source) => source.config.id === sourceId)?.config.name ??
  sourceId;

/** Pending from this window's click until the main side's outbox confirms it. */
export const selectPendingAction = (key: string) => (s: AppStore) =>
  s.inFlight[key] ??
  s.appState?.pendingActions.find((pending) => pending.incidentKey === key)?.action ??
  null;

export const selectActionError = (key: string) => (s: AppStore) => s.actionErrors[key] ?? null;
