import { z } from 'zod';
import { providerOf, providers } from '../providers/index.js';
import type { SecretName } from './source-secrets.js';

type SchemasOf<T extends readonly { configSchema: z.ZodObject }[]> = {
  -readonly [I in keyof T]: T[I]['configSchema'];
};

/** One branch per provider descriptor, so a new provider joins every layer's validation at once. */
export const sourceConfigSchema = z.discriminatedUnion(
  'kind',
  // map() loses the tuple type that discriminatedUnion needs; the order is the list's.
  providers.map((p) => p.configSchema) as SchemasOf<typeof providers>,
);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;
export type SourceKind = SourceConfig['kind'];
export type DrillSourceConfig = Extract<SourceConfig, { kind: 'drill' }>;
export type AlertmanagerSourceConfig = Extract<SourceConfig, { kind: 'alertmanager' }>;
export type PagerDutySourceConfig = Extract<SourceConfig, { kind: 'pagerduty' }>;
export type JsmOpsSourceConfig = Extract<SourceConfig, { kind: 'jsm-ops' }>;
export type OpsgenieSourceConfig = Extract<SourceConfig, { kind: 'opsgenie' }>;
export type SplunkOnCallSourceConfig = Extract<SourceConfig, { kind: 'splunk-oncall' }>;
export type HealthChecksSourceConfig = Extract<SourceConfig, { kind: 'health-checks' }>;
export type HealthchecksSourceConfig = Extract<SourceConfig, { kind: 'healthchecks' }>;
export type PingdomSourceConfig = Extract<SourceConfig, { kind: 'pingdom' }>;
export type NodepingSourceConfig = Extract<SourceConfig, { kind: 'nodeping' }>;

/** Names of the secrets a config needs, so callers can ask the keychain for exactly those. */
export function requiredSecrets(config: SourceConfigInput): readonly SecretName[] {
  // Each descriptor takes its own config; the kind picks the one that matches.
  const needs = providerOf(config.kind).requiredSecrets as (c: SourceConfigInput) => SecretName[];
  return needs(config);
}
