import { useState } from 'react';
import { fastLaneChoices, type FastLane } from '../../../electron/common/attention-config.js';
import { FormField } from '../../components/form-field.js';
import { selectFastLane } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

const choiceLabels: Record<FastLane, string> = {
  'on-call': 'While I am on call',
  always: 'Always',
  off: 'Never',
};

const isFastLane = (value: string): value is FastLane =>
  (fastLaneChoices as readonly string[]).includes(value);

/** Saved on change, like the alarm sound; applies to running sources at once. */
export function FastLaneForm() {
  const saved = useAppStore(selectFastLane);
  const updateFastLane = useAppStore((s) => s.updateFastLane);
  const [pending, setPending] = useState<FastLane | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: string) {
    if (!isFastLane(next)) return;
    setPending(next);
    setError(null);
    const result = await updateFastLane(next);
    setPending(null);
    if (!result.ok) setError(result.error);
  }

  return (
    <div className="inline-form">
      <FormField
        label="Fast lane"
        hint="New pages show within seconds: Alertmanager polls every 2 s, PagerDuty and Opsgenie look for a new page every 2.5 s, Splunk On-Call polls every 20 s, all within their rate limits."
      >
        {(control) => (
          <select
            {...control}
            value={pending ?? saved}
            disabled={pending !== null}
            onChange={(e) => void choose(e.target.value)}
          >
            {fastLaneChoices.map((choice) => (
              <option key={choice} value={choice}>
                {choiceLabels[choice]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <span className="form-error" aria-live="polite">
        {error}
      </span>
    </div>
  );
}
