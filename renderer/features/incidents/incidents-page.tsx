import { selectIncidents } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { IncidentDetail } from './incident-detail.js';
import { IncidentList } from './incident-list.js';

export function IncidentsPage() {
  const empty = useAppStore((s) => selectIncidents(s).length === 0);
  if (empty) {
    return (
      <section className="incidents-empty" aria-label="Open incidents">
        <p className="empty-state">All quiet. No open incidents.</p>
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
