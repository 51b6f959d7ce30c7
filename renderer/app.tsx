import { Banners } from './features/notices/banners.js';
import { AppHeader } from './features/navigation/app-header.js';
import { IncidentsPage } from './features/incidents/incidents-page.js';
import { SchedulePage } from './features/schedule/schedule-page.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { SourceStatusBar } from './features/source-status/source-status-bar.js';
import { useAppStore } from './store/store-context.js';

export function App() {
  const page = useAppStore((s) => s.page);
  const ready = useAppStore((s) => s.appState !== null);
  return (
    <div className="app">
      <AppHeader />
      <Banners />
      <main className="app-main">
        {!ready ? (
          <p className="connecting">Connecting to Onwatch…</p>
        ) : page === 'incidents' ? (
          <IncidentsPage />
        ) : page === 'schedule' ? (
          <SchedulePage />
        ) : (
          <SettingsPage />
        )}
      </main>
      <SourceStatusBar />
    </div>
  );
}
