import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import { FormField } from '../../components/form-field.js';
import { maxNoteLength, parseNote } from './incident-action-model.js';
import { PanelButtons } from './panel-buttons.js';

/** The state changes a note may ride with, when the incident offers them now. */
export type NoteCarrier = 'ack' | 'resolve';

type Props = {
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
  carriers?: readonly NoteCarrier[];
};

const carrierLabels: Record<NoteCarrier, string> = {
  ack: 'Acknowledge with note',
  resolve: 'Resolve with note',
};

export function NoteForm({ submitting, onSubmit, onCancel, carriers = [] }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();

  function send(carrier?: NoteCarrier) {
    const parsed = parseNote(text, carrier);
    if (parsed.ok) onSubmit(parsed.value);
    else setError(parsed.error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  // Enter writes a new line in a note; Ctrl/Cmd+Enter sends it, as in most chat tools.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <form className="action-panel" noValidate onSubmit={submit}>
      <FormField label="Note" error={error} hint="Ctrl+Enter to add">
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={text}
            maxLength={maxNoteLength}
            autoFocus
            onKeyDown={onKeyDown}
            onChange={(e) => {
              setText(e.target.value);
              setError(undefined);
            }}
          />
        )}
      </FormField>
      {carriers.length > 0 && (
        <div className="action-panel-buttons">
          {carriers.map((carrier) => (
            <button
              key={carrier}
              type="button"
              className="button button-small"
              disabled={submitting}
              onClick={() => send(carrier)}
            >
              {carrierLabels[carrier]}
            </button>
          ))}
          <span className="action-panel-note">
            Your note is posted separately, once the provider has confirmed the change.
          </span>
        </div>
      )}
      <PanelButtons label={actionWording.note.label} submitting={submitting} onCancel={onCancel} />
    </form>
  );
}
