import { useShallow } from 'zustand/react/shallow';
import { selectBlindSourceNames, selectIncidents } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { OrphanActions } from '../actions/orphan-actions.js';
import { IncidentDetail } from './incident-detail.js';
import { IncidentList } from './incident-list.js';

export function IncidentsPage() {
  const empty = useAppStore((s) => selectIncidents(s).length === 0);
  const blind = useAppStore(useShallow(selectBlindSourceNames));
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
    <div className="incidents-page">
      <IncidentList />
      <IncidentDetail />
    </div>
  );
}
