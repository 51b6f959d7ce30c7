import { useState, type FormEvent } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import { FormField } from '../../components/form-field.js';
import { parseEscalation } from './incident-action-model.js';
import { PanelButtons } from './panel-buttons.js';

type Props = {
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
};

export function EscalateForm({ submitting, onSubmit, onCancel }: Props) {
  const [level, setLevel] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseEscalation(level);
    if (parsed.ok) onSubmit(parsed.value);
    else setError(parsed.error);
  }

  return (
    <form className="action-panel" noValidate onSubmit={submit}>
      <div className="action-panel-fields">
        <FormField label="Level (optional)" error={error} hint="Leave empty for the next level">
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={20}
              value={level}
              autoFocus
              onChange={(e) => {
                setLevel(e.target.value);
                setError(undefined);
              }}
            />
          )}
        </FormField>
      </div>
      <PanelButtons
        label={actionWording.escalate.label}
        submitting={submitting}
        onCancel={onCancel}
      />
    </form>
  );
}
