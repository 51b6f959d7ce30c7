import { useMemo, useState } from 'react';
import type { CheckView } from '../../../electron/common/contract/checks-state.js';
import { useNow } from '../../lib/use-now.js';
import { useAppStore } from '../../store/store-context.js';
import { sortChecks } from './check-display.js';
import { CheckForm } from './check-form.js';
import { CheckRow } from './check-row.js';
import { PhaseLegend } from './phase-bar.js';
import './checks.css';

const none: CheckView[] = [];

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; check: CheckView };

/** Every check, local and hosted, with its last probe; local checks are managed from here. */
export function ChecksPage() {
  const checks = useAppStore((s) => s.appState?.checks ?? none);
  const sorted = useMemo(() => sortChecks(checks), [checks]);
  const now = useNow(10_000);
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const failing = checks.filter((c) => c.state === 'down' || c.state === 'recovering').length;
  const close = () => setEditing({ mode: 'closed' });

  return (
    <div className="checks-page">
      <div className="checks-toolbar">
        <p className="checks-summary" aria-live="polite">
          {checks.length} check{checks.length === 1 ? '' : 's'}
          {failing > 0 && <>, {failing} down</>}
        </p>
        <PhaseLegend />
        {editing.mode === 'closed' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'add' })}
          >
            Add check
          </button>
        )}
      </div>
      {editing.mode === 'add' && <CheckForm onDone={close} />}
      {editing.mode === 'edit' && editing.check.config && (
        <CheckForm
          key={`${editing.check.sourceId}/${editing.check.checkId}`}
          editing={{
            sourceId: editing.check.sourceId,
            checkId: editing.check.checkId,
            check: editing.check.config,
          }}
          onDone={close}
        />
      )}
      {sorted.length === 0 ? (
        <p className="empty-state">
          No checks yet. Add a local HTTP, TCP, DNS or TLS check here, or connect Healthchecks.io,
          Pingdom or NodePing in Settings.
        </p>
      ) : (
        <div className="checks-table-wrap">
          <table className="checks-table">
            <caption className="visually-hidden">Checks, failing first</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">State</th>
                <th scope="col">Last result</th>
                <th scope="col">Phases</th>
                <th scope="col">Last hour</th>
                <th scope="col">Certificate</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((check) => (
                <CheckRow
                  key={`${check.sourceId}/${check.checkId}`}
                  check={check}
                  now={now}
                  onEdit={(picked) => setEditing({ mode: 'edit', check: picked })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
