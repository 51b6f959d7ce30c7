import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context.js';
import './runbooks.css';

/** Every runbook Onwatch loaded, every file that did not load and why, and the folders read. */
export function RunbooksPage() {
  const library = useAppStore((s) => s.runbookLibrary);
  const error = useAppStore((s) => s.runbookLibraryError);
  const loadRunbookLibrary = useAppStore((s) => s.loadRunbookLibrary);
  useEffect(() => {
    void loadRunbookLibrary();
  }, [loadRunbookLibrary]);

  if (error) return <p className="form-error runbooks-page">{error}</p>;
  if (!library) return <p className="muted runbooks-page">Reading runbooks…</p>;
  return (
    <div className="runbooks-page">
      {library.problems.length > 0 && (
        <section className="settings-section" aria-labelledby="runbook-problems-heading">
          <h2 id="runbook-problems-heading">Files that did not load ({library.problems.length})</h2>
          <ul className="runbook-problems" data-testid="runbook-problems">
            {library.problems.map((problem) => (
              <li key={problem.path}>
                <code>
                  {problem.path}
                  {problem.line !== undefined && `:${problem.line}`}
                </code>
                <span className="form-error">{problem.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="settings-section" aria-labelledby="runbook-list-heading">
        <h2 id="runbook-list-heading">Runbooks ({library.runbooks.length})</h2>
        <table className="runbook-table" data-testid="runbook-list">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Answers</th>
              <th scope="col">Steps</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {library.runbooks.map((runbook) => (
              <tr key={runbook.id}>
                <td>
                  {runbook.title}
                  <div className="muted">{runbook.id}</div>
                </td>
                <td>
                  {[...runbook.match, ...runbook.runbookUrls].map((rule) => (
                    <div key={rule}>
                      <code>{rule}</code>
                    </div>
                  ))}
                </td>
                <td>{runbook.steps}</td>
                <td>
                  <code>{runbook.path}</code>
                  {runbook.origin === 'shipped' && (
                    <div className="muted">shipped with Onwatch</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="settings-section" aria-labelledby="runbook-folders-heading">
        <h2 id="runbook-folders-heading">Folders</h2>
        <ul className="runbook-folders">
          {library.folders.map((folder) => (
            <li key={folder.path}>
              <code>{folder.path}</code>{' '}
              <span className={folder.state === 'unreadable' ? 'form-error' : 'muted'}>
                {folder.state === 'ok'
                  ? `${folder.files} file${folder.files === 1 ? '' : 's'}`
                  : folder.message}
                {folder.origin === 'shipped' && ' · shipped with Onwatch'}
              </span>
            </li>
          ))}
        </ul>
        {library.draftFolder && (
          <p className="muted">
            New runbooks (“Create a runbook for this alert”) go to{' '}
            <code>{library.draftFolder}</code>; edits load as they are saved. Change the folders in
            Settings.
          </p>
        )}
      </section>
    </div>
  );
}
