import { alertmanagerDescriptor } from './alertmanager.js';
import { drillDescriptor } from './drill.js';
import { healthChecksDescriptor } from './health-checks.js';
import { jsmOpsDescriptor } from './jsm-ops.js';
import { healthchecksDescriptor } from './healthchecks.js';
import { nodepingDescriptor } from './nodeping.js';
import { opsgenieDescriptor } from './opsgenie.js';
import { pagerDutyDescriptor } from './pagerduty.js';
import { pingdomDescriptor } from './pingdom.js';
import { splunkOnCallDescriptor } from './splunk-oncall.js';

/** Every provider, in the order the Source type menu lists them. A new one is one line here. */
export const providers = [
  drillDescriptor,
  alertmanagerDescriptor,
  pagerDutyDescriptor,
  jsmOpsDescriptor,
  opsgenieDescriptor,
  splunkOnCallDescriptor,
  healthChecksDescriptor,
  healthchecksDescriptor,
  pingdomDescriptor,
  nodepingDescriptor,
] as const;

export type Provider = (typeof providers)[number];
/** The providers a responder adds by hand: all with a form. */
export type EditableProvider = Extract<Provider, { form: object }>;

export const editableProviders = providers.filter((p): p is EditableProvider => 'form' in p);

export function providerOf<K extends Provider['kind']>(kind: K): Extract<Provider, { kind: K }> {
  return providers.find((p) => p.kind === kind) as Extract<Provider, { kind: K }>;
}
