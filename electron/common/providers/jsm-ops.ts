import { z } from 'zod';
import { apiBaseUrlSchema, httpUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { apiBaseUrlField, nameField, pollIntervalField, secretField } from './shared-fields.js';

/** One host for every site: the cloudId in the path says whose alerts these are. */
const host = 'https://api.atlassian.com';

/**
 * Alerts name their user responders by accountId, and the responder's own accountId is known
 * ("me"). Teams are listed by what a user can see, not what they belong to, so no "my teams".
 */
const assignment = 'people';

export const jsmPriorities = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type JsmPriority = (typeof jsmPriorities)[number];

/** Where the Operations API of a site lives: JSM, or Compass (paths there unverified). */
const jsmProducts = ['jsm', 'compass'] as const;

export const jsmOpsSourceConfigSchema = z.object({
  kind: z.literal('jsm-ops'),
  ...pollingFields,
  /** The Atlassian site: its cloudId, the responder's accountId and names come from here. */
  siteUrl: httpUrlSchema('must be your Atlassian site, such as https://acme.atlassian.net'),
  /** The responder's Atlassian login; with the API token it is the Basic credential. */
  email: z.string().trim().email('the email of your Atlassian account'),
  product: z.enum(jsmProducts).default('jsm'),
  /** Alerts of this priority and above page loudly; JSM's default P3 does not. */
  highUpTo: z.enum(jsmPriorities).default('P2'),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

const publicApi = () => host;

const productNames: Record<(typeof jsmProducts)[number], string> = {
  jsm: 'Jira Service Management',
  compass: 'Compass (unverified)',
};

export const jsmOpsDescriptor = {
  kind: 'jsm-ops',
  label: 'Jira Service Management Operations',
  configSchema: jsmOpsSourceConfigSchema,
  assignment,
  // One page of at most 100 alerts with descriptions (up to 15,000 characters each).
  maxResponseBytes: 8 * mebibyte,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ siteUrl, email }) => `${hostOf(siteUrl)} · ${email}`,
  form: {
    fields: [
      nameField('Jira Service Management'),
      {
        path: 'config.siteUrl',
        label: 'Atlassian site',
        input: 'url',
        placeholder: 'https://acme.atlassian.net',
        hint: 'The site your alerts live on; Onwatch looks up its cloud id there.',
        required: 'Your Atlassian site is required',
      },
      {
        path: 'config.email',
        label: 'Atlassian email',
        input: 'email',
        placeholder: 'you@example.com',
        hint: 'Your Atlassian login: actions are made as you.',
        required: 'The email of your Atlassian account is required',
      },
      secretField(
        'token',
        'API token',
        'An Atlassian API token (id.atlassian.com → Security); it goes to the keychain.',
      ),
      {
        path: 'config.highUpTo',
        label: 'High urgency',
        input: 'select',
        hint: 'Alerts of these priorities page loudly; the rest are low urgency.',
        options: jsmPriorities.map((priority, index) => ({
          value: priority,
          label: index === 0 ? 'P1 only' : `P1 to ${priority}`,
        })),
      },
      {
        path: 'config.product',
        label: 'Product',
        input: 'select',
        options: jsmProducts.map((value) => ({ value, label: productNames[value] })),
      },
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof jsmOpsSourceConfigSchema>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
