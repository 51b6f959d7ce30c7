import { useState, type FormEvent } from 'react';
import { maxShiftReminderLeadMinutes } from '../../../electron/common/attention-config.js';
import { FormField } from '../../components/form-field.js';
import { selectShiftReminderLead } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

/**
 * The reminder before a shift of mine starts: minutes ahead, 0 for none. The box shows the
 * saved value (from any window) until the responder types.
 */
export function ShiftReminderForm() {
  const saved = useAppStore(selectShiftReminderLead);
  const updateShiftReminderLead = useAppStore((s) => s.updateShiftReminderLead);
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? String(saved);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const minutes = Number(text);
    if (text.trim() === '' || !Number.isFinite(minutes)) {
      setMessage({ ok: false, text: 'Enter a number of minutes (0 turns the reminder off).' });
      return;
    }
    setSaving(true);
    const result = await updateShiftReminderLead(minutes);
    setSaving(false);
    if (result.ok) setEdited(null);
    setMessage(
      result.ok
        ? {
            ok: true,
            text:
              minutes === 0
                ? 'No reminder before a shift starts.'
                : `Reminding you ${minutes} min before a shift starts.`,
          }
        : { ok: false, text: result.error },
    );
  }

  return (
    <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
      <FormField
        label="Remind me before a shift starts (minutes)"
        hint="0 turns it off. The reminders when a shift starts and an hour before it ends stay."
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={0}
            max={maxShiftReminderLeadMinutes}
            step={1}
            value={text}
            onChange={(e) => setEdited(e.target.value)}
          />
        )}
      </FormField>
      <button type="submit" className="button" disabled={saving}>
        Set reminder
      </button>
      <span className={message?.ok === false ? 'form-error' : 'form-note'} aria-live="polite">
        {message?.text}
      </span>
    </form>
  );
}
