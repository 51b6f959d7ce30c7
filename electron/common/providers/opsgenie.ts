// Opsgenie's REST API ends on 2027-04-05: delete this file with electron/core/sources/opsgenie/.
import { z } from 'zod';
import { apiBaseUrlSchema, pollingFields, regionSchema } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import {
  apiBaseUrlField,
  nameField,
  pollIntervalField,
  regionField,
  secretField,
} from './shared-fields.js';

/** PROVIDERS.md: EU accounts must call the EU host. */
const hosts = { us: 'https://api.opsgenie.com', eu: 'https://api.eu.opsgenie.com' } as const;

/** Alerts name an owner and the teams they were routed to; `/v2/users/{id}/teams` names mine. */
const assignment = 'teams';

export const opsgenieSourceConfigSchema = z.object({
  kind: z.literal('opsgenie'),
  ...pollingFields,
  region: regionSchema,
  /** The responder's Opsgenie username (an email): finds "my" alerts and on-call shifts. */
  username: z.string().trim().min(1),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

type Input = z.input<typeof opsgenieSourceConfigSchema>;
const publicApi = ({ region }: Input) => hosts[region ?? 'us'];

export const opsgenieDescriptor = {
  kind: 'opsgenie',
  label: 'Opsgenie',
  configSchema: opsgenieSourceConfigSchema,
  assignment,
  // One page of at most 100 alerts: a few hundred KB at most.
  maxResponseBytes: 4 * mebibyte,
  // A look at the newest open alert every 2.5 s, so a page is seen within 3 s (see ChangeCheck).
  fastLaneSeconds: 2.5,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ region, username }) => `${region.toUpperCase()} · ${username}`,
  form: {
    fields: [
      nameField('Opsgenie'),
      regionField(hosts),
      {
        path: 'config.username',
        label: 'Username',
        input: 'text',
        hint: 'Your Opsgenie username (an email): finds your alerts.',
        required: 'Your username is required',
      },
      secretField('token', 'API key', 'An API key with read and create-and-update access.'),
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof opsgenieSourceConfigSchema>;
