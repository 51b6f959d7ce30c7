import { useShallow } from 'zustand/react/shallow';
import type { Incident } from '../../../electron/common/model/incident.js';
import {
  statusWords,
  type StatusPageIncidentStatus,
} from '../../../electron/common/model/status-page.js';
import { mappedComponentIds } from '../../../electron/common/status-page/component-mapping.js';
import { selectLinksOf, selectStatusPages } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';

const closed = new Set(['resolved', 'completed']);

/**
 * The incident's side of the status page: the status-page incidents that speak for it, any
 * maintenance running on its components, and "Update status page", which opens the form
 * prefilled (a follow-up when one is already open).
 */
export function IncidentStatusPage({ incident }: { incident: Incident }) {
  const links = useAppStore(useShallow(selectLinksOf(incident.key)));
  const pages = useAppStore(selectStatusPages);
  const openForm = useAppStore((s) => s.openStatusPageForm);
  if (pages.length === 0) return null;
  const open = links.find((link) => !closed.has(link.status));
  const maintenances = pages.flatMap((page) => {
    if (!page.view) return [];
    const touched = new Set(mappedComponentIds(incident, page.mappings, page.view.catalog));
    return page.view.activeMaintenances.filter((m) => m.components.some((c) => touched.has(c.id)));
  });
  return (
    <section className="detail-section" aria-labelledby="incident-sp-heading">
      <h2 id="incident-sp-heading">Status page</h2>
      {maintenances.map((m) => (
        <p key={m.id} className="form-note" data-testid="incident-maintenance">
          A maintenance is running on its components: “{m.name}” (
          {statusWords[m.status as StatusPageIncidentStatus] ?? m.status}).
        </p>
      ))}
      {links.map((link) => (
        <p key={`${link.statusPageId}:${link.incidentId}`} data-testid="incident-sp-link">
          “{link.incidentName}” —{' '}
          {statusWords[link.status as StatusPageIncidentStatus] ?? link.status}
        </p>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          openForm(
            open
              ? { kind: 'update', statusPageId: open.statusPageId, incidentId: open.incidentId }
              : { kind: 'declare', pagingIncidentKey: incident.key },
          )
        }
      >
        Update status page
      </button>
    </section>
  );
}
