import type { ActionView } from '../../../electron/common/contract/app-state.js';
import { describeAction } from '../../lib/action-status.js';
import { useNow } from '../../lib/use-now.js';
import { useAppStore } from '../../store/store-context.js';

type Props = {
  actions: readonly ActionView[];
  /**
   * For lists outside the incident's detail: names each action's incident, and marks the rows
   * apart from the detail's own `action-status` rows.
   */
  outbox?: boolean;
};

/** Ticks every second: retry times pass and "done" lines time out while it is on screen. */
export function ActionStatusList({ actions, outbox = false }: Props) {
  const now = useNow(1_000);
  const lines = actions.flatMap((action) => {
    const status = describeAction(action, now);
    return status ? [{ action, status }] : [];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="action-statuses">
      {lines.map(({ action, status }) => (
        <li
          key={action.id}
          className={`action-status action-${status.state}`}
          data-testid={outbox ? 'outbox-action' : 'action-status'}
          data-state={status.state}
          data-action-id={action.id}
          data-action-type={action.action.type}
        >
          <span className="action-status-icon" aria-hidden="true" />
          <span className="action-status-text">
            {outbox && <span className="action-status-title">{action.incidentTitle}</span>}
            {status.text}
          </span>
          {status.state === 'failed' && <FailedActionButtons id={action.id} />}
        </li>
      ))}
    </ul>
  );
}

function FailedActionButtons({ id }: { id: string }) {
  const retryAction = useAppStore((s) => s.retryAction);
  const dismissAction = useAppStore((s) => s.dismissAction);
  return (
    <span className="action-status-buttons">
      <button type="button" className="button button-small" onClick={() => void retryAction(id)}>
        Retry
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => void dismissAction(id)}
      >
        Dismiss
      </button>
    </span>
  );
}
