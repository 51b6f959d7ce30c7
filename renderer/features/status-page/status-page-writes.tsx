import { useShallow } from 'zustand/react/shallow';
import { selectStatusPageWrites } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';

const kindWords = {
  declare: 'Declare',
  update: 'Update',
  schedule: 'Schedule maintenance',
  advance: 'Maintenance step',
} as const;

/** Posts on their way to one page: pending until Statuspage confirms, failed with the reason. */
export function StatusPageWrites({ statusPageId }: { statusPageId: string }) {
  const writes = useAppStore(
    useShallow((s) => selectStatusPageWrites(s).filter((w) => w.statusPageId === statusPageId)),
  );
  const retry = useAppStore((s) => s.retryStatusPageWrite);
  const dismiss = useAppStore((s) => s.dismissStatusPageWrite);
  if (writes.length === 0) return null;
  return (
    <ul className="sp-writes" aria-label="Posts to the status page">
      {writes.map((write) => (
        <li
          key={write.id}
          className={`sp-write action-${write.state}`}
          data-testid="sp-write"
          data-state={write.state}
        >
          <span>
            {kindWords[write.kind]}: {write.summary} —{' '}
            {write.state === 'pending'
              ? write.attempts > 1
                ? `sending (attempt ${write.attempts})`
                : 'sending'
              : write.state === 'done'
                ? 'posted'
                : `failed: ${write.lastError ?? 'unknown error'}`}
          </span>
          {write.state === 'failed' && (
            <span className="action-status-buttons">
              <button
                type="button"
                className="button button-small"
                onClick={() => void retry(write.id)}
              >
                Retry
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => void dismiss(write.id)}
              >
                Dismiss
              </button>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
