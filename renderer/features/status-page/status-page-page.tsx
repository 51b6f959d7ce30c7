import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import {
  statusWords,
  type StatusPageIncidentStatus,
} from '../../../electron/common/model/status-page.js';
import type { StatusPageIncident } from '../../../electron/common/model/status-page-view.js';
import {
  maintenanceStepDraft,
  nextMaintenanceStatus,
} from '../../../electron/common/status-page/maintenance-form.js';
import { formatAge, formatClock } from '../../lib/format-time.js';
import { useNow } from '../../lib/use-now.js';
import { selectStatusPages } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { ComponentStatuses } from './component-statuses.js';
import { StatusPageFormPanel } from './status-page-form-panel.js';
import { StatusPageWrites } from './status-page-writes.js';
import './status-page.css';

const words = (status: string) => statusWords[status as StatusPageIncidentStatus] ?? status;

/** Every connected status page: its components, open incidents and maintenances, and its posts. */
export function StatusPagePage() {
  const pages = useAppStore(selectStatusPages);
  const form = useAppStore((s) => s.statusPageForm);
  const openForm = useAppStore((s) => s.openStatusPageForm);
  const showPage = useAppStore((s) => s.showPage);
  return (
    <div className="statuspage-page">
      {form && <StatusPageFormPanel form={form} />}
      {pages.length === 0 ? (
        <p className="empty-state">
          No status page is connected.{' '}
          <button type="button" className="button" onClick={() => showPage('settings')}>
            Connect one in Settings
          </button>
        </p>
      ) : (
        <>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => openForm({ kind: 'declare' })}
              disabled={form !== null}
            >
              Declare incident
            </button>
          </div>
          {pages.map((page) => (
            <PageSection key={page.id} page={page} />
          ))}
        </>
      )}
    </div>
  );
}

function PageSection({ page }: { page: ConnectedStatusPage }) {
  const refresh = useAppStore((s) => s.refreshStatusPages);
  const openForm = useAppStore((s) => s.openStatusPageForm);
  const now = useNow(30_000);
  const headingId = `sp-${page.id}-heading`;
  const view = page.view;
  return (
    <section
      className="settings-section sp-page"
      aria-labelledby={headingId}
      data-testid="sp-page"
      data-id={page.id}
    >
      <h2 id={headingId}>
        {view?.pageName ?? page.name}
        {page.practice && <span className="pill sp-practice">practice — writes nowhere</span>}
      </h2>
      <p className={page.health === 'failed' ? 'form-error' : 'muted'}>
        {page.health === 'reading' && !view
          ? 'Reading the page…'
          : page.health === 'failed'
            ? `Could not read the page: ${page.error ?? 'unknown error'}${view ? ' (showing the last read)' : ''}`
            : view
              ? `Read ${formatAge(view.readAt, now)} ago`
              : ''}{' '}
        <button type="button" className="button button-small" onClick={() => void refresh(page.id)}>
          Refresh
        </button>
        {view && (
          <button
            type="button"
            className="button button-small"
            onClick={() => openForm({ kind: 'maintenance', statusPageId: page.id })}
          >
            Schedule maintenance
          </button>
        )}
      </p>
      <StatusPageWrites statusPageId={page.id} />
      {view && (
        <>
          <h3>Components</h3>
          <ComponentStatuses catalog={view.catalog} />
          <h3>Open incidents</h3>
          <IncidentList
            incidents={view.openIncidents}
            empty="No open incident."
            now={now}
            actions={(incident) => <IncidentButtons statusPageId={page.id} incident={incident} />}
          />
          <h3>Maintenance</h3>
          <IncidentList
            incidents={[...view.activeMaintenances, ...view.upcomingMaintenances]}
            empty="No maintenance in progress or scheduled."
            now={now}
            actions={(maintenance) => (
              <MaintenanceButton statusPageId={page.id} maintenance={maintenance} />
            )}
          />
        </>
      )}
    </section>
  );
}

function IncidentList({
  incidents,
  empty,
  now,
  actions,
}: {
  incidents: StatusPageIncident[];
  empty: string;
  now: number;
  actions: (incident: StatusPageIncident) => React.ReactNode;
}) {
  if (incidents.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="card-list">
      {incidents.map((incident) => (
        <li
          key={incident.id}
          className="card-row sp-incident"
          data-testid="sp-incident"
          data-id={incident.id}
          data-status={incident.status}
        >
          <div className="card-row-main">
            <span className="card-row-title">{incident.name}</span>
            <span className="card-row-sub">
              {words(incident.status)}
              {incident.impact && incident.impact !== 'none' && ` · impact ${incident.impact}`}
              {incident.scheduledFor &&
                ` · ${formatClock(incident.scheduledFor, now)} – ${
                  incident.scheduledUntil ? formatClock(incident.scheduledUntil, now) : '?'
                }`}
              {incident.components.length > 0 &&
                ` · ${incident.components.map((c) => c.name).join(', ')}`}
            </span>
            {incident.pagingIncidentKey && (
              <PagingIncidentLink pagingKey={incident.pagingIncidentKey} />
            )}
            {incident.latestUpdate && (
              <span className="card-row-note">
                {words(incident.latestUpdate.status)} ({formatAge(incident.latestUpdate.at, now)}{' '}
                ago): {incident.latestUpdate.body}
              </span>
            )}
          </div>
          <div className="card-row-side">{actions(incident)}</div>
        </li>
      ))}
    </ul>
  );
}

function IncidentButtons({
  statusPageId,
  incident,
}: {
  statusPageId: string;
  incident: StatusPageIncident;
}) {
  const openForm = useAppStore((s) => s.openStatusPageForm);
  const resolve = useAppStore((s) => s.resolveStatusPageIncident);
  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => openForm({ kind: 'update', statusPageId, incidentId: incident.id })}
      >
        Post update
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => void resolve({ statusPageId, incidentId: incident.id })}
      >
        Resolve
      </button>
    </>
  );
}

/** One click moves a maintenance one step on: in progress, verifying, completed. */
function MaintenanceButton({
  statusPageId,
  maintenance,
}: {
  statusPageId: string;
  maintenance: StatusPageIncident;
}) {
  const advance = useAppStore((s) => s.advanceMaintenance);
  const next = nextMaintenanceStatus(maintenance.status);
  if (!next) return null;
  const step = maintenanceStepDraft(maintenance, next);
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => void advance({ statusPageId, incidentId: maintenance.id, step })}
    >
      Mark {words(next).toLowerCase()}
    </button>
  );
}

/** The paging incident a status-page incident speaks for, from its `metadata.onwatch`. */
function PagingIncidentLink({ pagingKey }: { pagingKey: string }) {
  const incident = useAppStore((s) => s.incidents.find((i) => i.key === pagingKey));
  const showIncident = useAppStore((s) => s.showIncident);
  if (!incident) return <span className="card-row-sub">For a page that is no longer open</span>;
  return (
    <span className="card-row-sub">
      For{' '}
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => showIncident(pagingKey)}
      >
        {incident.title}
      </button>
    </span>
  );
}
