import { get, set, type FieldErrors, type Resolver } from 'react-hook-form';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { actionWording } from '../../../electron/common/action-wording.js';
import {
  commands,
  type CommandRequest,
  type ConnectionTestResult,
  type ParsedRequest,
} from '../../../electron/common/contract/ipc-contract.js';
import {
  requiredSecrets,
  type SourceConfig,
  type SourceConfigInput,
} from '../../../electron/common/model/source-config.js';
import { type SecretName } from '../../../electron/common/model/source-secrets.js';
import { fieldSchema } from '../../../electron/common/providers/field-schema.js';
import type { SourceMove } from '../../../electron/common/providers/opsgenie-to-jsm.js';
import {
  editableProviders,
  providerOf,
  type EditableProvider,
} from '../../../electron/common/providers/index.js';
import type {
  FieldPath,
  ProviderField,
} from '../../../electron/common/providers/provider-descriptor.js';

export type EditableKind = EditableProvider['kind'];
export type EditableConfig = Extract<SourceConfig, { kind: EditableKind }>;
type SourceRequest = CommandRequest<'addSource'>;
/** The same, once the main side's schema has passed it (defaults filled in, text trimmed). */
export type ParsedSourceRequest = ParsedRequest<'addSource'>;

/**
 * What the form holds, shaped like the request so a field's name is its path in it. One bag
 * for every kind, so switching the source type keeps what was typed into the fields they share.
 * A number box holds text once typed into; the draft below turns it back into a number.
 */
export type SourceFormValues = {
  config: { kind: EditableKind; [field: string]: unknown };
  /** Typed into the form, sent once, then forgotten; never part of the store. */
  secrets: Partial<Record<SecretName, string>>;
};
export type FormField = ProviderField<SourceFormValues['config']>;
/** Which secrets the keychain already holds for the source being edited. */
export type StoredSecrets = Record<SecretName, boolean>;

/** The Source type menu: every provider a responder adds by hand, in the list's order. */
export const kindOptions = editableProviders.map(({ kind, label }) => ({ value: kind, label }));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema's own defaults (poll interval, region, auth…), so the form never restates them. */
function schemaDefaults(schema: z.ZodObject): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (parsed.success && parsed.data !== undefined) defaults[key] = structuredClone(parsed.data);
  }
  return defaults;
}

function blankForm(): SourceFormValues {
  const values: SourceFormValues = { config: { kind: kindOptions[0]!.value }, secrets: {} };
  for (const provider of editableProviders) {
    for (const [key, value] of Object.entries(schemaDefaults(provider.configSchema))) {
      values.config[key] ??= value;
    }
    for (const { path, input } of provider.form.fields) {
      if (input !== 'secret' && get(values, path) === undefined) set(values, path, '');
    }
  }
  return values;
}

const optionValues = (field: FormField | undefined) =>
  field?.options?.map((option) => option.value).join('\n');

/**
 * What each menu of `kind` shows: its value if the menu offers it, its first option (the
 * default) otherwise. A menu whose choices differ from `from`'s menu at the same path starts
 * from its first option too: a choice made from other choices (Alertmanager's "Every page",
 * say) is not one made for this kind, and must not carry over unseen.
 */
function settleMenus(values: SourceFormValues, from?: EditableKind): SourceFormValues {
  const before = from && new Map(fieldsOf(from).map((field) => [field.path, field]));
  for (const field of fieldsOf(values.config.kind)) {
    const first = field.options?.[0];
    if (field.input !== 'select' || !first) continue;
    const offered = field.options!.some((option) => option.value === get(values, field.path));
    const changed = before && optionValues(before.get(field.path)) !== optionValues(field);
    if (!offered || changed) set(values, field.path, first.value);
  }
  return values;
}

export const emptySourceForm: SourceFormValues = settleMenus(blankForm());

/** The form for a new source of this kind: often a second region or a staging account. */
export function emptyFormOfKind(kind: EditableKind): SourceFormValues {
  const values = structuredClone(emptySourceForm);
  values.config.kind = kind;
  for (const [path, value] of defaultsAfterKindChange(values, emptySourceForm.config.kind)) {
    set(values, path, value);
  }
  return settleMenus(values, emptySourceForm.config.kind);
}

/**
 * A box still at the old kind's default takes the new kind's, where they differ (health checks
 * are read every 5 s, a provider polled every 30 s): a default is not a choice the responder made.
 */
export function defaultsAfterKindChange(
  values: SourceFormValues,
  from: EditableKind,
): [FieldPath, unknown][] {
  const before = schemaDefaults(providerOf(from).configSchema);
  const after = schemaDefaults(providerOf(values.config.kind).configSchema);
  return fieldsOf(values.config.kind).flatMap(({ path, input }): [FieldPath, unknown][] => {
    const [key, ...deeper] = path.split('.').slice(1);
    if (input !== 'number' || !key || deeper.length > 0) return [];
    const [old, own] = [before[key], after[key]];
    const untouched = String(get(values, path)) === String(old);
    return own !== undefined && own !== old && untouched ? [[path, own]] : [];
  });
}

/**
 * The menus (and boxes left at a default) to reset when the Source type changes from `from` to
 * the kind `values` now hold: path and the value to show.
 */
export function menusAfterKindChange(
  values: SourceFormValues,
  from: EditableKind,
): [FieldPath, string][] {
  const settled = settleMenus(structuredClone(values), from);
  const menus = fieldsOf(values.config.kind)
    .filter((field) => field.input === 'select')
    .filter((field) => get(settled, field.path) !== get(values, field.path))
    .map((field): [FieldPath, string] => [field.path, String(get(settled, field.path))]);
  const defaults = defaultsAfterKindChange(values, from).map(
    ([path, value]): [FieldPath, string] => [path, String(value)],
  );
  return [...menus, ...defaults];
}

/** An existing source in the form; fields the form does not show (timeouts) ride along. */
export function formValuesFromConfig(config: EditableConfig): SourceFormValues {
  // From the kind's own blank form, so a setting left at its default shows that default.
  const values = emptyFormOfKind(config.kind);
  for (const [key, value] of Object.entries(config)) {
    const blank = values.config[key];
    values.config[key] =
      isPlainObject(value) && isPlainObject(blank) ? { ...blank, ...value } : value;
  }
  for (const { path, input } of fieldsOf(config.kind)) {
    const list: unknown = get(values, path);
    if (input === 'url-list' && Array.isArray(list)) set(values, path, list.join('\n'));
    if (input === 'yaml' && typeof list === 'object' && list !== null) {
      set(values, path, stringifyYaml(list));
    }
  }
  return values;
}

/** A box of YAML as what it describes, or the reason it cannot be read. */
function readYaml(text: string): { value: unknown } | { error: string } {
  try {
    return { value: parseYaml(text) as unknown };
  } catch (error) {
    return { error: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * The form for moving a source whose API is ending (Opsgenie) to its successor: a new source
 * holding what the old one already says; what only the new one needs is the responder's to add.
 */
export function formValuesForMove(move: SourceMove): SourceFormValues {
  const values = emptyFormOfKind(move.to.kind);
  Object.assign(values.config, move.to.fields);
  return values;
}

/** A box of URLs, one per line, as the list the config holds; blank lines are no URLs. */
function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const isSecretPath = (path: FieldPath): path is `secrets.${SecretName}` =>
  path.startsWith('secrets.');
const secretOf = (path: `secrets.${SecretName}`) => path.slice('secrets.'.length) as SecretName;
const configOf = (values: SourceFormValues) => values.config as SourceConfigInput;

function fieldsOf(kind: EditableKind): readonly FormField[] {
  // Each descriptor types its fields by its own config; the form holds them all in one bag.
  return providerOf(kind).form.fields as readonly FormField[];
}

/** The fields the form shows for these values, in order; Source type comes before them. */
export function visibleFields(values: SourceFormValues): FormField[] {
  const needed = requiredSecrets(configOf(values));
  return fieldsOf(values.config.kind).filter(({ path, shownWhen }) =>
    isSecretPath(path) ? needed.includes(secretOf(path)) : (shownWhen?.(values.config) ?? true),
  );
}

/** Whether the keychain already holds this secret field's value. */
export function isStored(field: FormField, stored: StoredSecrets | undefined): boolean {
  return isSecretPath(field.path) && !!stored?.[secretOf(field.path)];
}

export function fieldPlaceholder(field: FormField, values: SourceFormValues): string | undefined {
  const { placeholder } = field;
  return typeof placeholder === 'function' ? placeholder(values.config) : placeholder;
}

/** The smallest number the schema takes, for the number box's own spinner. */
export function fieldMinimum(field: FormField, kind: EditableKind): number | undefined {
  const schema = fieldSchema(providerOf(kind).configSchema, field.path.split('.').slice(1));
  return schema instanceof z.ZodNumber ? (schema.minValue ?? undefined) : undefined;
}

const isBlank = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

function unset(target: object, path: string): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent: unknown = keys.length > 0 ? get(target, keys.join('.')) : target;
  if (isPlainObject(parent)) delete parent[last];
}

/** A setting the schema takes as optional with no default of its own: absent is the default. */
function absentMeansFirst(values: SourceFormValues, path: FieldPath): boolean {
  const [key, ...deeper] = path.split('.').slice(1);
  if (!key || deeper.length > 0) return false;
  const shape = providerOf(values.config.kind).configSchema.shape as Record<string, z.ZodType>;
  const absent = shape[key]?.safeParse(undefined);
  return absent?.success === true && absent.data === undefined;
}

/**
 * The request these values make, before any checking: the id added, number boxes as numbers
 * (an empty one as NaN, for the schema to refuse rather than read as 0), an empty optional box
 * left out, a menu left at its first option left out where that is what leaving it out means
 * (Ring for), and only the typed secrets this config needs. An empty secret box keeps the stored one.
 */
export function draftRequest(values: SourceFormValues, id: string): SourceRequest {
  const draft: { config: Record<string, unknown>; secrets?: SourceRequest['secrets'] } = {
    config: { ...structuredClone(values.config), id },
  };
  for (const { path, input, required, options } of visibleFields(values)) {
    const value: unknown = get(draft, path);
    if (isSecretPath(path)) {
      const typed = values.secrets[secretOf(path)];
      if (typed) draft.secrets = { ...draft.secrets, [secretOf(path)]: typed };
    } else if (input === 'number' && typeof value === 'string') {
      set(draft, path, value.trim() === '' ? Number.NaN : Number(value));
    } else if (input === 'url-list' && typeof value === 'string') {
      const urls = urlLines(value);
      if (urls.length > 0) set(draft, path, urls);
      else unset(draft, path);
    } else if (input === 'yaml' && typeof value === 'string' && !isBlank(value)) {
      // Unreadable YAML stays text: the schema refuses it, and `yamlIssues` says why.
      const read = readYaml(value);
      if ('value' in read) set(draft, path, read.value);
    } else if (
      input === 'select' &&
      value === options?.[0]?.value &&
      absentMeansFirst(values, path)
    ) {
      // Left at the default, so a source saved unchanged stays as it was, and follows the default.
      unset(draft, path);
    } else if (!required && isBlank(value)) {
      unset(draft, path);
    }
  }
  // Unchecked on purpose: the resolver below runs it through the main side's schema.
  return draft as SourceRequest;
}

/** A problem with one part of a request, as both the schema and the main side report it. */
type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * The visible field an issue belongs to. The id is made from the name; an issue on a group
 * (`config.auth`) goes to its first visible field.
 */
function fieldFor(
  issuePath: readonly PropertyKey[],
  visible: readonly FormField[],
): FieldPath | undefined {
  const key = issuePath.map(String).join('.');
  if (key === 'config.id') return 'config.name';
  const exact = visible.find((f) => f.path === key);
  if (exact || issuePath.length < 2) return exact?.path;
  return visible.find((f) => f.path.startsWith(`${key}.`) || key.startsWith(`${f.path}.`))?.path;
}

/** Issues spread over the visible fields (the first per field wins), and whatever fits none. */
export function placeIssues(
  issues: readonly Issue[],
  visible: readonly FormField[],
): { fields: Map<FieldPath, string>; other: string[] } {
  const fields = new Map<FieldPath, string>();
  const other: string[] = [];
  for (const issue of issues) {
    const field = fieldFor(issue.path, visible);
    if (!field) other.push(issue.message);
    else if (!fields.has(field)) fields.set(field, withinYaml(issue, field, visible));
  }
  return { fields, other };
}

/**
 * An issue deep inside a YAML box names where, since the box is one field: "checks 2 → url:
 * must be a URL…" (counted from 1, as a reader counts list items).
 */
function withinYaml(issue: Issue, field: FieldPath, visible: readonly FormField[]): string {
  const depth = field.split('.').length;
  const inside = issue.path.slice(depth);
  if (visible.find((f) => f.path === field)?.input !== 'yaml' || inside.length === 0) {
    return issue.message;
  }
  const where = inside.map((step) => (typeof step === 'number' ? String(step + 1) : String(step)));
  const itemName = field.split('.').at(-1);
  return `${itemName} ${where.join(' → ')}: ${issue.message}`;
}

/** YAML boxes whose text cannot be read. */
function yamlIssues(values: SourceFormValues): Issue[] {
  return visibleFields(values).flatMap(({ path, input }) => {
    const text: unknown = get(values, path);
    if (input !== 'yaml' || typeof text !== 'string' || isBlank(text)) return [];
    const read = readYaml(text);
    return 'error' in read ? [{ path: path.split('.'), message: read.error }] : [];
  });
}

/** Required boxes left empty, and a needed secret neither typed nor in the keychain. */
function missingIssues(values: SourceFormValues, stored: StoredSecrets | undefined): Issue[] {
  return visibleFields(values).flatMap(({ path, required }) => {
    if (!required) return [];
    const missing = isSecretPath(path)
      ? isBlank(values.secrets[secretOf(path)]) && !stored?.[secretOf(path)]
      : isBlank(get(values, path));
    return missing ? [{ path: path.split('.'), message: required }] : [];
  });
}

export type FormContext = {
  /** The id the request carries: the edited source's, or one made from the typed name. */
  idFor: (name: string) => string;
  stored: StoredSecrets | undefined;
};

// addSource, editSource and testSource take the same request.
const requestSchema = commands.addSource.request;

/**
 * Checks the form with the main side's own schema, after the descriptor's required texts, and
 * hands over the parsed request. Errors land on fields by issue path, never by message text.
 */
export function validateSourceForm(
  values: SourceFormValues,
  { idFor, stored }: FormContext,
):
  | { ok: true; request: ParsedSourceRequest }
  | { ok: false; errors: FieldErrors<SourceFormValues> } {
  const parsed = requestSchema.safeParse(
    draftRequest(values, idFor(String(values.config.name ?? ''))),
  );
  const issues = [
    ...missingIssues(values, stored),
    ...yamlIssues(values),
    ...(parsed.error?.issues ?? []),
  ];
  if (parsed.success && issues.length === 0) return { ok: true, request: parsed.data };
  const { fields, other } = placeIssues(issues, visibleFields(values));
  const errors: FieldErrors<SourceFormValues> = {};
  for (const [path, message] of fields) set(errors, path, { type: 'validate', message });
  if (other.length > 0) set(errors, 'root', { type: 'validate', message: other.join('\n') });
  return { ok: false, errors };
}

export function sourceFormResolver(
  context: FormContext,
): Resolver<SourceFormValues, unknown, ParsedSourceRequest> {
  return (values) => {
    const result = validateSourceForm(values, context);
    return result.ok
      ? { values: result.request, errors: {} }
      : { values: {}, errors: result.errors };
  };
}

const abilityOf = (action: string) =>
  Object.hasOwn(actionWording, action)
    ? actionWording[action as keyof typeof actionWording].ability
    : action;

/**
 * Test connection's answer as lines for the status line: what was found, who the key belongs
 * to, and what it may do, so a read-only key is caught before the first page.
 */
export function describeConnectionTest(result: ConnectionTestResult): {
  ok: boolean;
  lines: string[];
} {
  if (!result.ok) return { ok: false, lines: [result.error] };
  const lines = [result.summary];
  if (result.identity) lines.push(`Signed in as ${result.identity}`);
  if (result.allowedActions) {
    lines.push(
      result.allowedActions.length > 0
        ? `Can: ${result.allowedActions.map(abilityOf).join(', ')}`
        : 'Can only read: this key cannot act on incidents',
    );
  }
  return { ok: true, lines };
}
