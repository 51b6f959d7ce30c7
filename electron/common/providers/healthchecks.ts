import { z } from 'zod';
import { apiBaseUrlSchema, pollingFields } from '../model/source-fields.js';
import { mebibyte, type ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { nameField, pollIntervalField, secretField } from './shared-fields.js';

/** The hosted service; a self-hosted instance replaces it with its own site root. */
const hostedSite = 'https://healthchecks.io';

/** A dead-man's switch is nobody's in particular: every late job is the responder's. */
const assignment = 'none';

/** Tags as Healthchecks.io writes them: words without spaces; the filter lists a few. */
const tagListSchema = z
  .string()
  .trim()
  .regex(/^[^,]*$/, 'separate tags with spaces, not commas')
  .refine((tags) => tags.split(/\s+/).filter(Boolean).length <= 10, 'at most 10 tags')
  .optional();

export const healthchecksSourceConfigSchema = z.object({
  kind: z.literal('healthchecks'),
  ...pollingFields,
  /** Only checks with every one of these tags (space-separated), like the API's `tag=` filter. */
  tags: tagListSchema,
  /** A self-hosted instance's site root; its API is under /api/v3/ there. */
  apiBaseUrl: apiBaseUrlSchema,
  ringFor: ringForSchema(assignment),
});

type Input = z.input<typeof healthchecksSourceConfigSchema>;
const publicApi = () => hostedSite;

/** The tag filter as a list, for the query and the summary. */
export function healthchecksTags(config: Pick<Input, 'tags'>): string[] {
  return (config.tags ?? '').split(/\s+/).filter(Boolean);
}

export const healthchecksDescriptor = {
  kind: 'healthchecks',
  label: 'Healthchecks.io',
  configSchema: healthchecksSourceConfigSchema,
  assignment,
  // One list of every check in the project: a thousand checks are well under a megabyte.
  maxResponseBytes: 4 * mebibyte,
  requiredSecrets: () => ['token'],
  publicApi,
  summary: (config) => {
    const site = new URL(config.apiBaseUrl ?? hostedSite).host;
    const tags = healthchecksTags(config);
    return tags.length > 0 ? `${site} · tags ${tags.join(' ')}` : `${site} · every check`;
  },
  form: {
    fields: [
      nameField('Cron jobs'),
      secretField(
        'token',
        'Project API key',
        'Project Settings → API Access. A read-only key (hcr_…) is enough; a read-write key also lets you pause a check.',
      ),
      {
        path: 'config.tags',
        label: 'Tags (optional)',
        input: 'text',
        placeholder: 'prod backups',
        hint: 'Only checks with all of these tags, separated by spaces.',
      },
      {
        path: 'config.apiBaseUrl',
        label: 'Site URL (self-hosted)',
        input: 'url',
        placeholder: hostedSite,
        hint: 'Leave empty for healthchecks.io; for your own instance, its address.',
      },
      ringForField(assignment),
      pollIntervalField,
    ],
  },
} satisfies ProviderDescriptor<typeof healthchecksSourceConfigSchema>;
