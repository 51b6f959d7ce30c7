import { formatDuration } from '../../../electron/common/time-format.js';

type Props = {
  label: string;
  minutes: readonly number[];
  submitting: boolean;
  onPick: (minutes: number) => void;
  onCancel: () => void;
};

/** A row of preset durations: one click sends, no form to fill. */
export function DurationPicker({ label, minutes, submitting, onPick, onCancel }: Props) {
  return (
    <div className="action-panel action-panel-row" role="group" aria-label={label}>
      <span className="action-panel-label">{label}</span>
      {minutes.map((value, index) => (
        <button
          key={value}
          type="button"
          className="button button-small"
          disabled={submitting}
          autoFocus={index === 0}
          onClick={() => onPick(value)}
        >
          {formatDuration(value * 60_000)}
        </button>
      ))}
      <button type="button" className="button button-small button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
