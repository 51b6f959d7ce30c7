import { AlarmPlayer } from './features/attention/alarm-player.js';
import { ChecksPage } from './features/checks/checks-page.js';
import { Takeover } from './features/attention/takeover.js';
import { Banners } from './features/notices/banners.js';
import { AppHeader } from './features/navigation/app-header.js';
import { IncidentsPage } from './features/incidents/incidents-page.js';
import { RunbooksPage } from './features/runbooks/runbooks-page.js';
import { SchedulePage } from './features/schedule/schedule-page.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { StatusPagePage } from './features/status-page/status-page-page.js';
import { SourceStatusBar } from './features/source-status/source-status-bar.js';
import { selectTakeoverKey } from './store/selectors.js';
import { useAppStore } from './store/store-context.js';
import type { Page } from './store/types.js';

const pageTitles: Record<Page, string> = {
  incidents: 'Incidents',
  checks: 'Checks',
  statuspage: 'Status page',
  runbooks: 'Runbooks',
  schedule: 'Schedule',
  settings: 'Settings',
};

export function App() {
  const page = useAppStore((s) => s.page);
  const ready = useAppStore((s) => s.appState !== null);
  // Inert under a takeover, so its Acknowledge is the only one a keyboard or reader can reach;
  // aria-hidden too, for tools that read the ARIA tree without honouring inert.
  const covered = useAppStore((s) => selectTakeoverKey(s) !== null);
  return (
    <>
      <div className="app" inert={covered} aria-hidden={covered || undefined}>
        <AppHeader />
        <Banners />
        <main className="app-main" aria-labelledby="page-title">
          {/* The navigation shows where one is; a screen reader's heading list needs it too. */}
          <h1 id="page-title" className="visually-hidden">
            {pageTitles[page]}
          </h1>
          {!ready ? (
            <p className="connecting">Connecting to Onwatch…</p>
          ) : page === 'incidents' ? (
            <IncidentsPage />
          ) : page === 'checks' ? (
            <ChecksPage />
          ) : page === 'statuspage' ? (
            <StatusPagePage />
          ) : page === 'runbooks' ? (
            <RunbooksPage />
          ) : page === 'schedule' ? (
            <SchedulePage />
          ) : (
            <SettingsPage />
          )}
        </main>
        <SourceStatusBar />
      </div>
      <AlarmPlayer />
      <Takeover />
    </>
  );
}
