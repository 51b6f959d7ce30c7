import { useShallow } from 'zustand/react/shallow';
import { summarizeOutbox } from '../../lib/action-status.js';
import { selectActions } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

/** Only there while something is unsent; a click shows the incident it concerns. */
export function OutboxIndicator() {
  const summary = useAppStore(useShallow((s) => summarizeOutbox(selectActions(s))));
  const openOutbox = useAppStore((s) => s.openOutbox);
  if (!summary) return null;
  return (
    <button
      type="button"
      className={`outbox-indicator${summary.failed > 0 ? ' has-failed' : ''}`}
      data-testid="outbox-indicator"
      data-pending={summary.pending}
      data-failed={summary.failed}
      title="Actions the outbox has not yet delivered. Show the incident."
      onClick={openOutbox}
    >
      <span className="outbox-dot" aria-hidden="true" />
      <span className="outbox-label">Outbox</span>
      <span>{summary.text}</span>
    </button>
  );
}
