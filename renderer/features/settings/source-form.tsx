import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormField, type ControlProps } from '../../components/form-field.js';
import type { AuthType, EditableKind } from '../../lib/contract-types.js';
import { deriveSourceId } from '../../lib/source-id.js';
import { useAppStore } from '../../store/store-context.js';
import type { EditingSource } from './editing-source.js';
import {
  buildSourceRequest,
  describeConnectionTest,
  emptySourceForm,
  fieldLabel,
  formValuesFromConfig,
  noSecrets,
  parseFieldErrors,
  sourceKinds,
  validateSourceForm,
  visibleFields,
  type FieldErrors,
  type Region,
  type SecretInputs,
  type SourceField,
  type SourceFormValues,
} from './source-form-model.js';
import { fieldHint, fieldPlaceholder, regionOptions } from './source-form-text.js';

type Props = { editing: EditingSource | undefined; existingIds: string[]; onDone: () => void };
type Status = { ok: boolean; lines: string[] };

const storedPlaceholder = '•••••• (stored in keychain)';

const authOptions: { value: AuthType; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'basic', label: 'Basic (username and password)' },
  { value: 'bearer', label: 'Bearer token' },
];

type TextField = Exclude<keyof SourceFormValues, 'kind' | 'authType' | 'region'>;
const inputTypes: Partial<Record<TextField, string>> = {
  baseUrl: 'url',
  apiBaseUrl: 'url',
  email: 'email',
  ackSilenceMinutes: 'number',
  pollIntervalSeconds: 'number',
};
const minimums: Partial<Record<TextField, number>> = {
  ackSilenceMinutes: 1,
  pollIntervalSeconds: 5,
};

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
  /** Empty required boxes are flagged here, before a round trip to the main side. */
  function checkLocally(): boolean {
    const errors = validateSourceForm(values, secrets, editing?.secretsConfigured);
    setFieldErrors(errors);
    return Object.keys(errors).length === 0;
  }

  async function testConnection() {
    setStatus(null);
    setFormError(null);
    if (!checkLocally()) return setStatus({ ok: false, lines: ['Check the highlighted fields.'] });
    setBusy(true);
    const result = await testSource(request());
    setBusy(false);
    if (!result.ok) return setStatus({ ok: false, lines: [showFieldErrors(result.error)] });
    setFieldErrors({});
    setStatus(describeConnectionTest(result.value));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    setFormError(null);
    if (!checkLocally()) return setFormError('Check the highlighted fields.');
    setBusy(true);
    const result = await saveSource(editing ? 'edit' : 'add', request());
    setBusy(false);
    if (!result.ok) return setFormError(showFieldErrors(result.error));
    setSecrets(noSecrets);
    setFieldErrors({});
    if (editing) return onDone();
    setStatus({ ok: true, lines: [`Added “${values.name.trim()}”.`] });
    // The next source is often of the same kind (a second region, a staging account).
    setValues({ ...emptySourceForm, kind: values.kind });
  }

  function field(name: SourceField, render: (control: ControlProps) => ReactNode) {
    return (
      <FormField
        key={name}
        label={fieldLabel(name, values.kind)}
        error={fieldErrors[name]}
        hint={name === 'name' && values.name.trim() ? `ID: ${id}` : fieldHint(name, values)}
      >
        {render}
      </FormField>
    );
  }

  function renderField(name: SourceField): ReactNode {
    switch (name) {
      case 'kind':
        return null;
      case 'password':
      case 'token':
        return field(name, (control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={secrets[name]}
            placeholder={editing?.secretsConfigured[name] ? storedPlaceholder : undefined}
            onChange={(e) => updateSecret(name, e.target.value)}
          />
        ));
      case 'authType':
        return field(name, (control) => (
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
        ));
      case 'region':
        return field(name, (control) => (
          <select
            {...control}
            value={values.region}
            onChange={(e) => update('region', e.target.value as Region)}
          >
            {regionOptions(values.kind).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ));
      default:
        return field(name, (control) => (
          <input
            {...control}
            type={inputTypes[name] ?? 'text'}
            min={minimums[name]}
            value={values[name]}
            placeholder={fieldPlaceholder(name, values)}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update(name, e.target.value)}
          />
        ));
    }
  }

  return (
    <form
      className="source-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => void save(e)}
    >
      <h2 id={headingId}>{editing ? `Edit “${editing.config.name}”` : 'Add source'}</h2>
      <div className="form-grid">
        <FormField
          label={fieldLabel('kind', values.kind)}
          error={fieldErrors.kind}
          hint={editing ? 'A source keeps its type; add a new one to switch.' : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={values.kind}
              disabled={!!editing}
              onChange={(e) => {
                update('kind', e.target.value as EditableKind);
                setStatus(null);
              }}
            >
              {sourceKinds.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {visibleFields(values).map(renderField)}
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
          {status?.lines.map((line, index) => (
            <span key={index} className="status-line">
              {line}
            </span>
          ))}
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
