import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatAge } from '../../lib/format-time.js';
import { useNow } from '../../lib/use-now.js';
import {
  selectActionError,
  selectBusyActionTypes,
  selectIncidentByKey,
  selectSourceName,
  selectTakeoverKey,
} from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { SilenceButton } from './silence-button.js';

/** Covers the window while the main side says so; only an ack, a silence or stepping back end it. */
export function Takeover() {
  const key = useAppStore(selectTakeoverKey);
  return key ? <TakeoverDialog key={key} incidentKey={key} /> : null;
}

const focusable = 'button:not(:disabled), [href], input, select, textarea, [tabindex="0"]';

function TakeoverDialog({ incidentKey }: { incidentKey: string }) {
  const incident = useAppStore(selectIncidentByKey(incidentKey));
  const sourceName = useAppStore(selectSourceName(incident?.sourceId ?? ''));
  const busy = useAppStore(useShallow(selectBusyActionTypes(incidentKey)));
  const error = useAppStore(selectActionError(incidentKey));
  const ack = useAppStore((s) => s.ack);
  const openTakeoverIncident = useAppStore((s) => s.openTakeoverIncident);
  const now = useNow(10_000);
  const dialog = useRef<HTMLDivElement>(null);
  const id = useId();

  // Focus the dialog, not Acknowledge: a key pressed mid-sentence must not ack unseen.
  useEffect(() => {
    dialog.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    // Escape must not dismiss a page; only acknowledging or silencing it does.
    if (event.key === 'Escape') event.preventDefault();
    if (event.key !== 'Tab') return;
    const items = [...dialog.current!.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    const atStart = document.activeElement === first || document.activeElement === dialog.current;
    if (event.shiftKey && atStart) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    // A press on the backdrop would move focus out of the dialog to the (inert) page.
    <div
      className="takeover-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div
        ref={dialog}
        className="takeover"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-facts`}
        data-testid="takeover"
        data-key={incidentKey}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <p className="takeover-kicker">
          <span className="stage-dot" aria-hidden="true" />
          Unacknowledged page
        </p>
        <h1 id={`${id}-title`} className="takeover-title">
          {incident?.title ?? incidentKey}
        </h1>
        <dl id={`${id}-facts`} className="takeover-facts">
          <div>
            <dt>Service</dt>
            <dd>{incident?.service ?? '—'}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{incident ? sourceName : '—'}</dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd>{incident ? formatAge(incident.createdAt, now) : '—'}</dd>
          </div>
        </dl>
        <button
          type="button"
          className="button button-primary takeover-ack"
          disabled={busy.includes('ack')}
          onClick={() => void ack(incidentKey)}
        >
          Acknowledge
        </button>
        <div className="takeover-more">
          <SilenceButton className="button" />
          <button type="button" className="button" onClick={openTakeoverIncident}>
            Open incident
          </button>
        </div>
        {error && (
          <p role="alert" className="action-error">
            Not sent: {error}
          </p>
        )}
      </div>
    </div>
  );
}
