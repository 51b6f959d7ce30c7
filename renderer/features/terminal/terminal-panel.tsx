import { useEffect, useState } from 'react';
import { freeTerminalSlot } from '../../store/terminal-slice.js';
import { useAppStore } from '../../store/store-context.js';
import { TerminalView } from './terminal-view.js';
import './terminal.css';

/**
 * The terminals beside the runbook: the selected incident's (opened when it is shown, in its
 * working directory) and the free one. Where the window may not use terminals (a browser host
 * that has them off), it says why.
 */
export function TerminalPanel({ incidentKey }: { incidentKey: string }) {
  const access = useAppStore((s) => s.terminalAccess);
  const inBrowser = useAppStore((s) => s.appState?.settings.runbooks?.terminalInBrowser);
  const tab = useAppStore((s) => s.terminalTab);
  const slot = tab === 'incident' ? incidentKey : freeTerminalSlot;
  const info = useAppStore((s) => s.terminals[slot]);
  const error = useAppStore((s) => s.terminalErrors[slot]);
  const loadTerminalAccess = useAppStore((s) => s.loadTerminalAccess);
  const openTerminal = useAppStore((s) => s.openTerminal);
  const closeTerminal = useAppStore((s) => s.closeTerminal);
  const showTerminalTab = useAppStore((s) => s.showTerminalTab);
  /** Slots the responder closed: they stay closed until opened again by hand or by a Run. */
  const [closed, setClosed] = useState<Record<string, boolean>>({});

  useEffect(() => {
    void loadTerminalAccess();
  }, [loadTerminalAccess, inBrowser]);

  const enabled = access?.enabled === true;
  useEffect(() => {
    if (enabled && !info && !error && !closed[slot]) void openTerminal(slot);
  }, [enabled, info, error, slot, openTerminal, closed]);
  const open = () => {
    setClosed((before) => ({ ...before, [slot]: false }));
    void openTerminal(slot);
  };

  return (
    <section className="terminal-panel" aria-label="Terminal" data-testid="terminal-panel">
      <header className="terminal-header">
        <div className="terminal-tabs" role="tablist" aria-label="Terminals">
          {(['incident', 'free'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              className="terminal-tab"
              aria-selected={tab === name}
              onClick={() => showTerminalTab(name)}
            >
              {name === 'incident' ? 'This incident' : 'Free terminal'}
            </button>
          ))}
        </div>
        {info && (
          <span className="terminal-facts" title={info.cwd}>
            {info.shell.split('/').at(-1)} in {info.cwd}
          </span>
        )}
        {info && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              setClosed((before) => ({ ...before, [slot]: true }));
              void closeTerminal(slot);
            }}
          >
            Close
          </button>
        )}
      </header>
      {access && !access.enabled ? (
        <p className="terminal-off" data-testid="terminal-off">
          {access.reason}
        </p>
      ) : error ? (
        <div className="terminal-off" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={open}>
            Try again
          </button>
        </div>
      ) : info ? (
        <>
          {info.exit && (
            <div className="terminal-exited" role="status">
              The shell exited (code {info.exit.exitCode}).{' '}
              <button type="button" className="button button-small" onClick={open}>
                Open a new one
              </button>
            </div>
          )}
          <TerminalView key={info.id} info={info} />
        </>
      ) : closed[slot] ? (
        <div className="terminal-off">
          <p>The terminal is closed.</p>
          <button type="button" className="button" onClick={open}>
            Open a terminal
          </button>
        </div>
      ) : (
        <p className="terminal-off">Opening a terminal…</p>
      )}
    </section>
  );
}
