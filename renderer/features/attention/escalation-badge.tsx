import { selectStage } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { escalationText, isHushed, stageBadgeLabels } from './stage-text.js';

/** An incident row's rung, in one word; the whole sentence is its tooltip. */
export function EscalationBadge({ incidentKey, now }: { incidentKey: string; now: number }) {
  const stage = useAppStore(selectStage(incidentKey));
  if (!stage) return null;
  return (
    <span
      className={`pill stage-pill stage-${stage.stage}${isHushed(stage) ? ' is-silenced' : ''}`}
      data-testid="escalation-stage"
      data-stage={stage.stage}
      title={escalationText(stage, now)}
    >
      <span className="stage-dot" aria-hidden="true" />
      <span className="visually-hidden">escalation: </span>
      {stageBadgeLabels[stage.stage]}
    </span>
  );
}
