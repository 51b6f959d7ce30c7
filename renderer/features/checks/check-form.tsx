import { useState, type FormEvent } from 'react';
import type { CommandIssue } from '../../../electron/common/contract/command-error.js';
import type { HealthCheck } from '../../../electron/common/providers/health-check-schema.js';
import { FormField } from '../../components/form-field.js';
import { useAppStore } from '../../store/store-context.js';
import {
  blankFields,
  checkOf,
  fieldsOf,
  type CheckFields,
  type CheckKind,
} from './check-form-model.js';

const kindLabels: Record<CheckKind, string> = {
  http: 'HTTP(S) request',
  tcp: 'TCP connect',
  dns: 'DNS lookup',
  tls: 'TLS certificate',
};
const recordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV'];

interface Props {
  /** Editing: the check's source, id and saved settings; absent, a new check. */
  editing?: { sourceId: string; checkId: string; check: HealthCheck };
  onDone(): void;
}

/** Add or edit one local check; settings the form does not show are kept as saved. */
export function CheckForm({ editing, onDone }: Props) {
  const saveCheck = useAppStore((s) => s.saveCheck);
  const [fields, setFields] = useState<CheckFields>(
    editing ? fieldsOf(editing.check) : blankFields,
  );
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<CommandIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CheckFields>) => setFields((before) => ({ ...before, ...patch }));
  const issueOf = (field: string) =>
    issues.find((issue) => issue.path[0] === 'check' && issue.path[1] === field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await saveCheck({
      ...(editing && { sourceId: editing.sourceId, checkId: editing.checkId }),
      check: checkOf(fields, editing?.check),
    });
    setBusy(false);
    if (outcome.ok) return onDone();
    setError(outcome.error);
    setIssues(outcome.issues ?? []);
  };

  const title = editing ? `Edit ${editing.check.name}` : 'Add a check';
  return (
    <form className="check-form" aria-label={title} onSubmit={(event) => void submit(event)}>
      <h2 className="check-form-title">{title}</h2>
      <div className="check-form-grid">
        <FormField label="Check type">
          {(control) => (
            <select
              {...control}
              value={fields.kind}
              onChange={(event) => set({ kind: event.target.value as CheckKind })}
            >
              {Object.entries(kindLabels).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Check name" error={issueOf('name')}>
          {(control) => (
            <input
              {...control}
              value={fields.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          )}
        </FormField>
        {fields.kind === 'http' && (
          <>
            <FormField label="URL" error={issueOf('url')}>
              {(control) => (
                <input
                  {...control}
                  type="url"
                  placeholder="https://api.example.com/health"
                  value={fields.url}
                  onChange={(event) => set({ url: event.target.value })}
                />
              )}
            </FormField>
            <FormField
              label="Expected status"
              error={issueOf('expectStatus')}
              hint="Comma-separated, such as 200, 2xx or 200-204"
            >
              {(control) => (
                <input
                  {...control}
                  value={fields.expectStatus}
                  onChange={(event) => set({ expectStatus: event.target.value })}
                />
              )}
            </FormField>
          </>
        )}
        {(fields.kind === 'tcp' || fields.kind === 'tls') && (
          <>
            <FormField label="Host" error={issueOf('host')}>
              {(control) => (
                <input
                  {...control}
                  value={fields.host}
                  onChange={(event) => set({ host: event.target.value })}
                />
              )}
            </FormField>
            <FormField label="Port" error={issueOf('port')}>
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  placeholder={fields.kind === 'tls' ? '443' : undefined}
                  value={fields.port}
                  onChange={(event) => set({ port: event.target.value })}
                />
              )}
            </FormField>
          </>
        )}
        {fields.kind === 'dns' && (
          <>
            <FormField label="Name to look up" error={issueOf('query')}>
              {(control) => (
                <input
                  {...control}
                  value={fields.query}
                  onChange={(event) => set({ query: event.target.value })}
                />
              )}
            </FormField>
            <FormField label="Record type">
              {(control) => (
                <select
                  {...control}
                  value={fields.recordType}
                  onChange={(event) => set({ recordType: event.target.value })}
                >
                  {recordTypes.map((type) => (
                    <option key={type}>{type}</option>
                  ))}
                </select>
              )}
            </FormField>
          </>
        )}
        <FormField label="Every (seconds)" error={issueOf('intervalSeconds')}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={fields.intervalSeconds}
              onChange={(event) => set({ intervalSeconds: event.target.value })}
            />
          )}
        </FormField>
        <FormField label="Timeout (seconds)" error={issueOf('timeoutSeconds')}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={fields.timeoutSeconds}
              onChange={(event) => set({ timeoutSeconds: event.target.value })}
            />
          )}
        </FormField>
        <FormField label="Urgency when down">
          {(control) => (
            <select
              {...control}
              value={fields.urgency}
              onChange={(event) => set({ urgency: event.target.value as 'high' | 'low' })}
            >
              <option value="high">High: climbs the ladder</option>
              <option value="low">Low: listed quietly</option>
            </select>
          )}
        </FormField>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="check-form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {editing ? 'Save check' : 'Add check'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
