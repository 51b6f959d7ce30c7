import type { Incident } from '../../../electron/common/model/incident.js';
import { formatAge, formatClock } from '../../lib/format-time.js';
import { useNow } from '../../lib/use-now.js';
import { selectSelectedIncident, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { EscalationLine } from '../attention/escalation-line.js';
import { ExternalLink } from './external-link.js';
import { IncidentActions } from './incident-actions.js';
import { LabelsTable } from './labels-table.js';

export function IncidentDetail() {
  const incident = useAppStore(selectSelectedIncident);
  if (!incident) return null;
  return <IncidentDetailBody incident={incident} />;
}

function IncidentDetailBody({ incident }: { incident: Incident }) {
  const sourceName = useAppStore(selectSourceName(incident.sourceId));
  const now = useNow(30_000);
  const when = (iso: string) => `${formatClock(iso, now)} (${formatAge(iso, now)} ago)`;
  return (
    <section
      className="incident-detail"
      aria-labelledby="incident-detail-title"
      data-testid="incident-detail"
      data-key={incident.key}
    >
      <header className="detail-header">
        <p className="detail-kicker">
          <span className="source-badge">{sourceName}</span>
          {incident.number && <span>#{incident.number}</span>}
        </p>
        <h1 id="incident-detail-title" className="detail-title">
          {incident.title}
        </h1>
        <EscalationLine incidentKey={incident.key} now={now} />
        <IncidentActions key={incident.key} incident={incident} />
      </header>

      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`pill status-pill status-${incident.status}`}>{incident.status}</span>
        </dd>
        <dt>Urgency</dt>
        <dd>
          <span className={`pill urgency-pill urgency-${incident.urgency}`}>
            {incident.urgency}
          </span>
        </dd>
        <dt>Severity</dt>
        <dd>{incident.severity ?? '—'}</dd>
        <dt>Service</dt>
        <dd>{incident.service ?? '—'}</dd>
        <dt>Source</dt>
        <dd>{sourceName}</dd>
        <dt>Created</dt>
        <dd>{when(incident.createdAt)}</dd>
        <dt>Acknowledged</dt>
        <dd>{incident.acknowledgedAt ? when(incident.acknowledgedAt) : '—'}</dd>
        <dt>Assignees</dt>
        <dd>
          {incident.assignees.length > 0 ? incident.assignees.join(', ') : '—'}
          {incident.assignedToMe && <span className="pill mine-pill">you</span>}
        </dd>
      </dl>

      {incident.annotations && (
        // Why it fired, as the source explains it: a check's last ping or error, an alert's summary.
        <LabelsTable heading="Details" labels={incident.annotations} sorted={false} />
      )}
      <LabelsTable labels={incident.labels} />

      {(incident.links.length > 0 || incident.webUrl) && (
        <section className="detail-section" aria-labelledby="incident-links-heading">
          <h2 id="incident-links-heading">Links</h2>
          <ul className="link-list">
            {incident.webUrl && (
              <li>
                <ExternalLink label={`Open in ${sourceName}`} url={incident.webUrl} />
              </li>
            )}
            {incident.links.map((link, index) => (
              <li key={`${index}:${link.url}`}>
                <ExternalLink label={link.label} url={link.url} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
