import type { AppStore } from './types.js';

const none: never[] = [];

export const selectStatusPages = (s: AppStore) => s.appState?.statusPages.pages ?? none;
export const selectStatusPageSettings = (s: AppStore) => s.appState?.settings.statusPages ?? none;
export const selectStatusPageReminders = (s: AppStore) => s.appState?.statusPages.reminders ?? none;
export const selectStatusPageWrites = (s: AppStore) => s.appState?.statusPages.writes ?? none;
const selectStatusPageLinks = (s: AppStore) => s.appState?.statusPages.links ?? none;

/** The status-page incidents that speak for this paging incident. Use with useShallow. */
export const selectLinksOf = (pagingIncidentKey: string) => (s: AppStore) =>
  selectStatusPageLinks(s).filter((link) => link.pagingIncidentKey === pagingIncidentKey);
