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

/** PROVIDERS.md: the path is the same in both regions; only the host changes. */
const hosts = { us: 'https://api.pagerduty.com', eu: 'https://api.eu.pagerduty.com' } as const;

/** Incidents name their assignees and teams; `/users/me` names the responder’s teams. */
const assignment = 'teams';

export const pagerDutySourceConfigSchema = z.object({
  kind: z.literal('pagerduty'),
  ...pollingFields,
  region: regionSchema,
  /** The responder's PagerDuty login: sent as `From` on every change, and finds "me". */
  email: z.string().trim().email('the email of your PagerDuty user'),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

type Input = z.input<typeof pagerDutySourceConfigSchema>;
const publicApi = ({ region }: Input) => hosts[region ?? 'us'];

export const pagerDutyDescriptor = {
  kind: 'pagerduty',
  label: 'PagerDuty',
  configSchema: pagerDutySourceConfigSchema,
  assignment,
  // One page of at most 100 incidents, or a schedule's week: a few hundred KB at most.
  maxResponseBytes: 4 * mebibyte,
  // A look at the newest open incident every 2.5 s, so a page is seen within 3 s, and the
  // reads its changes start: within a twentieth of the key's budget (see ChangeCheck).
  fastLaneSeconds: 2.5,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ region, email }) => `${region.toUpperCase()} · ${email}`,
  form: {
    fields: [
      nameField('PagerDuty'),
      regionField(hosts),
      {
        path: 'config.email',
        label: 'Email',
        input: 'email',
        placeholder: 'you@example.com',
        hint: 'Your PagerDuty login: changes are made as this user.',
        required: 'The email of your PagerDuty user is required',
      },
      secretField(
        'token',
        'API key',
        'A REST API key; a user token also tells Onwatch who you are.',
      ),
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof pagerDutySourceConfigSchema>;
