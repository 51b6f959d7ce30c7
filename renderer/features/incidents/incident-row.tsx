import { memo, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Incident } from '../../../electron/common/model/incident.js';
import { formatAge } from '../../lib/format-time.js';
import { selectOutboxState, selectRing, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { EscalationBadge } from '../attention/escalation-badge.js';
import type { SiblingInfo } from './incident-groups.js';

type Props = {
  incident: Incident;
  /** The row the keyboard is on, and whose incident the detail shows. */
  active: boolean;
  /** Picked for a bulk action. */
  checked: boolean;
  siblings?: SiblingInfo;
  now: number;
  /** The DOM id aria-activedescendant points at. */
  id?: string;
  onPick?: (key: string, event: MouseEvent) => void;
  onToggleSiblings?: (setId: string) => void;
};

function LabelList({ labels, className }: { labels: Record<string, string>; className: string }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return null;
  return (
    <span className={className}>
      {entries.map(([name, value]) => (
        <span key={name} className="row-label">
          {name}={value}
        </span>
      ))}
    </span>
  );
}

/**
 * One option of the incident listbox. Memoised: a state push re-renders only the rows whose
 * incident object changed. It holds no control of its own (an option's content is read as one
 * name); picking and expanding are the list's clicks and keys.
 */
export const IncidentRow = memo(function IncidentRow({
  incident,
  active,
  checked,
  siblings,
  now,
  id,
  onPick,
  onToggleSiblings,
}: Props) {
  const sourceName = useAppStore(selectSourceName(incident.sourceId));
  const outbox = useAppStore(selectOutboxState(incident.key));
  const ring = useAppStore(useShallow(selectRing(incident.key)));
  const collapsed = siblings && siblings.isLead && !siblings.expanded;
  return (
    <div
      id={id}
      role="option"
      className={`incident-row${active ? ' is-active' : ''}${siblings && !siblings.isLead ? ' is-sibling' : ''}`}
      data-testid="incident-row"
      data-key={incident.key}
      data-status={incident.status}
      data-active={active}
      aria-selected={checked}
      onClick={(event) => onPick?.(incident.key, event)}
    >
      <span className={`urgency-bar urgency-${incident.urgency}`} aria-hidden="true" />
      <span className={`row-check${checked ? ' is-checked' : ''}`} aria-hidden="true">
        {checked ? '✓' : ''}
      </span>
      <span className="row-main">
        <span className="row-title">{incident.title}</span>
        {siblings && <LabelList labels={siblings.distinct} className="row-labels" />}
        {collapsed && <LabelList labels={siblings.shared} className="row-labels row-shared" />}
        <span className="row-meta">
          <span className="source-badge">{sourceName}</span>
          {incident.service && <span className="row-service">{incident.service}</span>}
          {siblings?.isLead && (
            <span
              className="row-siblings"
              data-testid="row-siblings"
              onClick={(event) => {
                event.stopPropagation();
                onToggleSiblings?.(siblings.setId);
              }}
            >
              {siblings.expanded
                ? `▾ ${siblings.size} alerts`
                : `▸ ${siblings.size - 1} more like this`}
            </span>
          )}
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
    </div>
  );
});
