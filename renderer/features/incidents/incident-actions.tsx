import type { Incident } from '../../lib/contract-types.js';
import { selectActionError, selectPendingAction } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

export function IncidentActions({ incident }: { incident: Incident }) {
  const pending = useAppStore(selectPendingAction(incident.key));
  const error = useAppStore(selectActionError(incident.key));
  const ack = useAppStore((s) => s.ack);
  const resolve = useAppStore((s) => s.resolve);

  const canAck = incident.capabilities.ack && incident.status === 'triggered';
  const canResolve = incident.capabilities.resolve && incident.status !== 'resolved';
  if (!canAck && !canResolve) return null;

  return (
    <div className="incident-actions">
      {canAck && (
        <button
          type="button"
          className="button button-primary"
          disabled={pending === 'ack'}
          onClick={() => void ack(incident.key)}
        >
          {pending === 'ack' ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      )}
      {canResolve && (
        <button
          type="button"
          className="button"
          disabled={pending === 'resolve'}
          onClick={() => void resolve(incident.key)}
        >
          {pending === 'resolve' ? 'Resolving…' : 'Resolve'}
        </button>
      )}
      {error && (
        <p role="alert" className="action-error">
          {error}
        </p>
      )}
    </div>
  );
}
