import { useId, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/store-context.js';
import { defaultAckAccelerator } from '../../../electron/common/ack-shortcut.js';

/** Electron's own default; the main side registers it when nothing is saved. */

/** The global key that acks my newest triggered incident, in Electron's accelerator syntax. */
export function AckShortcutForm({ initial }: { initial: string | undefined }) {
  const updateAckShortcut = useAppStore((s) => s.updateAckShortcut);
  const [accelerator, setAccelerator] = useState(initial ?? defaultAckAccelerator);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await updateAckShortcut(accelerator.trim());
    setMessage(
      result.ok
        ? { ok: true, text: 'Saved. The desktop app listens for it at once.' }
        : { ok: false, text: result.error },
    );
  }

  return (
    <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={id}>Acknowledge shortcut</label>
        <input
          id={id}
          value={accelerator}
          maxLength={60}
          spellCheck={false}
          placeholder={defaultAckAccelerator}
          onChange={(e) => setAccelerator(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={accelerator.trim() === ''}>
        Set shortcut
      </button>
      <span className={message?.ok === false ? 'form-error' : 'form-note'} aria-live="polite">
        {message?.text ?? 'Acks your newest triggered incident from any app (desktop app only).'}
      </span>
    </form>
  );
}
