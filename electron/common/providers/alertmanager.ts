import { z } from 'zod';
import { httpUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { nameField, pollIntervalField, secretField } from './shared-fields.js';

/** Every alert is everyone's: Alertmanager has no assignees. */
const assignment = 'none';

/** Secrets (password, token) live in the keychain; settings only say which kind of auth. */
export const alertmanagerAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().trim().min(1) }),
  z.object({ type: z.literal('bearer') }),
]);
export type AlertmanagerAuth = z.infer<typeof alertmanagerAuthSchema>;

export const alertmanagerSourceConfigSchema = z.object({
  kind: z.literal('alertmanager'),
  ...pollingFields,
  baseUrl: httpUrlSchema('must be a URL such as http://alertmanager:9093'),
  auth: alertmanagerAuthSchema.default({ type: 'none' }),
  ackSilenceMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  ringFor: ringForSchema(assignment),
});

const authNames: Record<AlertmanagerAuth['type'], { option: string; summary: string }> = {
  none: { option: 'None', summary: 'no auth' },
  basic: { option: 'Basic (username and password)', summary: 'basic auth' },
  bearer: { option: 'Bearer token', summary: 'bearer token' },
};

export const alertmanagerDescriptor = {
  kind: 'alertmanager',
  label: 'Prometheus Alertmanager',
  configSchema: alertmanagerSourceConfigSchema,
  assignment,
  // The whole alert list in one answer: ten thousand alerts with a dozen labels are about 8 MB.
  maxResponseBytes: 16 * mebibyte,
  requiredSecrets: ({ auth }) =>
    auth?.type === 'basic' ? ['password'] : auth?.type === 'bearer' ? ['token'] : [],
  summary: (config) => `${config.baseUrl} · ${authNames[config.auth.type].summary}`,
  form: {
    fields: [
      nameField('Production Alertmanager'),
      {
        path: 'config.baseUrl',
        label: 'Base URL',
        input: 'url',
        placeholder: 'http://alertmanager:9093',
        required: 'The Alertmanager URL is required',
      },
      {
        path: 'config.auth.type',
        label: 'Authentication',
        input: 'select',
        options: Object.entries(authNames).map(([value, names]) => ({
          value,
          label: names.option,
        })),
      },
      {
        path: 'config.auth.username',
        label: 'Username',
        input: 'text',
        required: 'Your username is required',
        shownWhen: ({ auth }) => auth?.type === 'basic',
      },
      secretField('password', 'Password'),
      // Whatever token the proxy in front of Alertmanager expects, not a provider's API key.
      secretField('token', 'Token'),
      {
        path: 'config.ackSilenceMinutes',
        label: 'Ack silence (minutes)',
        input: 'number',
        required: 'How long an ack silences the alert is required',
      },
      ringForField(assignment),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof alertmanagerSourceConfigSchema>;
