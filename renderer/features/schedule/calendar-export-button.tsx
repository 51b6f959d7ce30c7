import { useState } from 'react';
import type { CommandRequest } from '../../../electron/common/contract/ipc-contract.js';
import { useAppStore } from '../../store/store-context.js';

type Scope = CommandRequest<'exportCalendar'>['scope'];

/** Saves shifts as an .ics file and says what was saved, or why not. */
/** `compact`: a small button in a tight row; the outcome is announced and shown as its tooltip. */
export function CalendarExportButton({
  scope,
  label,
  compact = false,
}: {
  scope: Scope;
  label: string;
  compact?: boolean;
}) {
  const exportCalendar = useAppStore((s) => s.exportCalendar);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const outcome = await exportCalendar(scope);
    setBusy(false);
    setResult(
      outcome.ok
        ? {
            ok: true,
            text: `Saved ${outcome.value.events} shift${outcome.value.events === 1 ? '' : 's'} as ${outcome.value.fileName}`,
          }
        : { ok: false, text: outcome.error },
    );
  };
  return (
    <span className="calendar-export">
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => void run()}
        disabled={busy}
        title={
          compact && result
            ? result.text
            : 'An iCalendar file for Google, Outlook or Apple Calendar (UTC times)'
        }
        aria-label={compact ? `Save this schedule as an iCalendar file` : undefined}
      >
        {label}
      </button>
      {result && (
        <span
          className={`calendar-export-result${result.ok ? '' : ' is-error'}${compact ? ' visually-hidden' : ''}`}
          role="status"
          data-testid="calendar-export-result"
        >
          {result.text}
        </span>
      )}
    </span>
  );
}
