import { z } from 'zod';

/*
 * The parts of Statuspage API v1 answers that Onwatch reads (the vendor's OpenAPI spec, with
 * what the live API is known to send: `null` for absent values, a group's `components` as an
 * array of ids although the spec types it a string). Everything else is dropped. Statuses are
 * plain strings here, so a value added later costs one field, not the whole item.
 */

const timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected a timestamp')
  .transform((value) => new Date(value).toISOString());

export const spPageSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  subdomain: z.string().nullish(),
  url: z.string().nullish(),
  time_zone: z.string().nullish(),
});
export type SpPage = z.infer<typeof spPageSchema>;

export const spComponentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string().nullish(),
  description: z.string().nullish(),
  position: z.number().nullish(),
  /** True on a group's own row in the component list. */
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
});
export type SpComponent = z.infer<typeof spComponentSchema>;

/** The spec says string; the API sends an array of ids (the spec's own example). */
const componentIdList = z.union([
  z.array(z.string()),
  z.string().transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ),
]);

export const spComponentGroupSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  components: componentIdList.nullish().transform((ids) => ids ?? []),
});
export type SpComponentGroup = z.infer<typeof spComponentGroupSchema>;

export const spTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  title: z.string().nullish(),
  body: z.string().nullish(),
  update_status: z.string().nullish(),
  should_send_notifications: z.boolean().nullish(),
  components: z
    .array(z.object({ id: z.string().min(1) }))
    .nullish()
    .transform((list) => (list ?? []).map((c) => c.id)),
});
export type SpTemplate = z.infer<typeof spTemplateSchema>;

const spIncidentUpdateSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  body: z.string().nullish(),
  created_at: timestamp,
  display_at: timestamp.nullish(),
  deliver_notifications: z.boolean().nullish(),
});

export const spIncidentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  impact_override: z.string().nullish(),
  created_at: timestamp,
  updated_at: timestamp.nullish(),
  resolved_at: timestamp.nullish(),
  scheduled_for: timestamp.nullish(),
  scheduled_until: timestamp.nullish(),
  shortlink: z.string().nullish(),
  components: z
    .array(spComponentSchema.pick({ id: true, name: true, status: true }))
    .nullish()
    .transform((list) => list ?? []),
  /** Newest first, as Statuspage lists them. */
  incident_updates: z
    .array(spIncidentUpdateSchema)
    .nullish()
    .transform((list) => list ?? []),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type SpIncident = z.infer<typeof spIncidentSchema>;

/**
 * Statuspage explains a refusal as `{message}` (the spec's ErrorEntity) or, from older
 * endpoints, `{error}` with a sentence or a list of them.
 */
export const spErrorSchema = z.object({
  message: z.string().nullish(),
  error: z.union([z.string(), z.array(z.string())]).nullish(),
});

/** What Onwatch writes into `metadata.onwatch`, and reads back to recognise its own posts. */
const onwatchMetadataSchema = z.object({
  /** Made before the first send, so a post whose answer was lost can be found again. */
  key: z.string().min(1),
  /** The paging incident it speaks for (`sourceId:externalId`), when there is one. */
  source: z.string().optional(),
});
export type OnwatchMetadata = z.infer<typeof onwatchMetadataSchema>;

/** Onwatch's marks on an incident, when it has valid ones. */
export function onwatchMetadataOf(incident: SpIncident): OnwatchMetadata | undefined {
  const parsed = onwatchMetadataSchema.safeParse(incident.metadata?.onwatch);
  return parsed.success ? parsed.data : undefined;
}
