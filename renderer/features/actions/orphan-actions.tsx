import { useShallow } from 'zustand/react/shallow';
import { selectOrphanActions } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { ActionStatusList } from './action-status-list.js';

/**
 * Actions whose incident has left the list (a pending resolve, an incident closed elsewhere):
 * with no detail to show them, they are listed here so none is silently dropped.
 */
export function OrphanActions() {
  const actions = useAppStore(useShallow(selectOrphanActions));
  if (actions.length === 0) return null;
  return (
    <section
      className="orphan-actions"
      aria-labelledby="orphan-actions-heading"
      data-testid="orphan-actions"
    >
      <h2 id="orphan-actions-heading" className="group-heading">
        Outbox · closed incidents
      </h2>
      <ActionStatusList actions={actions} outbox />
    </section>
  );
}
