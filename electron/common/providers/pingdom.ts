import { z } from 'zod';
import { apiBaseUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { apiBaseUrlField, nameField, secretField } from './shared-fields.js';

const host = 'https://api.pingdom.com/api/3.1';

/** Pingdom checks name no owner: every check that goes down is the responder's. */
const assignment = 'none';

/** Pingdom tests at most once a minute and asks clients not to poll faster (MONITORS.md §1). */
const minimumPollSeconds = 60;

export const pingdomSourceConfigSchema = z.object({
  kind: z.literal('pingdom'),
  ...pollingFields,
  pollIntervalSeconds: z
    .number()
    .int()
    .min(
      minimumPollSeconds,
      `Pingdom asks for at most one poll a minute: ${minimumPollSeconds} or more`,
    )
    .max(3600)
    .default(minimumPollSeconds),
  /** Only checks with one of these tags (comma-separated), as Pingdom's `tags=` filter reads it. */
  tags: z
    .string()
    .trim()
    .regex(/^[\w,\s-]*$/, 'tags are letters, digits, _ and -, separated by commas')
    .optional(),
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

const publicApi = () => host;

/** The tag filter as Pingdom takes it: "nginx,apache", or undefined for every check. */
export function pingdomTags(tags: string | undefined): string | undefined {
  const list = (tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return list.length > 0 ? list.join(',') : undefined;
}

export const pingdomDescriptor = {
  kind: 'pingdom',
  label: 'Pingdom',
  configSchema: pingdomSourceConfigSchema,
  assignment,
  // The check list is one answer (up to 25 000 checks, about 300 bytes each).
  maxResponseBytes: 8 * mebibyte,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: ({ tags }) => {
    const filter = pingdomTags(tags);
    return filter ? `tags ${filter}` : 'every check';
  },
  form: {
    fields: [
      nameField('Pingdom'),
      secretField(
        'token',
        'API token',
        'Settings → Pingdom API → Add API token, with Read access. One token per account.',
      ),
      {
        path: 'config.tags',
        label: 'Tags (optional)',
        input: 'text',
        placeholder: 'production,checkout',
        hint: 'Only checks with one of these tags, separated by commas.',
      },
      ringForField(assignment),
      apiBaseUrlField(publicApi),
      {
        path: 'config.pollIntervalSeconds',
        label: 'Poll interval (seconds)',
        input: 'number',
        hint: 'At least 60: Pingdom tests once a minute at most.',
        required: 'A poll interval is required',
      },
    ],
  },
} satisfies ProviderDescriptor<typeof pingdomSourceConfigSchema>;
