import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  selectBlindSourceNames,
  selectIncidents,
  selectSelectedIncident,
  selectTakeoverKey,
} from '../../store/selectors.js';
import { useAppStore, useAppStoreApi } from '../../store/store-context.js';
import { OrphanActions } from '../actions/orphan-actions.js';
import { RunbookPanel } from '../runbooks/runbook-panel.js';
import { TerminalPanel } from '../terminal/terminal-panel.js';
import { BulkBar } from './bulk-bar.js';
import { ConsoleToolbar, searchInputId } from './console-toolbar.js';
import { consoleCommandFor } from './console-shortcuts.js';
import { detailTitleId, IncidentDetail } from './incident-detail.js';
import { IncidentList, incidentListId } from './incident-list.js';
import { ShortcutSheet } from './shortcut-sheet.js';
import './incidents.css';

const focusById = (id: string) => document.getElementById(id)?.focus({ preventScroll: true });

/** The console's keys, anywhere on the page except where text is typed. */
function useConsoleShortcuts() {
  const store = useAppStoreApi();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const command = consoleCommandFor(event);
      if (!command || selectTakeoverKey(store.getState()) !== null) return;
      event.preventDefault();
      if (command === 'focusSearch') return focusById(searchInputId);
      store.getState().consoleCommand(command);
      if (command === 'next' || command === 'previous') focusById(incidentListId);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

export function IncidentsPage() {
  const empty = useAppStore((s) => selectIncidents(s).length === 0);
  const blind = useAppStore(useShallow(selectBlindSourceNames));
  const selectedKey = useAppStore((s) => selectSelectedIncident(s)?.key);
  useConsoleShortcuts();
  const openDetail = useCallback(() => focusById(detailTitleId), []);

  if (empty) {
    return (
      <section className="incidents-empty" aria-label="Open incidents">
        <OrphanActions />
        {blind.length > 0 ? (
          <p className="empty-state empty-state-blind" data-testid="blind-empty-state">
            No open incidents from the sources Onwatch can reach, but it cannot see{' '}
            {blind.join(', ')}. You may be missing pages.
          </p>
        ) : (
          <p className="empty-state">All quiet. No open incidents.</p>
        )}
      </section>
    );
  }
  return (
    <div className="incidents-page has-workbench">
      <section className="incident-list" aria-label="Incident list">
        <OrphanActions />
        <ConsoleToolbar />
        <BulkBar />
        <IncidentList onOpen={openDetail} />
        <p className="shortcut-hint">
          Press <kbd>?</kbd> for keyboard shortcuts
        </p>
        <ShortcutSheet />
      </section>
      {/* The incident, its runbook below it, and the terminal beside them. */}
      <div className="incident-work">
        <IncidentDetail />
        {selectedKey && <RunbookPanel incidentKey={selectedKey} />}
      </div>
      {selectedKey && <TerminalPanel incidentKey={selectedKey} />}
    </div>
  );
}
