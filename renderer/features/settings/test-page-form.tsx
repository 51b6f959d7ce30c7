import { useState } from 'react';
import { useAppStore } from '../../store/store-context.js';

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
        It climbs the full escalation ladder: a notification now, the alarm sound after 60 s,
        repeating sound with the window in front after 2 min, and a full-screen takeover after 5 min
        (default timings). Acknowledge it to stop.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
