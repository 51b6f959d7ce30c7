import type { CommandRequest } from '../../../electron/common/contract/ipc-contract.js';
import type { HealthCheck } from '../../../electron/common/providers/health-check-schema.js';

export type CheckKind = HealthCheck['kind'];
type CheckInput = CommandRequest<'saveCheck'>['check'];

/** The form's fields, all as typed; what a kind does not use is ignored. */
export interface CheckFields {
  kind: CheckKind;
  name: string;
  url: string;
  host: string;
  port: string;
  query: string;
  recordType: string;
  expectStatus: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  urgency: 'high' | 'low';
}

export const blankFields: CheckFields = {
  kind: 'http',
  name: '',
  url: '',
  host: '',
  port: '',
  query: '',
  recordType: 'A',
  expectStatus: '2xx',
  intervalSeconds: '30',
  timeoutSeconds: '10',
  urgency: 'high',
};

/** A saved check in the form: the fields it shows (the rest stays as saved, see checkOf). */
export function fieldsOf(check: HealthCheck): CheckFields {
  const common = {
    ...blankFields,
    kind: check.kind,
    name: check.name,
    intervalSeconds: String(check.intervalSeconds),
    timeoutSeconds: String(check.timeoutSeconds),
    urgency: check.urgency,
  };
  switch (check.kind) {
    case 'http':
      return { ...common, url: check.url, expectStatus: check.expectStatus.join(', ') };
    case 'tcp':
    case 'tls':
      return { ...common, host: check.host, port: String(check.port) };
    case 'dns':
      return { ...common, query: check.query, recordType: check.recordType };
  }
}

/** Numbers as numbers; what is not one goes through as typed, for the main side to refuse. */
const numberOr = (text: string): number | string => {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
};

/**
 * The check to save. Editing keeps every setting the form does not show (headers, body
 * expectations, certificate thresholds) unless the kind changed; the main side validates it all.
 */
export function checkOf(fields: CheckFields, saved?: HealthCheck): CheckInput {
  const keep = saved && saved.kind === fields.kind ? saved : {};
  const common = {
    name: fields.name,
    intervalSeconds: numberOr(fields.intervalSeconds),
    timeoutSeconds: numberOr(fields.timeoutSeconds),
    urgency: fields.urgency,
  };
  const statuses = fields.expectStatus
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => (/^\d+$/.test(entry) ? Number(entry) : entry));
  const byKind = {
    http: { url: fields.url.trim(), expectStatus: statuses },
    tcp: { host: fields.host.trim(), port: numberOr(fields.port) },
    tls: { host: fields.host.trim(), port: numberOr(fields.port || '443') },
    dns: { query: fields.query.trim(), recordType: fields.recordType },
  }[fields.kind];
  // Typed text the schema refuses is the point: the form shows the main side's words for it.
  return { ...keep, ...common, ...byKind, kind: fields.kind } as CheckInput;
}
