import { useAppStore } from '../../store/store-context.js';
import type { ListRow } from './incident-groups.js';

type Header = Extract<ListRow, { kind: 'header' }>;

/** "checkout-api: 3 triggered, 1 acknowledged", the group's name for a screen reader. */
export function groupSummary({ label, counts }: Header): string {
  const parts = [
    counts.triggered > 0 && `${counts.triggered} triggered`,
    counts.acknowledged > 0 && `${counts.acknowledged} acknowledged`,
  ].filter(Boolean);
  return `${label}: ${parts.join(', ')}`;
}

/**
 * A group's header: its name, how many of each status, and Ack group. It sits outside the
 * listbox (which names each group of options itself), so its button is a real, tabbable one.
 */
export function GroupHeader({ header }: { header: Header }) {
  const bulkAct = useAppStore((s) => s.bulkAct);
  const running = useAppStore((s) => s.bulk?.running ?? false);
  const { label, counts, triggeredKeys } = header;
  return (
    <div className="group-header" data-testid="group-header" data-group={label}>
      {/* Read out as the listbox group's name instead. */}
      <span className="group-name" aria-hidden="true">
        {label}
      </span>
      <span className="group-counts" aria-hidden="true">
        {counts.triggered > 0 && (
          <span className="group-tally count-triggered">{counts.triggered} triggered</span>
        )}
        {counts.acknowledged > 0 && (
          <span className="group-tally">{counts.acknowledged} acked</span>
        )}
      </span>
      {triggeredKeys.length > 0 && (
        <button
          type="button"
          className="button button-small button-quiet group-ack"
          disabled={running}
          // Not "Acknowledge …": the detail's Acknowledge button must stay the only one of that name.
          aria-label={`Ack group ${label} (${triggeredKeys.length} triggered)`}
          onClick={() => void bulkAct(triggeredKeys, { type: 'ack' }, `Ack group ${label}`)}
        >
          Ack group
        </button>
      )}
    </div>
  );
}
