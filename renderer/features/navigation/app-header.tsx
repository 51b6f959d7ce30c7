import { selectIncidents, selectResponderName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import type { Page } from '../../store/types.js';
import { OutboxIndicator } from '../actions/outbox-indicator.js';
import { SilenceControl } from '../attention/silence-control.js';

const pages: { page: Page; label: string }[] = [
  { page: 'incidents', label: 'Incidents' },
  { page: 'checks', label: 'Checks' },
  { page: 'statuspage', label: 'Status page' },
  { page: 'runbooks', label: 'Runbooks' },
  { page: 'schedule', label: 'Schedule' },
  { page: 'settings', label: 'Settings' },
];

/** Page switching is store state, not the URL, so the browser host's ?token= is never lost. */
export function AppHeader() {
  const current = useAppStore((s) => s.page);
  const showPage = useAppStore((s) => s.showPage);
  const responderName = useAppStore(selectResponderName);
  const triggered = useAppStore(
    (s) => selectIncidents(s).filter((i) => i.status === 'triggered').length,
  );
  return (
    <header className="app-header">
      <span className="brand">Onwatch</span>
      <nav className="app-nav" aria-label="Main">
        {pages.map(({ page, label }) => (
          <button
            key={page}
            type="button"
            className="nav-button"
            aria-current={page === current ? 'page' : undefined}
            onClick={() => showPage(page)}
          >
            {label}
            {page === 'incidents' && triggered > 0 && (
              <span className="nav-count" aria-hidden="true">
                {triggered}
              </span>
            )}
          </button>
        ))}
      </nav>
      <span className="header-end">
        <SilenceControl />
        <OutboxIndicator />
        {responderName && <span className="responder">{responderName}</span>}
      </span>
    </header>
  );
}
