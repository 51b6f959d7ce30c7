import type { ConnectionTestResult } from '../../../electron/common/contract/ipc-contract.js';
import type {
  AuthType,
  EditableConfig,
  EditableKind,
  SourceRequest,
} from '../../lib/contract-types.js';

export type Region = 'us' | 'eu';

/**
 * What the form edits, as the inputs hold it (numbers stay strings). One bag for every kind, so
 * switching the source type keeps what was already typed into the fields they share.
 */
export type SourceFormValues = {
  kind: EditableKind;
  name: string;
  pollIntervalSeconds: string;
  /** Alertmanager. */
  baseUrl: string;
  authType: AuthType;
  ackSilenceMinutes: string;
  /** Alertmanager basic auth, or the responder's Opsgenie / Splunk On-Call username. */
  username: string;
  /** PagerDuty and Opsgenie. */
  region: Region;
  /** PagerDuty: the responder's login, sent as `From`. */
  email: string;
  /** Splunk On-Call: sent as X-VO-Api-Id beside the API key. */
  apiId: string;
  /** PagerDuty, Opsgenie, Splunk On-Call: replaces the public API host when set. */
  apiBaseUrl: string;
};

/** Typed into the form, sent once, then forgotten; never part of the store. */
export type SecretInputs = { password: string; token: string };
/** Which secrets the keychain already holds for the source being edited. */
export type StoredSecrets = Record<keyof SecretInputs, boolean>;

export type SourceField = keyof SourceFormValues | keyof SecretInputs;

export const sourceKinds: { value: EditableKind; label: string }[] = [
  { value: 'alertmanager', label: 'Prometheus Alertmanager' },
  { value: 'pagerduty', label: 'PagerDuty' },
  { value: 'opsgenie', label: 'Opsgenie' },
  { value: 'splunk-oncall', label: 'Splunk On-Call' },
];

export const emptySourceForm: SourceFormValues = {
  kind: 'alertmanager',
  name: '',
  pollIntervalSeconds: '30',
  baseUrl: '',
  authType: 'none',
  ackSilenceMinutes: '60',
  username: '',
  region: 'us',
  email: '',
  apiId: '',
  apiBaseUrl: '',
};

export const noSecrets: SecretInputs = { password: '', token: '' };

/** The fields the form shows for these values, in order. "kind" (Source type) comes first. */
export function visibleFields(values: SourceFormValues): SourceField[] {
  switch (values.kind) {
    case 'alertmanager':
      return [
        'name',
        'baseUrl',
        'authType',
        ...(values.authType === 'basic' ? (['username', 'password'] as const) : []),
        ...(values.authType === 'bearer' ? (['token'] as const) : []),
        'ackSilenceMinutes',
        'pollIntervalSeconds',
      ];
    case 'pagerduty':
      return ['name', 'region', 'email', 'token', 'apiBaseUrl', 'pollIntervalSeconds'];
    case 'opsgenie':
      return ['name', 'region', 'username', 'token', 'apiBaseUrl', 'pollIntervalSeconds'];
    case 'splunk-oncall':
      return ['name', 'apiId', 'token', 'username', 'apiBaseUrl', 'pollIntervalSeconds'];
  }
}

const labels: Record<SourceField, string> = {
  kind: 'Source type',
  name: 'Name',
  pollIntervalSeconds: 'Poll interval (seconds)',
  baseUrl: 'Base URL',
  authType: 'Authentication',
  ackSilenceMinutes: 'Ack silence (minutes)',
  username: 'Username',
  region: 'Region',
  email: 'Email',
  apiId: 'API ID',
  apiBaseUrl: 'API URL (advanced)',
  password: 'Password',
  token: 'API key',
};

export function fieldLabel(field: SourceField, kind: EditableKind): string {
  // Alertmanager's bearer credential is whatever token its proxy expects, not a provider key.
  return field === 'token' && kind === 'alertmanager' ? 'Token' : labels[field];
}

/** The secret these values need, if any. */
export function requiredSecret(values: SourceFormValues): keyof SecretInputs | null {
  if (values.kind !== 'alertmanager') return 'token';
  if (values.authType === 'basic') return 'password';
  if (values.authType === 'bearer') return 'token';
  return null;
}

export function formValuesFromConfig(config: EditableConfig): SourceFormValues {
  const common = {
    ...emptySourceForm,
    kind: config.kind,
    name: config.name,
    pollIntervalSeconds: String(config.pollIntervalSeconds),
  };
  switch (config.kind) {
    case 'alertmanager':
      return {
        ...common,
        baseUrl: config.baseUrl,
        authType: config.auth.type,
        username: config.auth.type === 'basic' ? config.auth.username : '',
        ackSilenceMinutes: String(config.ackSilenceMinutes),
      };
    case 'pagerduty':
      return {
        ...common,
        region: config.region,
        email: config.email,
        apiBaseUrl: config.apiBaseUrl ?? '',
      };
    case 'opsgenie':
      return {
        ...common,
        region: config.region,
        username: config.username,
        apiBaseUrl: config.apiBaseUrl ?? '',
      };
    case 'splunk-oncall':
      return {
        ...common,
        apiId: config.apiId,
        username: config.username,
        apiBaseUrl: config.apiBaseUrl ?? '',
      };
  }
}

// An empty box becomes NaN so the main side reports it instead of silently using 0.
const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
// An empty advanced URL means "the public API", so it is left out rather than sent as "".
const optionalUrl = (value: string) => (value.trim() ? { apiBaseUrl: value.trim() } : {});

function buildConfig(
  values: SourceFormValues,
  id: string,
  existing: EditableConfig | undefined,
): SourceRequest['config'] {
  const common = {
    id,
    name: values.name,
    pollIntervalSeconds: toNumber(values.pollIntervalSeconds),
    ...(existing && { timeoutSeconds: existing.timeoutSeconds }),
  };
  switch (values.kind) {
    case 'alertmanager':
      return {
        kind: 'alertmanager',
        ...common,
        baseUrl: values.baseUrl,
        auth:
          values.authType === 'basic'
            ? { type: 'basic', username: values.username }
            : { type: values.authType },
        ackSilenceMinutes: toNumber(values.ackSilenceMinutes),
      };
    case 'pagerduty':
      return {
        kind: 'pagerduty',
        ...common,
        region: values.region,
        email: values.email,
        ...optionalUrl(values.apiBaseUrl),
      };
    case 'opsgenie':
      return {
        kind: 'opsgenie',
        ...common,
        region: values.region,
        username: values.username,
        ...optionalUrl(values.apiBaseUrl),
      };
    case 'splunk-oncall':
      return {
        kind: 'splunk-oncall',
        ...common,
        apiId: values.apiId,
        username: values.username,
        ...optionalUrl(values.apiBaseUrl),
      };
  }
}

/**
 * The addSource / editSource / testSource request. Only the secret the kind (and auth) needs
 * is sent, and only when typed: an empty box while editing means "keep the stored one".
 */
export function buildSourceRequest(
  values: SourceFormValues,
  id: string,
  secrets: SecretInputs,
  existing?: EditableConfig,
): SourceRequest {
  const request: SourceRequest = { config: buildConfig(values, id, existing) };
  const secret = requiredSecret(values);
  if (secret && secrets[secret]) request.secrets = { [secret]: secrets[secret] };
  return request;
}

export type FieldErrors = Partial<Record<SourceField, string>>;

const requiredText: Partial<Record<keyof SourceFormValues, string>> = {
  name: 'A name is required',
  baseUrl: 'The Alertmanager URL is required',
  email: 'The email of your PagerDuty user is required',
  username: 'Your username is required',
  apiId: 'The API ID is required',
};

/**
 * What can be said before asking the main side: required boxes left empty, and a secret that
 * is neither typed nor already in the keychain. Formats (URLs, emails, numbers) are left to the
 * main side's schema, so the two can never disagree.
 */
export function validateSourceForm(
  values: SourceFormValues,
  secrets: SecretInputs,
  stored: StoredSecrets | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of visibleFields(values)) {
    if (field === 'password' || field === 'token') continue;
    const message = requiredText[field];
    if (message && !values[field].trim()) errors[field] = message;
  }
  const secret = requiredSecret(values);
  if (secret && !secrets[secret] && !stored?.[secret]) {
    errors[secret] = `${fieldLabel(secret, values.kind)} is required`;
  }
  return errors;
}

const fieldByPath: Record<string, SourceField> = {
  'config.id': 'name',
  'config.kind': 'kind',
  'config.name': 'name',
  'config.baseUrl': 'baseUrl',
  'config.auth': 'authType',
  'config.auth.type': 'authType',
  'config.auth.username': 'username',
  'config.username': 'username',
  'config.ackSilenceMinutes': 'ackSilenceMinutes',
  'config.pollIntervalSeconds': 'pollIntervalSeconds',
  'config.region': 'region',
  'config.email': 'email',
  'config.apiId': 'apiId',
  'config.apiBaseUrl': 'apiBaseUrl',
  'secrets.password': 'password',
  'secrets.token': 'token',
};

/**
 * Splits the main side's validation message (zod's "✖ message\n  → at config.baseUrl" lines,
 * possibly behind a transport prefix) into per-field messages and whatever matched no field.
 */
export function parseFieldErrors(message: string): { fields: FieldErrors; other: string | null } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  const issues = [...message.matchAll(/✖ (.+)(?:\n\s*→ at (\S+))?/g)];
  if (issues.length === 0) return { fields, other: message };
  for (const [, text = '', path] of issues) {
    const field = path === undefined ? undefined : fieldByPath[path];
    if (field) fields[field] ??= text;
    else other.push(path ? `${text} (${path})` : text);
  }
  return { fields, other: other.length > 0 ? other.join('\n') : null };
}

const actionWords: Record<string, string> = {
  ack: 'acknowledge',
  resolve: 'resolve',
  snooze: 'snooze',
  reassign: 'reassign',
  escalate: 'escalate',
  note: 'add notes',
  silence: 'silence',
};

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
        ? `Can: ${result.allowedActions.map((a) => actionWords[a] ?? a).join(', ')}`
        : 'Can only read: this key cannot act on incidents',
    );
  }
  return { ok: true, lines };
}
