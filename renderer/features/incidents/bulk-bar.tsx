import { useState } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import { formatDuration } from '../../../electron/common/time-format.js';
import { selectFiltered } from '../../store/console-selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { snoozeMinutes } from './incident-action-model.js';

/** Progress of the last bulk action, in words a screen reader announces as it goes. */
function BulkStatus() {
  const bulk = useAppStore((s) => s.bulk);
  const dismiss = useAppStore((s) => s.dismissBulk);
  if (!bulk) return null;
  const settled = bulk.done + bulk.failed;
  const parts = [`${settled} of ${bulk.total} sent`];
  if (bulk.failed > 0) parts.push(`${bulk.failed} not sent`);
  if (bulk.skipped > 0) parts.push(`${bulk.skipped} skipped (nothing to do)`);
  return (
    <div className="bulk-status" data-testid="bulk-status" data-running={bulk.running}>
      <progress max={Math.max(bulk.total, 1)} value={settled} aria-label={bulk.label} />
      <span role="status">
        {bulk.label}: {parts.join(', ')}
        {!bulk.running && bulk.failed > 0 && ' — the ones not sent stay picked'}
      </span>
      {!bulk.running && (
        <button
          type="button"
          className="banner-dismiss"
          aria-label="Dismiss progress"
          onClick={dismiss}
        >
          ×
        </button>
      )}
    </div>
  );
}

/** What to do with the picked incidents; one outbox entry each, through the usual commands. */
export function BulkBar() {
  const checked = useAppStore((s) => s.checkedKeys);
  const matching = useAppStore((s) => selectFiltered(s).incidents);
  const running = useAppStore((s) => s.bulk?.running ?? false);
  const bulkAct = useAppStore((s) => s.bulkAct);
  const setChecked = useAppStore((s) => s.setChecked);
  const [snoozing, setSnoozing] = useState(false);
  const keys = [...checked];
  const count = keys.length;

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      {count > 0 && (
        <div className="bulk-actions" data-testid="bulk-actions">
          <span className="bulk-count">{count} picked</span>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={running}
            onClick={() =>
              void bulkAct(keys, { type: 'ack' }, `${actionWording.ack.label} ${count}`)
            }
          >
            {actionWording.ack.label} picked
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={running}
            onClick={() =>
              void bulkAct(keys, { type: 'resolve' }, `${actionWording.resolve.label} ${count}`)
            }
          >
            {actionWording.resolve.label} picked
          </button>
          {snoozing ? (
            <span role="group" aria-label="Snooze for" className="bulk-snooze">
              {snoozeMinutes.map((minutes, index) => (
                <button
                  key={minutes}
                  type="button"
                  className="button button-small"
                  autoFocus={index === 0}
                  disabled={running}
                  onClick={() => {
                    setSnoozing(false);
                    void bulkAct(
                      keys,
                      { type: 'snooze', minutes },
                      `${actionWording.snooze.label} ${count}`,
                    );
                  }}
                >
                  {formatDuration(minutes * 60_000)}
                </button>
              ))}
            </span>
          ) : (
            <button
              type="button"
              className="button button-small"
              disabled={running}
              onClick={() => setSnoozing(true)}
            >
              {actionWording.snooze.label} picked…
            </button>
          )}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setChecked([])}
          >
            Clear
          </button>
        </div>
      )}
      {matching.length > 0 && count < matching.length && (
        <button
          type="button"
          className="button button-small button-quiet select-all"
          onClick={() => setChecked(matching.map((i) => i.key))}
        >
          Pick all {matching.length} matching
        </button>
      )}
      <BulkStatus />
    </div>
  );
}
