import { useState } from 'react';
import { defaultAttentionConfig } from '../../../electron/common/attention-config.js';
import { formatDuration } from '../../../electron/common/time-format.js';
import { useAppStore } from '../../store/store-context.js';

/** The default high-urgency ladder in words, e.g. "the alarm sound after 1 min". */
function defaultLadderText(): string {
  const { criticalAfterSeconds, repeatAfterSeconds, takeoverAfterSeconds } =
    defaultAttentionConfig.high;
  const after = (seconds: number | null) =>
    seconds === null ? null : `after ${formatDuration(seconds * 1000, { smallest: 'second' })}`;
  const rungs = [
    ['the alarm sound', after(criticalAfterSeconds)],
    ['repeating sound with the window in front', after(repeatAfterSeconds)],
    ['a full-screen takeover', after(takeoverAfterSeconds)],
  ].filter(([, at]) => at !== null);
  return ['a notification now', ...rungs.map(([what, at]) => `${what} ${at}`)].join(', ');
}

/** A practice page through the real ladder, so sound and notifications are proven before a shift. */
export function TestPageForm() {
  const sendTestPage = useAppStore((s) => s.sendTestPage);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setSending(true);
    setError(null);
    // On success the store shows the new incident, so only a failure needs saying here.
    const result = await sendTestPage();
    setSending(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <div className="test-page">
      <button type="button" className="button" disabled={sending} onClick={() => void send()}>
        Send me a test page
      </button>
      <p className="test-page-hint">
        It climbs the full escalation ladder: {defaultLadderText()} (default timings). Acknowledge
        it to stop.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
