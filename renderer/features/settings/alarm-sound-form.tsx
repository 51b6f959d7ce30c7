import { useState } from 'react';
import { FormField } from '../../components/form-field.js';
import { alarmSoundOptions, isAlarmSound } from '../../lib/alarm-sounds.js';
import type { AlarmSound } from '../../../electron/common/alarm-sounds.js';
import { selectAlarmSound } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

/** Saved on change; "Test sound" plays the choice here, at full volume, without paging anyone. */
export function AlarmSoundForm() {
  const saved = useAppStore(selectAlarmSound);
  const updateAlarmSound = useAppStore((s) => s.updateAlarmSound);
  const playTestSound = useAppStore((s) => s.playTestSound);
  // The choice being saved; the saved one arrives with the next state.
  const [pending, setPending] = useState<AlarmSound | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sound = pending ?? saved;

  async function choose(next: string) {
    if (!isAlarmSound(next)) return;
    setPending(next);
    setError(null);
    const result = await updateAlarmSound(next);
    setPending(null);
    if (!result.ok) setError(result.error);
  }

  async function test() {
    setError(null);
    const result = await playTestSound(sound);
    if (!result.ok) setError(`Could not play it: ${result.error}`);
  }

  return (
    <div className="inline-form">
      <FormField label="Alarm sound">
        {(control) => (
          <select
            {...control}
            value={sound}
            disabled={pending !== null}
            onChange={(e) => void choose(e.target.value)}
          >
            {alarmSoundOptions.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="button" className="button" onClick={() => void test()}>
        Test sound
      </button>
      <span className="form-error" aria-live="polite">
        {error}
      </span>
    </div>
  );
}
