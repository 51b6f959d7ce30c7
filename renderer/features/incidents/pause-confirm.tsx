import type { FormEvent } from 'react';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import { PanelButtons } from './panel-buttons.js';

type Props = {
  submitting: boolean;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
};

/**
 * Pausing stops the monitor watching the check for everyone on the project, so it is asked
 * once more, in words, before it is sent.
 */
export function PauseConfirm({ submitting, onSubmit, onCancel }: Props) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ type: 'pause' });
  }
  return (
    <form className="action-panel" onSubmit={submit}>
      <p className="action-panel-note">
        Pause this check for everyone? It stops alerting until it is pinged again (or resumed by
        hand, if it needs a manual resume).
      </p>
      <PanelButtons label={actionWording.pause.label} submitting={submitting} onCancel={onCancel} />
    </form>
  );
}
