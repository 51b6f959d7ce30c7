import type { KeyboardEvent } from 'react';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import { DurationPicker } from './duration-picker.js';
import { EscalateForm } from './escalate-form.js';
import { silenceMinutes, snoozeMinutes, type SecondaryAction } from './incident-action-model.js';
import { NoteForm, type NoteCarrier } from './note-form.js';
import { PauseConfirm } from './pause-confirm.js';
import { ReassignForm } from './reassign-form.js';

type Props = {
  type: SecondaryAction;
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
  /** What a note may be sent with from the note panel (Acknowledge, Resolve). */
  noteCarriers?: readonly NoteCarrier[];
};

/** The open secondary action's controls; Escape closes it like Cancel. */
export function ActionPanel({ type, submitting, onSubmit, onCancel, noteCarriers }: Props) {
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  }
  const form = { submitting, onSubmit, onCancel };
  return (
    <div className="action-panel-frame" onKeyDown={onKeyDown}>
      {type === 'snooze' && (
        <DurationPicker
          label="Snooze for"
          minutes={snoozeMinutes}
          submitting={submitting}
          onPick={(minutes) => onSubmit({ type: 'snooze', minutes })}
          onCancel={onCancel}
        />
      )}
      {type === 'silence' && (
        <DurationPicker
          label="Silence for"
          minutes={silenceMinutes}
          submitting={submitting}
          onPick={(minutes) => onSubmit({ type: 'silence', minutes })}
          onCancel={onCancel}
        />
      )}
      {type === 'reassign' && <ReassignForm {...form} />}
      {type === 'escalate' && <EscalateForm {...form} />}
      {type === 'note' && <NoteForm {...form} carriers={noteCarriers} />}
      {type === 'pause' && <PauseConfirm {...form} />}
    </div>
  );
}
