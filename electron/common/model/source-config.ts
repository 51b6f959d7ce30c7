import { z } from 'zod';

const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40');

const pollingFields = {
  id: sourceId,
  name: z.string().trim().min(1, 'a name is required').max(80),
  pollIntervalSeconds: z.number().int().min(5).max(3600).default(30),
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
};

export const drillSourceConfigSchema = z.object({
  kind: z.literal('drill'),
  ...pollingFields,
});

/** Secrets (password, token) live in the keychain; settings only say which kind of auth. */
export const alertmanagerAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1) }),
  z.object({ type: z.literal('bearer') }),
]);
export type AlertmanagerAuth = z.infer<typeof alertmanagerAuthSchema>;

export const alertmanagerSourceConfigSchema = z.object({
  kind: z.literal('alertmanager'),
  ...pollingFields,
  baseUrl: z
    .string()
    .trim()
    .url('must be a URL such as http://alertmanager:9093')
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://'),
  auth: alertmanagerAuthSchema.default({ type: 'none' }),
  ackSilenceMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

const region = z.enum(['us', 'eu']).default('us');

/** Replaces the provider's public API host: for a corporate proxy, or a test double. */
const apiBaseUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
  .optional();

export const pagerDutySourceConfigSchema = z.object({
  kind: z.literal('pagerduty'),
  ...pollingFields,
  region,
  /** The responder's PagerDuty login: sent as `From` on every change, and finds "me". */
  email: z.string().trim().email('the email of your PagerDuty user'),
  apiBaseUrl,
});

export const opsgenieSourceConfigSchema = z.object({
  kind: z.literal('opsgenie'),
  ...pollingFields,
  region,
  /** The responder's Opsgenie username (an email): finds "my" alerts and on-call shifts. */
  username: z.string().trim().min(1),
  apiBaseUrl,
});

export const splunkOnCallSourceConfigSchema = z.object({
  kind: z.literal('splunk-oncall'),
  ...pollingFields,
  /** Sent as X-VO-Api-Id; the matching API key is the secret `token`. */
  apiId: z.string().trim().min(1),
  /** The responder's Splunk On-Call username: required on every ack and resolve. */
  username: z.string().trim().min(1),
  apiBaseUrl,
});

export const sourceConfigSchema = z.discriminatedUnion('kind', [
  drillSourceConfigSchema,
  alertmanagerSourceConfigSchema,
  pagerDutySourceConfigSchema,
  opsgenieSourceConfigSchema,
  splunkOnCallSourceConfigSchema,
]);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;
export type SourceKind = SourceConfig['kind'];
export type DrillSourceConfig = z.infer<typeof drillSourceConfigSchema>;
export type AlertmanagerSourceConfig = z.infer<typeof alertmanagerSourceConfigSchema>;
export type PagerDutySourceConfig = z.infer<typeof pagerDutySourceConfigSchema>;
export type OpsgenieSourceConfig = z.infer<typeof opsgenieSourceConfigSchema>;
export type SplunkOnCallSourceConfig = z.infer<typeof splunkOnCallSourceConfigSchema>;

/** Secret values a form may send with a source; they go to the keychain, never to settings. */
export const sourceSecretsSchema = z.object({
  password: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
});
export type SourceSecrets = z.infer<typeof sourceSecretsSchema>;

/** Names of the secrets a config needs, so callers can ask the keychain for exactly those. */
export function requiredSecrets(config: SourceConfig): (keyof SourceSecrets)[] {
  switch (config.kind) {
    case 'drill':
      return [];
    case 'alertmanager':
      if (config.auth.type === 'basic') return ['password'];
      if (config.auth.type === 'bearer') return ['token'];
      return [];
    case 'pagerduty':
    case 'opsgenie':
    case 'splunk-oncall':
      return ['token'];
  }
}
