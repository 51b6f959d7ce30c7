import { useState, type FormEvent } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction, ReassignTarget } from '../../../electron/common/model/action.js';
import { FormField } from '../../components/form-field.js';
import { parseReassign } from './incident-action-model.js';
import { PanelButtons } from './panel-buttons.js';

type Props = {
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
};

const idLabels: Record<ReassignTarget['kind'], string> = {
  user: 'User ID',
  'escalation-policy': 'Escalation policy ID',
};

export function ReassignForm({ submitting, onSubmit, onCancel }: Props) {
  const [kind, setKind] = useState<ReassignTarget['kind']>('user');
  const [id, setId] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseReassign(kind, id);
    if (parsed.ok) onSubmit(parsed.value);
    else setError(parsed.error);
  }

  return (
    <form className="action-panel" noValidate onSubmit={submit}>
      <div className="action-panel-fields">
        <FormField label="Reassign to">
          {(control) => (
            <select
              {...control}
              value={kind}
              autoFocus
              onChange={(e) => setKind(e.target.value as ReassignTarget['kind'])}
            >
              <option value="user">A user</option>
              <option value="escalation-policy">An escalation policy</option>
            </select>
          )}
        </FormField>
        <FormField
          label={idLabels[kind]}
          error={error}
          hint="The provider’s ID, or the username / slug on Splunk On-Call"
        >
          {(control) => (
            <input
              {...control}
              value={id}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setId(e.target.value);
                setError(undefined);
              }}
            />
          )}
        </FormField>
      </div>
      <PanelButtons
        label={actionWording.reassign.label}
        submitting={submitting}
        onCancel={onCancel}
      />
    </form>
  );
}
