import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { TerminalInfo } from '../../../electron/common/contract/terminal-contract.js';
import { safeHttpUrl } from '../../lib/safe-url.js';
import { useAppStore } from '../../store/store-context.js';

/** Fit after the panel has stopped changing size: every resize reflows the shell's screen. */
const fitDebounceMs = 100;

const theme = {
  background: '#0b0c0e',
  foreground: '#e6e7ea',
  cursor: '#7c8cff',
  selectionBackground: '#34373f',
};

/**
 * One terminal drawn with xterm.js: its screen as the core has it, then its output live; keys
 * and pastes go back as input, and the shell is resized to fit the panel. Links open in the
 * browser, and only when they are http(s).
 */
export function TerminalView({ info }: { info: TerminalInfo }) {
  const host = useRef<HTMLDivElement>(null);
  const searchAddon = useRef<SearchAddon | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const connection = useAppStore((s) => s.connection);
  const linkTerminalView = useAppStore((s) => s.linkTerminalView);
  const sendTerminalInput = useAppStore((s) => s.sendTerminalInput);
  const resizeTerminal = useAppStore((s) => s.resizeTerminal);
  const { id, cols, rows } = info;

  useEffect(() => {
    // A dropped connection let go of the view in the core: draw it afresh once it is back.
    if (!host.current || connection !== 'open') return;
    const terminal = new Terminal({
      cols,
      rows,
      scrollback: 5_000,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      theme,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    terminal.loadAddon(
      new WebLinksAddon((_event, uri) => {
        const href = safeHttpUrl(uri);
        if (href) window.open(href, '_blank', 'noopener,noreferrer');
      }),
    );
    terminal.open(host.current);
    searchAddon.current = search;
    setError(null);

    const unlink = linkTerminalView(
      id,
      {
        write: (data, parsed) => terminal.write(data, parsed),
        reset: () => terminal.reset(),
        resize: (c, r) => terminal.resize(c, r),
      },
      setError,
    );
    const input = terminal.onData((data) => sendTerminalInput(id, data, setError));
    const resized = terminal.onResize(({ cols: c, rows: r }) => resizeTerminal(id, c, r));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fitSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A hidden panel measures as nothing; fitting it would shrink the shell to one column.
        if (host.current && host.current.clientWidth > 0) fit.fit();
      }, fitDebounceMs);
    };
    const observer = new ResizeObserver(fitSoon);
    observer.observe(host.current);
    fitSoon();
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      input.dispose();
      resized.dispose();
      unlink();
      searchAddon.current = null;
      terminal.dispose();
    };
    // The size is only the start; later sizes come from fitting, not from new props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, connection, linkTerminalView, sendTerminalInput, resizeTerminal]);

  const find = (backwards: boolean) => {
    if (!query) return;
    if (backwards) searchAddon.current?.findPrevious(query);
    else searchAddon.current?.findNext(query);
  };

  return (
    <div className="terminal-view">
      <form
        className="terminal-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          find(false);
        }}
      >
        <input
          type="search"
          aria-label="Find in terminal"
          placeholder="Find"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && event.shiftKey) {
              event.preventDefault();
              find(true);
            }
          }}
        />
      </form>
      {error && (
        <p className="terminal-error" role="alert">
          {error}
        </p>
      )}
      <div
        ref={host}
        className="terminal-screen"
        data-testid="terminal-screen"
        data-terminal-id={id}
      />
    </div>
  );
}
