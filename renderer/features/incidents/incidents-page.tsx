import { useShallow } from 'zustand/react/shallow';
import {
  selectBlindSourceNames,
  selectIncidents,
  selectSelectedIncident,
} from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { OrphanActions } from '../actions/orphan-actions.js';
import { RunbookPanel } from '../runbooks/runbook-panel.js';
import { TerminalPanel } from '../terminal/terminal-panel.js';
import { IncidentDetail } from './incident-detail.js';
import { IncidentList } from './incident-list.js';

export function IncidentsPage() {
  const empty = useAppStore((s) => selectIncidents(s).length === 0);
  const blind = useAppStore(useShallow(selectBlindSourceNames));
  const selectedKey = useAppStore((s) => selectSelectedIncident(s)?.key);
  if (empty) {
    return (
      <section className="incidents-empty" aria-label="Open incidents">
        <OrphanActions />
        {blind.length > 0 ? (
          <p className="empty-state empty-state-blind" data-testid="blind-empty-state">
            No open incidents from the sources Onwatch can reach, but it cannot see{' '}
            {blind.join(', ')}. You may be missing pages.
          </p>
        ) : (
          <p className="empty-state">All quiet. No open incidents.</p>
        )}
      </section>
    );
  }
  return (
    <div className="incidents-page has-workbench">
      <IncidentList />
      {/* The incident, its runbook below it, and the terminal beside them. */}
      <div className="incident-work">
        <IncidentDetail />
        {selectedKey && <RunbookPanel incidentKey={selectedKey} />}
      </div>
      {selectedKey && <TerminalPanel incidentKey={selectedKey} />}
    </div>
  );
}
