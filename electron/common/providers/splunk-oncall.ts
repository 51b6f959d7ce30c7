import { z } from 'zod';
import { apiBaseUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { apiBaseUrlField, nameField, pollIntervalField, secretField } from './shared-fields.js';

/** One host for every account: Splunk On-Call has no regions. */
const host = 'https://api.victorops.com';

/** Incidents name the users they paged. */
const assignment = 'people';

export const splunkOnCallSourceConfigSchema = z.object({
  kind: z.literal('splunk-oncall'),
  ...pollingFields,
  /** Sent as X-VO-Api-Id; the matching API key is the secret `token`. */
  apiId: z.string().trim().min(1),
  /** The responder's Splunk On-Call username: required on every ack and resolve. */
  username: z.string().trim().min(1),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

const publicApi = () => host;

export const splunkOnCallDescriptor = {
  kind: 'splunk-oncall',
  label: 'Splunk On-Call',
  configSchema: splunkOnCallSourceConfigSchema,
  assignment,
  // The incident list is not paginated: five thousand incidents are about 8 MB.
  maxResponseBytes: 8 * mebibyte,
  // Nothing cheaper than the incident list to look at, and 60 calls a minute per API id: three
  // a minute is the twentieth a fast lane may take.
  fastLaneSeconds: 20,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ username, apiId }) => `${username} · API ID ${apiId}`,
  form: {
    fields: [
      nameField('Splunk On-Call'),
      { path: 'config.apiId', label: 'API ID', input: 'text', required: 'The API ID is required' },
      secretField('token', 'API key', 'From Integrations → API, with the API ID beside it.'),
      {
        path: 'config.username',
        label: 'Username',
        input: 'text',
        hint: 'Acks and resolves are made as this user.',
        required: 'Your username is required',
      },
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof splunkOnCallSourceConfigSchema>;
