import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Incident } from '../../../electron/common/model/incident.js';
import { formatAge } from '../../lib/format-time.js';
import { selectOutboxState, selectRing, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { EscalationBadge } from '../attention/escalation-badge.js';

type Props = { incident: Incident; selected: boolean; now: number };

/** Memoised: a state push re-renders only the rows whose incident object changed. */
export const IncidentRow = memo(function IncidentRow({ incident, selected, now }: Props) {
  const selectIncident = useAppStore((s) => s.selectIncident);
  const sourceName = useAppStore(selectSourceName(incident.sourceId));
  const outbox = useAppStore(selectOutboxState(incident.key));
  const ring = useAppStore(useShallow(selectRing(incident.key)));
  return (
    <li
      role="option"
      className="incident-row"
      data-testid="incident-row"
      data-key={incident.key}
      data-status={incident.status}
      aria-selected={selected}
      // Roving focus: only the selected row is in the tab order; arrows move within the list.
      tabIndex={selected ? 0 : -1}
      onClick={() => selectIncident(incident.key)}
    >
      <span className={`urgency-bar urgency-${incident.urgency}`} aria-hidden="true" />
      <span className="row-main">
        <span className="row-title">{incident.title}</span>
        <span className="row-meta">
          <span className="source-badge">{sourceName}</span>
          {incident.service && <span className="row-service">{incident.service}</span>}
        </span>
        {ring && (
          <span
            className={`row-ring ${ring.rings ? 'ring-rings' : 'ring-quiet'}`}
            data-testid="row-ring"
            data-rings={ring.rings}
            title={ring.reason}
          >
            {ring.reason}
          </span>
        )}
      </span>
      <span className="row-side">
        <span className="row-age" title={incident.createdAt}>
          {formatAge(incident.createdAt, now)}
        </span>
        <span className="row-tags">
          <EscalationBadge incidentKey={incident.key} now={now} />
          {outbox && (
            <span
              className={`outbox-badge outbox-${outbox}`}
              data-testid="row-outbox"
              data-state={outbox}
              title={outbox === 'failed' ? 'An action failed' : 'An action is being sent'}
            >
              <span aria-hidden="true">{outbox === 'failed' ? '!' : '↻'}</span>
              <span className="visually-hidden">
                {outbox === 'failed' ? 'action failed' : 'action pending'}
              </span>
            </span>
          )}
          <span className={`pill urgency-pill urgency-${incident.urgency}`}>
            {incident.urgency}
          </span>
          <span className={`pill status-pill status-${incident.status}`}>{incident.status}</span>
        </span>
      </span>
    </li>
  );
});
