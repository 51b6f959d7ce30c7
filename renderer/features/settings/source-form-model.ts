import type { AlertmanagerConfig, AuthType, SourceRequest } from '../../lib/contract-types.js';

/** What the Alertmanager form edits, as the inputs hold it (numbers stay strings). */
export type SourceFormValues = {
  name: string;
  baseUrl: string;
  authType: AuthType;
  username: string;
  ackSilenceMinutes: string;
  pollIntervalSeconds: string;
};

/** Typed into the form, sent once, then forgotten; never part of the store. */
export type SecretInputs = { password: string; token: string };

export type SourceField = keyof SourceFormValues | keyof SecretInputs;

export const emptySourceForm: SourceFormValues = {
  name: '',
  baseUrl: '',
  authType: 'none',
  username: '',
  ackSilenceMinutes: '60',
  pollIntervalSeconds: '30',
};

export const noSecrets: SecretInputs = { password: '', token: '' };

export function formValuesFromConfig(config: AlertmanagerConfig): SourceFormValues {
  return {
    name: config.name,
    baseUrl: config.baseUrl,
    authType: config.auth.type,
    username: config.auth.type === 'basic' ? config.auth.username : '',
    ackSilenceMinutes: String(config.ackSilenceMinutes),
    pollIntervalSeconds: String(config.pollIntervalSeconds),
  };
}

// An empty box becomes NaN so the main side reports it instead of silently using 0.
const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * The addSource / editSource / testSource request. Only the secret the chosen auth needs is
 * sent, and only when typed: an empty box while editing means "keep the stored one".
 */
export function buildSourceRequest(
  values: SourceFormValues,
  id: string,
  secrets: SecretInputs,
  existing?: AlertmanagerConfig,
): SourceRequest {
  const auth =
    values.authType === 'basic'
      ? { type: 'basic' as const, username: values.username }
      : { type: values.authType };
  const request: SourceRequest = {
    config: {
      kind: 'alertmanager',
      id,
      name: values.name,
      baseUrl: values.baseUrl,
      auth,
      ackSilenceMinutes: toNumber(values.ackSilenceMinutes),
      pollIntervalSeconds: toNumber(values.pollIntervalSeconds),
      ...(existing && { timeoutSeconds: existing.timeoutSeconds }),
    },
  };
  if (values.authType === 'basic' && secrets.password) {
    request.secrets = { password: secrets.password };
  } else if (values.authType === 'bearer' && secrets.token) {
    request.secrets = { token: secrets.token };
  }
  return request;
}

const fieldByPath: Record<string, SourceField> = {
  'config.id': 'name',
  'config.name': 'name',
  'config.baseUrl': 'baseUrl',
  'config.auth': 'authType',
  'config.auth.type': 'authType',
  'config.auth.username': 'username',
  'config.ackSilenceMinutes': 'ackSilenceMinutes',
  'config.pollIntervalSeconds': 'pollIntervalSeconds',
  'secrets.password': 'password',
  'secrets.token': 'token',
};

export type FieldErrors = Partial<Record<SourceField, string>>;

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
