import type { Incident } from '../../../electron/common/model/incident.js';
import { formatAge, formatClock } from '../../lib/format-time.js';
import { useNow } from '../../lib/use-now.js';
import { selectSourceKind } from '../../store/console-selectors.js';
import { selectSelectedIncident, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { EscalationLine } from '../attention/escalation-line.js';
import { DetailTitle } from './detail-title.js';
import { ExternalLink } from './external-link.js';
import { IncidentActions } from './incident-actions.js';
import {
  detailLinks,
  incidentDescription,
  incidentNumberText,
  sourceKnowsAssignees,
} from './incident-display.js';
import { IncidentTimelineSection } from './incident-timeline.js';
import { LabelsTable } from './labels-table.js';
import { IncidentStatusPage } from '../status-page/incident-status-page.js';

export { detailTitleId } from './detail-title.js';

export function IncidentDetail() {
  const incident = useAppStore(selectSelectedIncident);
  if (!incident) return null;
  return <IncidentDetailBody incident={incident} />;
}

/** Who has the page, where the source says; a source that does not know shows who acked. */
function Assignees({ incident, knows }: { incident: Incident; knows: boolean }) {
  if (!knows) {
    if (incident.assignees.length === 0) return null;
    return (
      <>
        <dt>Acknowledged by</dt>
        <dd>{incident.assignees.join(', ')}</dd>
      </>
    );
  }
  return (
    <>
      <dt>Assignees</dt>
      <dd>
        {incident.assignees.length > 0 ? incident.assignees.join(', ') : '—'}
        {incident.assignedToMe && <span className="pill mine-pill">you</span>}
      </dd>
    </>
  );
}

function IncidentDetailBody({ incident }: { incident: Incident }) {
  const sourceName = useAppStore(selectSourceName(incident.sourceId));
  const sourceKind = useAppStore(selectSourceKind(incident.sourceId));
  const now = useNow(30_000);
  const when = (iso: string) => `${formatClock(iso, now)} (${formatAge(iso, now)} ago)`;
  const number = incidentNumberText(incident.number);
  const description = incidentDescription(incident);
  const links = detailLinks(incident, sourceName);
  return (
    <section
      className="incident-detail"
      aria-labelledby="incident-detail-title"
      data-testid="incident-detail"
      data-key={incident.key}
    >
      {/* Sticky: however long what follows, the actions stay on screen. */}
      <header className="detail-header">
        <p className="detail-kicker" data-testid="detail-kicker">
          <span className="source-badge">{sourceName}</span>
          {number && <span>{number}</span>}
        </p>
        {/* Keyed apart from IncidentActions: siblings need keys of their own. */}
        <DetailTitle key={`title:${incident.key}`} title={incident.title} />
        <EscalationLine incidentKey={incident.key} now={now} />
        <IncidentActions key={incident.key} incident={incident} />
      </header>

      {description.length > 0 && (
        <section
          className="detail-section detail-description"
          aria-labelledby="incident-description-heading"
          data-testid="detail-description"
        >
          <h2 id="incident-description-heading">Description</h2>
          {description.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </section>
      )}

      <IncidentTimelineSection key={`timeline:${incident.key}`} incident={incident} now={now} />

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
        <Assignees incident={incident} knows={sourceKnowsAssignees(sourceKind)} />
      </dl>

      <IncidentStatusPage incident={incident} />

      {/* The source's own facts: a health check's failed phase and timings, an alert's summary. */}
      {incident.annotations && (
        <LabelsTable heading="Details" labels={incident.annotations} sorted={false} />
      )}
      <LabelsTable labels={incident.labels} />

      {links.length > 0 && (
        <section className="detail-section" aria-labelledby="incident-links-heading">
          <h2 id="incident-links-heading">Links</h2>
          <ul className="link-list" data-testid="detail-links">
            {links.map((link) => (
              <li key={link.url}>
                <ExternalLink label={link.label} url={link.url} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
