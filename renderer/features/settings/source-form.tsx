import { useId, useState } from 'react';
import {
  get,
  useForm,
  useWatch,
  type FieldError,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { FormField, type ControlProps } from '../../components/form-field.js';
import { deriveSourceId } from '../../lib/source-id.js';
import type { Failure } from '../../store/error-message.js';
import { useAppStore } from '../../store/store-context.js';
import type { EditingSource } from './editing-source.js';
import {
  describeConnectionTest,
  emptyFormOfKind,
  emptySourceForm,
  fieldMinimum,
  fieldPlaceholder,
  formValuesFromConfig,
  isStored,
  kindOptions,
  menusAfterKindChange,
  placeIssues,
  sourceFormResolver,
  visibleFields,
  type FormField as SourceField,
  type ParsedSourceRequest,
  type SourceFormValues,
  type StoredSecrets,
} from './source-form-model.js';

type Props = {
  editing: EditingSource | undefined;
  /** A new source started from another's settings (the move from Opsgenie), and its heading. */
  prefill?: { values: SourceFormValues; heading: string };
  existingIds: string[];
  onDone: () => void;
};
type Status = { ok: boolean; lines: string[] };

const storedPlaceholder = '•••••• (stored in keychain)';
const checkFields = 'Check the highlighted fields.';

/**
 * Fields, labels and rules come from the provider's descriptor; the check is the main side's
 * own schema. Secrets live only in this form's state, are sent once, and are cleared after saving.
 */
export function SourceForm({ editing, prefill, existingIds, onDone }: Props) {
  const saveSource = useAppStore((s) => s.saveSource);
  const testSource = useAppStore((s) => s.testSource);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const headingId = useId();
  const idFor = (name: string) => editing?.config.id ?? deriveSourceId(name, existingIds);
  const { control, register, handleSubmit, reset, setError, setValue, getValues, formState } =
    useForm<SourceFormValues, unknown, ParsedSourceRequest>({
      defaultValues: editing
        ? formValuesFromConfig(editing.config)
        : (prefill?.values ?? emptySourceForm),
      resolver: sourceFormResolver({ idFor, stored: editing?.secretsConfigured }),
    });
  // The whole bag: which fields show, and their examples, follow what is typed.
  const values = useWatch({ control }) as SourceFormValues;
  const visible = visibleFields(values);
  const name = String(values.config.name ?? '').trim();
  const busy = formState.isSubmitting;

  /** Puts the main side's issues on their fields; returns what belongs to none. */
  function showFailure(failure: Failure): string {
    if (!failure.issues?.length) return failure.error;
    const { fields, other } = placeIssues(failure.issues, visible);
    for (const [path, message] of fields) setError(path, { type: 'server', message });
    return other.length > 0 ? other.join('\n') : checkFields;
  }
  const invalid = (errors: FieldErrors<SourceFormValues>) => errors.root?.message ?? checkFields;

  async function testConnection(request: ParsedSourceRequest) {
    const result = await testSource(request);
    setStatus(
      result.ok
        ? describeConnectionTest(result.value)
        : { ok: false, lines: [showFailure(result)] },
    );
  }

  async function save(request: ParsedSourceRequest) {
    const result = await saveSource(editing ? 'edit' : 'add', request);
    if (!result.ok) return setFormError(showFailure(result));
    if (editing) return onDone();
    reset(emptyFormOfKind(values.config.kind));
    const sideBySide = prefill
      ? ['Both sources run side by side; remove the Opsgenie one once this shows your alerts.']
      : [];
    setStatus({ ok: true, lines: [`Added “${request.config.name}”.`, ...sideBySide] });
  }

  function clearMessages() {
    setStatus(null);
    setFormError(null);
  }

  /**
   * A menu whose choices differ for the new type (Ring for) shows that type's default, and so
   * does a box left at the old type's default (the poll interval).
   */
  function kindChanged() {
    clearMessages();
    for (const [path, value] of menusAfterKindChange(getValues(), values.config.kind)) {
      setValue(path, value);
    }
  }

  return (
    <form
      className="source-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        clearMessages();
        void handleSubmit(save, (errors) => setFormError(invalid(errors)))(event);
      }}
    >
      <h2 id={headingId}>
        {editing ? `Edit “${editing.config.name}”` : (prefill?.heading ?? 'Add source')}
      </h2>
      <div className="form-grid">
        <FormField
          label="Source type"
          hint={editing ? 'A source keeps its type; add a new one to switch.' : undefined}
        >
          {(controlProps) =>
            editing ? (
              // Not registered: a disabled control would leave the kind out of the request.
              <select {...controlProps} value={values.config.kind} disabled>
                <KindOptions />
              </select>
            ) : (
              <select {...controlProps} {...register('config.kind', { onChange: kindChanged })}>
                <KindOptions />
              </select>
            )
          }
        </FormField>
        {visible.map((field) => (
          <FormField
            key={field.path}
            label={field.label}
            error={(get(formState.errors, field.path) as FieldError | undefined)?.message}
            hint={field.path === 'config.name' && name ? `ID: ${idFor(name)}` : field.hint}
          >
            {(controlProps) => (
              <FieldControl
                field={field}
                values={values}
                register={register}
                stored={editing?.secretsConfigured}
                controlProps={controlProps}
              />
            )}
          </FormField>
        ))}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={(event) => {
            clearMessages();
            void handleSubmit(testConnection, (errors) =>
              setStatus({ ok: false, lines: [invalid(errors)] }),
            )(event);
          }}
        >
          Test connection
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        {(editing || prefill) && (
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

function KindOptions() {
  return kindOptions.map((kind) => (
    <option key={kind.value} value={kind.value}>
      {kind.label}
    </option>
  ));
}

type FieldControlProps = {
  field: SourceField;
  values: SourceFormValues;
  register: UseFormRegister<SourceFormValues>;
  stored: StoredSecrets | undefined;
  controlProps: ControlProps;
};

/** One descriptor field as its control; its name is its path in the request. */
function FieldControl({ field, values, register, stored, controlProps }: FieldControlProps) {
  const registered = { ...controlProps, ...register(field.path) };
  switch (field.input) {
    case 'select':
      return (
        <select {...registered}>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case 'yaml':
      return (
        <textarea
          {...registered}
          rows={12}
          className="code-box"
          placeholder={fieldPlaceholder(field, values)}
          autoComplete="off"
          spellCheck={false}
        />
      );
    case 'url-list':
      return (
        <textarea
          {...registered}
          rows={3}
          placeholder={fieldPlaceholder(field, values)}
          autoComplete="off"
          spellCheck={false}
        />
      );
    case 'secret':
      return (
        <input
          {...registered}
          type="password"
          autoComplete="new-password"
          placeholder={isStored(field, stored) ? storedPlaceholder : undefined}
        />
      );
    default:
      return (
        <input
          {...registered}
          type={field.input}
          min={field.input === 'number' ? fieldMinimum(field, values.config.kind) : undefined}
          placeholder={fieldPlaceholder(field, values)}
          autoComplete="off"
          spellCheck={false}
        />
      );
  }
}
