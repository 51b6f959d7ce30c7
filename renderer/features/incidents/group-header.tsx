import { actionWording } from '../../../electron/common/action-wording.js';
import { useAppStore } from '../../store/store-context.js';
import type { ListRow } from './incident-groups.js';

type Header = Extract<ListRow, { kind: 'header' }>;

/**
 * A group of the listbox: its name, how many of each status, and Ack group. A `group` may sit
 * in a listbox; its button is a real, tabbable control, so it lives here and not in an option.
 */
export function GroupHeader({ header }: { header: Header }) {
  const bulkAct = useAppStore((s) => s.bulkAct);
  const running = useAppStore((s) => s.bulk?.running ?? false);
  const { label, counts, triggeredKeys } = header;
  const summary = [
    counts.triggered > 0 && `${counts.triggered} triggered`,
    counts.acknowledged > 0 && `${counts.acknowledged} acknowledged`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      role="group"
      aria-label={`${label}: ${summary}`}
      className="group-header"
      data-testid="group-header"
      data-group={label}
    >
      <span className="group-name">{label}</span>
      <span className="group-counts" aria-hidden="true">
        {counts.triggered > 0 && (
          <span className="group-count count-triggered">{counts.triggered} triggered</span>
        )}
        {counts.acknowledged > 0 && (
          <span className="group-count count-acknowledged">{counts.acknowledged} acked</span>
        )}
      </span>
      {triggeredKeys.length > 0 && (
        <button
          type="button"
          className="button button-small button-quiet group-ack"
          disabled={running}
          aria-label={`${actionWording.ack.label} all ${triggeredKeys.length} triggered in ${label}`}
          onClick={() =>
            void bulkAct(triggeredKeys, { type: 'ack' }, `${actionWording.ack.label}: ${label}`)
          }
        >
          Ack group
        </button>
      )}
    </div>
  );
}
