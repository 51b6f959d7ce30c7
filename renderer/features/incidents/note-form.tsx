import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import { FormField } from '../../components/form-field.js';
import { maxNoteLength, parseNote } from './incident-action-model.js';
import { PanelButtons } from './panel-buttons.js';

type Props = {
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
};

export function NoteForm({ submitting, onSubmit, onCancel }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseNote(text);
    if (parsed.ok) onSubmit(parsed.value);
    else setError(parsed.error);
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
      <PanelButtons label={actionWording.note.label} submitting={submitting} onCancel={onCancel} />
    </form>
  );
}
