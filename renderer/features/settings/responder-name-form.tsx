import { useId, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/store-context.js';

export function ResponderNameForm({ initialName }: { initialName: string }) {
  const updateResponderName = useAppStore((s) => s.updateResponderName);
  const [name, setName] = useState(initialName);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const result = await updateResponderName(name);
    setSaving(false);
    setMessage(result.ok ? { ok: true, text: 'Name updated.' } : { ok: false, text: result.error });
  }

  return (
    <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={id}>Responder name</label>
        <input
          id={id}
          value={name}
          maxLength={80}
          autoComplete="name"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={saving}>
        Update name
      </button>
      <span className={message?.ok === false ? 'form-error' : 'form-note'} aria-live="polite">
        {message?.text}
      </span>
    </form>
  );
}
