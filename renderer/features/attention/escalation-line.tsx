import { selectStage } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { isHushed, stageSummary } from './stage-text.js';

/** The detail's account of the ladder: where the incident is and what comes next, when. */
export function EscalationLine({ incidentKey, now }: { incidentKey: string; now: number }) {
  const stage = useAppStore(selectStage(incidentKey));
  if (!stage) return null;
  return (
    <p
      className={`escalation-line stage-${stage.stage}${isHushed(stage) ? ' is-silenced' : ''}`}
      data-testid="escalation-stage"
      data-stage={stage.stage}
    >
      <span className="stage-dot" aria-hidden="true" />
      <span>
        <strong>Escalation:</strong> {stageSummary(stage, now)}
      </span>
    </p>
  );
}
