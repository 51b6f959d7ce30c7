import { z } from 'zod';
import { componentStatusSchema } from './status-page.js';

/*
 * A status page as the window shows it and the forms work on: components grouped as on the
 * page, templates, open incidents with their latest update, and maintenances. Built in the
 * core from what Statuspage (or the practice page) answered.
 */

const statusPageComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `unknown` when Statuspage sent a status Onwatch does not know. */
  status: z.union([componentStatusSchema, z.literal('unknown')]),
  /** The group this component sits in, if any. */
  groupId: z.string().optional(),
});
export type StatusPageComponent = z.infer<typeof statusPageComponentSchema>;

/** A group's own status is derived from its children, so only they are ever set. */
const statusPageGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  componentIds: z.array(z.string()),
});

/** What the forms need to know about a page's components. */
const componentCatalogSchema = z.object({
  /** Child and ungrouped components, in the page's order. */
  components: z.array(statusPageComponentSchema),
  groups: z.array(statusPageGroupSchema),
});
export type ComponentCatalog = z.infer<typeof componentCatalogSchema>;

const statusPageTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  body: z.string(),
  /** The incident status the template posts, when it names a live one. */
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']).optional(),
  componentIds: z.array(z.string()),
  deliverNotifications: z.boolean(),
});
export type StatusPageTemplate = z.infer<typeof statusPageTemplateSchema>;

const statusPageIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** As Statuspage has it; a live status or a maintenance one. */
  status: z.string(),
  impact: z.string().optional(),
  createdAt: z.string(),
  scheduledFor: z.string().optional(),
  scheduledUntil: z.string().optional(),
  shortlink: z.string().optional(),
  components: z.array(
    z.object({ id: z.string(), name: z.string(), status: statusPageComponentSchema.shape.status }),
  ),
  latestUpdate: z.object({ status: z.string(), body: z.string(), at: z.string() }).optional(),
  /** The paging incident it speaks for, from `metadata.onwatch.source`. */
  pagingIncidentKey: z.string().optional(),
});
export type StatusPageIncident = z.infer<typeof statusPageIncidentSchema>;

export const statusPageViewSchema = z.object({
  statusPageId: z.string(),
  pageId: z.string(),
  pageName: z.string(),
  /** The drill's page: it writes nowhere, and every view of it says so. */
  practice: z.boolean(),
  catalog: componentCatalogSchema,
  templates: z.array(statusPageTemplateSchema),
  openIncidents: z.array(statusPageIncidentSchema),
  activeMaintenances: z.array(statusPageIncidentSchema),
  upcomingMaintenances: z.array(statusPageIncidentSchema),
  /** Items Statuspage sent that made no sense and were left out. */
  skipped: z.number().int(),
  readAt: z.string(),
});
export type StatusPageView = z.infer<typeof statusPageViewSchema>;
