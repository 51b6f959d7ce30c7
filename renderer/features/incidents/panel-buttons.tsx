type Props = { label: string; submitting: boolean; onCancel: () => void };

/** The submit and Cancel pair every action form ends with. */
export function PanelButtons({ label, submitting, onCancel }: Props) {
  return (
    <div className="action-panel-buttons">
      <button
        type="submit"
        className="button button-primary button-small"
        disabled={submitting}
        aria-busy={submitting}
      >
        {label}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
