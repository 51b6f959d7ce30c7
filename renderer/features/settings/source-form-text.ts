import type { EditableKind } from '../../lib/contract-types.js';
import type { Region, SourceField, SourceFormValues } from './source-form-model.js';

/** Public API hosts, as PROVIDERS.md lists them; shown so "advanced" says what it replaces. */
const publicApi: Partial<Record<EditableKind, Record<Region, string>>> = {
  pagerduty: { us: 'https://api.pagerduty.com', eu: 'https://api.eu.pagerduty.com' },
  opsgenie: { us: 'https://api.opsgenie.com', eu: 'https://api.eu.opsgenie.com' },
  'splunk-oncall': { us: 'https://api.victorops.com', eu: 'https://api.victorops.com' },
};

export function regionOptions(kind: EditableKind): { value: Region; label: string }[] {
  const hosts = publicApi[kind];
  return (['us', 'eu'] as const).map((value) => ({
    value,
    label: `${value.toUpperCase()}${hosts ? ` (${new URL(hosts[value]).host})` : ''}`,
  }));
}

export function fieldPlaceholder(field: SourceField, values: SourceFormValues): string | undefined {
  switch (field) {
    case 'name':
      return {
        alertmanager: 'Production Alertmanager',
        pagerduty: 'PagerDuty',
        opsgenie: 'Opsgenie',
        'splunk-oncall': 'Splunk On-Call',
      }[values.kind];
    case 'baseUrl':
      return 'http://alertmanager:9093';
    case 'apiBaseUrl':
      return publicApi[values.kind]?.[values.region];
    case 'email':
      return 'you@example.com';
    default:
      return undefined;
  }
}

export function fieldHint(field: SourceField, values: SourceFormValues): string | undefined {
  const { kind } = values;
  switch (field) {
    case 'email':
      return 'Your PagerDuty login: changes are made as this user.';
    case 'username':
      if (kind === 'opsgenie') return 'Your Opsgenie username (an email): finds your alerts.';
      if (kind === 'splunk-oncall') return 'Acks and resolves are made as this user.';
      return undefined;
    case 'token':
      if (kind === 'pagerduty')
        return 'A REST API key; a user token also tells Onwatch who you are.';
      if (kind === 'opsgenie') return 'An API key with read and create-and-update access.';
      if (kind === 'splunk-oncall') return 'From Integrations → API, with the API ID beside it.';
      return undefined;
    case 'apiBaseUrl':
      return 'Leave empty for the public API; set it for a proxy.';
    default:
      return undefined;
  }
}
