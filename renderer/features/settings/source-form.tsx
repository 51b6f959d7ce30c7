import { useId, useState, type FormEvent } from 'react';
import type { AuthType } from '../../lib/contract-types.js';
import { deriveSourceId } from '../../lib/source-id.js';
import { useAppStore } from '../../store/store-context.js';
import type { EditingSource } from './editing-source.js';
import { FormField } from './form-field.js';
import {
  buildSourceRequest,
  emptySourceForm,
  formValuesFromConfig,
  noSecrets,
  parseFieldErrors,
  type FieldErrors,
  type SecretInputs,
  type SourceField,
  type SourceFormValues,
} from './source-form-model.js';

type Props = { editing: EditingSource | undefined; existingIds: string[]; onDone: () => void };
type Status = { ok: boolean; text: string };

const storedPlaceholder = '•••••• (stored in keychain)';

const authOptions: { value: AuthType; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'basic', label: 'Basic (username and password)' },
  { value: 'bearer', label: 'Bearer token' },
];

/** Secrets live only in this component's state, are sent once, and are cleared after saving. */
export function SourceForm({ editing, existingIds, onDone }: Props) {
  const saveSource = useAppStore((s) => s.saveSource);
  const testSource = useAppStore((s) => s.testSource);
  const [values, setValues] = useState<SourceFormValues>(() =>
    editing ? formValuesFromConfig(editing.config) : emptySourceForm,
  );
  const [secrets, setSecrets] = useState<SecretInputs>(noSecrets);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const id = editing?.config.id ?? deriveSourceId(values.name, existingIds);
  const request = () => buildSourceRequest(values, id, secrets, editing?.config);

  function clearError(field: SourceField) {
    setFieldErrors(({ [field]: _cleared, ...rest }) => rest);
  }
  function update<K extends keyof SourceFormValues>(field: K, value: SourceFormValues[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    clearError(field);
  }
  function updateSecret(field: keyof SecretInputs, value: string) {
    setSecrets((s) => ({ ...s, [field]: value }));
    clearError(field);
  }
  /** Spreads the main side's validation message over the fields; returns the rest. */
  function showFieldErrors(message: string): string {
    const { fields, other } = parseFieldErrors(message);
    setFieldErrors(fields);
    return other ?? 'Check the highlighted fields.';
  }

  async function testConnection() {
    setBusy(true);
    setStatus(null);
    setFormError(null);
    const result = await testSource(request());
    setBusy(false);
    if (!result.ok) return setStatus({ ok: false, text: showFieldErrors(result.error) });
    setFieldErrors({});
    const test = result.value;
    setStatus(
      test.ok
        ? { ok: true, text: test.identity ? `${test.summary} (${test.identity})` : test.summary }
        : { ok: false, text: test.error },
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    setFormError(null);
    const result = await saveSource(editing ? 'edit' : 'add', request());
    setBusy(false);
    if (!result.ok) return setFormError(showFieldErrors(result.error));
    setSecrets(noSecrets);
    setFieldErrors({});
    if (editing) return onDone();
    setStatus({ ok: true, text: `Added “${values.name.trim()}”.` });
    setValues(emptySourceForm);
  }

  const secretField = (field: keyof SecretInputs, label: string) => (
    <FormField label={label} error={fieldErrors[field]}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="new-password"
          value={secrets[field]}
          placeholder={editing?.secretsConfigured[field] ? storedPlaceholder : undefined}
          onChange={(e) => updateSecret(field, e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <form
      className="source-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => void save(e)}
    >
      <h2 id={headingId}>
        {editing ? `Edit “${editing.config.name}”` : 'Add Alertmanager source'}
      </h2>
      <div className="form-grid">
        <FormField
          label="Name"
          error={fieldErrors.name}
          hint={values.name.trim() ? `ID: ${id}` : undefined}
        >
          {(control) => (
            <input
              {...control}
              value={values.name}
              placeholder="Production Alertmanager"
              onChange={(e) => update('name', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Base URL" error={fieldErrors.baseUrl}>
          {(control) => (
            <input
              {...control}
              type="url"
              value={values.baseUrl}
              placeholder="http://alertmanager:9093"
              onChange={(e) => update('baseUrl', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Authentication" error={fieldErrors.authType}>
          {(control) => (
            <select
              {...control}
              value={values.authType}
              onChange={(e) => update('authType', e.target.value as AuthType)}
            >
              {authOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {values.authType === 'basic' && (
          <FormField label="Username" error={fieldErrors.username}>
            {(control) => (
              <input
                {...control}
                value={values.username}
                autoComplete="off"
                onChange={(e) => update('username', e.target.value)}
              />
            )}
          </FormField>
        )}
        {values.authType === 'basic' && secretField('password', 'Password')}
        {values.authType === 'bearer' && secretField('token', 'Token')}
        <FormField label="Ack silence (minutes)" error={fieldErrors.ackSilenceMinutes}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              value={values.ackSilenceMinutes}
              onChange={(e) => update('ackSilenceMinutes', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Poll interval (seconds)" error={fieldErrors.pollIntervalSeconds}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={5}
              value={values.pollIntervalSeconds}
              onChange={(e) => update('pollIntervalSeconds', e.target.value)}
            />
          )}
        </FormField>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void testConnection()}
        >
          Test connection
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        {editing && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <p role="status" className={status?.ok === false ? 'form-error' : 'form-note'}>
          {status?.text}
        </p>
      </div>
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
    </form>
  );
}
