import { useEffect, useId, useRef, useState } from 'react';
import type { RenderedStep } from '../../../electron/common/model/runbook.js';

type Props = {
  step: RenderedStep;
  onCancel: () => void;
  onConfirm: (typed?: string) => void;
};

/**
 * Before a dangerous step runs: why it is dangerous and the command exactly as it will be typed.
 * Cancel has the focus, so Enter or Escape runs nothing; where the runbook asks for a typed
 * value (`onwatch.confirm`), Run stays off until it is typed exactly.
 */
export function ConfirmStepDialog({ step, onCancel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [typed, setTyped] = useState('');
  const titleId = useId();
  const inputId = useId();
  const needsValue = step.confirmValue !== undefined;
  const confirmed = !needsValue || typed === step.confirmValue;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    cancel.current?.focus();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid="confirm-step"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Run “{step.name}”?</h2>
      <p className="confirm-why">This step is dangerous: {step.danger.join('; ')}.</p>
      <p className="muted">It will be typed into the incident’s terminal exactly as:</p>
      <pre className="step-command confirm-command" data-testid="confirm-command">
        <code>{step.command}</code>
      </pre>
      {needsValue && (
        <div className="field">
          <label htmlFor={inputId}>
            Type <code>{step.confirmValue}</code> to confirm
          </label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
            // Enter in the box must not run anything; only the Run button does.
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          />
        </div>
      )}
      <div className="confirm-buttons">
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={!confirmed}
          onClick={() => onConfirm(needsValue ? typed : undefined)}
        >
          Run it
        </button>
      </div>
    </dialog>
  );
}
