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

/** An HA cluster is two or three replicas, rarely more; each costs a share of the timeout. */
const maxAlertmanagerReplicas = 5;

/** Two spellings of one replica (a trailing slash, the pasted API path) are one replica. */
function sameAlertmanager(a: string, b: string): boolean {
  const root = (url: string) =>
    url
      .replace(/\/+$/, '')
      .replace(/\/api\/v2$/, '')
      .toLowerCase();
  return root(a) === root(b);
}

export const alertmanagerSourceConfigSchema = z
  .object({
    kind: z.literal('alertmanager'),
    ...pollingFields,
    /** The first replica asked (the only one, without replicas). */
    baseUrl: httpUrlSchema('must be a URL such as http://alertmanager:9093'),
    /** The other replicas of the same HA cluster, asked in this order when one fails. */
    replicaUrls: z
      .array(httpUrlSchema('each replica must be a URL such as http://alertmanager-1:9093'))
      .max(maxAlertmanagerReplicas - 1, `at most ${maxAlertmanagerReplicas} replicas in all`)
      .optional(),
    auth: alertmanagerAuthSchema.default({ type: 'none' }),
    ackSilenceMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    ringFor: ringForSchema(assignment),
  })
  .superRefine(({ baseUrl, replicaUrls = [] }, context) => {
    replicaUrls.forEach((url, index) => {
      const earlier = [baseUrl, ...replicaUrls.slice(0, index)];
      if (earlier.some((other) => sameAlertmanager(other, url))) {
        context.addIssue({
          code: 'custom',
          message: `${url} is listed twice`,
          path: ['replicaUrls', index],
        });
      }
    });
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
  // Self-hosted and without a rate limit; an unchanged answer costs a few milliseconds of CPU.
  fastLaneSeconds: 2,
  siblingLabel: 'alertname',
  requiredSecrets: ({ auth }) =>
    auth?.type === 'basic' ? ['password'] : auth?.type === 'bearer' ? ['token'] : [],
  summary: (config) => {
    const others = config.replicaUrls?.length ?? 0;
    const replicas = others > 0 ? ` and ${others} more replica${others === 1 ? '' : 's'}` : '';
    return `${config.baseUrl}${replicas} · ${authNames[config.auth.type].summary}`;
  },
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
        path: 'config.replicaUrls',
        label: 'Other replicas (HA)',
        input: 'url-list',
        placeholder: 'http://alertmanager-1:9093',
        hint: 'One URL per line: the other replicas of this cluster, asked when one fails.',
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
