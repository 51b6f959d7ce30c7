import { useId, useState, type FormEvent } from 'react';
import type { CommandRequest } from '../../../electron/common/contract/ipc-contract.js';
import { useAppStore } from '../../store/store-context.js';

/** `path` or `path owner/name` per line, as the folders box shows them. */
function foldersText(folders: { path: string; repo?: string }[] | undefined): string {
  return (folders ?? []).map((f) => (f.repo ? `${f.path} ${f.repo}` : f.path)).join('\n');
}

function parseFolders(text: string): { path: string; repo?: string }[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.map((line) => {
    const match = /^(.*\S)\s+([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)$/.exec(line);
    return match ? { path: match[1]!, repo: match[2]! } : { path: line };
  });
}

/** Where runbooks come from, and how terminals start. */
export function RunbookSettingsForm() {
  const current = useAppStore((s) => s.appState?.settings.runbooks);
  const update = useAppStore((s) => s.updateRunbookSettings);
  const [folders, setFolders] = useState(() => foldersText(current?.folders));
  const [shell, setShell] = useState(current?.terminal.shell ?? '');
  const [workingDirectory, setWorkingDirectory] = useState(
    current?.terminal.workingDirectory ?? '',
  );
  const [incidentDirectory, setIncidentDirectory] = useState(
    current?.terminal.incidentDirectory ?? '',
  );
  const [inBrowser, setInBrowser] = useState(current?.terminalInBrowser ?? false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const request: CommandRequest<'updateRunbookSettings'> = {
      // An empty box means the default folder.
      folders: parseFolders(folders),
      terminal: {
        ...(optional(shell) && { shell: optional(shell) }),
        ...(optional(workingDirectory) && { workingDirectory: optional(workingDirectory) }),
        ...(optional(incidentDirectory) && { incidentDirectory: optional(incidentDirectory) }),
      },
      ...(inBrowser !== (current?.terminalInBrowser ?? false) && { terminalInBrowser: inBrowser }),
    };
    const result = await update(request);
    setSaving(false);
    setMessage(result.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: result.error });
  }

  return (
    <form className="runbook-settings" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-folders`}>Runbook folders</label>
        <textarea
          id={`${id}-folders`}
          rows={3}
          value={folders}
          placeholder="~/runbooks (the default: a runbooks folder in Onwatch's data folder)"
          spellCheck={false}
          onChange={(e) => setFolders(e.target.value)}
        />
        <p className="field-hint">
          One absolute path per line. After a clone of a runbooks repository, add its GitHub name (
          <code>~/src/runbooks prometheus-operator/runbooks</code>) so its links resolve to the
          files. The drill’s runbooks always come last.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-shell`}>Shell</label>
        <input
          id={`${id}-shell`}
          value={shell}
          placeholder="$SHELL"
          spellCheck={false}
          onChange={(e) => setShell(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-cwd`}>Working directory</label>
        <input
          id={`${id}-cwd`}
          value={workingDirectory}
          placeholder="~ (your home folder)"
          spellCheck={false}
          onChange={(e) => setWorkingDirectory(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-incident-dir`}>A folder per incident under</label>
        <input
          id={`${id}-incident-dir`}
          value={incidentDirectory}
          placeholder="unset: incident terminals start in the working directory"
          spellCheck={false}
          onChange={(e) => setIncidentDirectory(e.target.value)}
        />
      </div>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={inBrowser}
          onChange={(e) => setInBrowser(e.target.checked)}
        />{' '}
        Allow the terminal in the browser host (any page with its address could run commands as you;
        only the desktop app can turn this on)
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          Apply folders and terminal
        </button>
        <span className={message?.ok === false ? 'form-error' : 'form-note'} aria-live="polite">
          {message?.text}
        </span>
      </div>
    </form>
  );
}
