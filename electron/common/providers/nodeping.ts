import { z } from 'zod';
import { apiBaseUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { apiBaseUrlField, nameField, pollIntervalField, secretField } from './shared-fields.js';

const host = 'https://api.nodeping.com/api/1';

/** NodePing checks name no owner: every failing check is the responder's. */
const assignment = 'none';

export const nodepingSourceConfigSchema = z.object({
  kind: z.literal('nodeping'),
  ...pollingFields,
  /** A sub-account to read instead of the token's primary account (NodePing's `customerid`). */
  customerId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]+$/, 'a customer id is letters and digits, as NodePing shows it')
    .optional(),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

const publicApi = () => host;

export const nodepingDescriptor = {
  kind: 'nodeping',
  label: 'NodePing',
  configSchema: nodepingSourceConfigSchema,
  assignment,
  // Every check of the account in one object; a few thousand checks are a few megabytes.
  maxResponseBytes: 8 * mebibyte,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ customerId }) => (customerId ? `sub-account ${customerId}` : 'primary account'),
  form: {
    fields: [
      nameField('NodePing'),
      secretField(
        'token',
        'API token',
        'Account Settings → API. Sent as the Basic username, never in a URL.',
      ),
      {
        path: 'config.customerId',
        label: 'Sub-account id (optional)',
        input: 'text',
        hint: 'Read a sub-account’s checks instead of the primary account’s.',
      },
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof nodepingSourceConfigSchema>;
