import { z } from 'zod';
import { pollingFields } from '../model/source-fields.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { ringForSchema } from './ring-for.js';

/** Practice pages are all the responder's. */
const assignment = 'none';

export const drillSourceConfigSchema = z.object({
  kind: z.literal('drill'),
  ...pollingFields,
  ringFor: ringForSchema(assignment),
});

/** Built in and played when nothing is configured, so it has no form. */
export const drillDescriptor = {
  kind: 'drill',
  label: 'Drill (practice)',
  configSchema: drillSourceConfigSchema,
  assignment,
  requiredSecrets: () => [],
  summary: () => 'Built-in practice incidents',
} satisfies ProviderDescriptor<typeof drillSourceConfigSchema>;
