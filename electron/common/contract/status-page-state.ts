/**
 * The status pages as every window sees them: each connected page as last read, the writes
 * on their way to it, which paging incident each status-page incident speaks for, and the
 * reminders due now. Configs (without the API key) are in the public settings.
 */
import { z } from 'zod';
import { componentMappingRuleSchema, statusPageConfigSchema } from '../model/status-page-config.js';
import { statusPageViewSchema } from '../model/status-page-view.js';

/** A configured page as the settings show it: whether its API key is stored, never the key. */
export const statusPageSettingSchema = z.object({
  config: statusPageConfigSchema,
  apiKeyConfigured: z.boolean(),
});
export type StatusPageSetting = z.infer<typeof statusPageSettingSchema>;

const connectedStatusPageSchema = z.object({
  id: z.string(),
  name: z.string(),
  practice: z.boolean(),
  /** Which components an incident touches, for the forms to preselect. */
  mappings: z.array(componentMappingRuleSchema),
  /** `reading` until the first read answers; `failed` keeps the last good view, if any. */
  health: z.enum(['reading', 'ok', 'failed']),
  error: z.string().optional(),
  view: statusPageViewSchema.optional(),
});
export type ConnectedStatusPage = z.infer<typeof connectedStatusPageSchema>;

/** A write in the Statuspage outbox, in words the window shows. */
const statusPageWriteViewSchema = z.object({
  id: z.string(),
  statusPageId: z.string(),
  kind: z.enum(['declare', 'update', 'schedule', 'advance']),
  /** The incident's name for a new one, else the status it moves to. */
  summary: z.string(),
  /** The status-page incident it changes (absent for a create not yet confirmed). */
  incidentId: z.string().optional(),
  /** The paging incident a declare speaks for. */
  pagingIncidentKey: z.string().optional(),
  state: z.enum(['pending', 'failed', 'done']),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  createdAt: z.string(),
});
export type StatusPageWriteView = z.infer<typeof statusPageWriteViewSchema>;

const statusPageLinkViewSchema = z.object({
  pagingIncidentKey: z.string(),
  pagingTitle: z.string(),
  statusPageId: z.string(),
  incidentId: z.string(),
  incidentName: z.string(),
  status: z.string(),
  /** When Onwatch saw the paging incident resolve, while the status-page one may be open. */
  pagingResolvedAt: z.string().optional(),
});

/** A low-urgency nudge: resolve the status page too, or tell customers about a long page. */
const statusPageReminderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('resolve-status-page'),
    id: z.string(),
    title: z.string(),
    body: z.string(),
    action: z.literal('Resolve status page'),
    statusPageId: z.string(),
    incidentId: z.string(),
    pagingIncidentKey: z.string(),
  }),
  z.object({
    kind: z.literal('declare'),
    id: z.string(),
    title: z.string(),
    body: z.string(),
    action: z.literal('Update status page'),
    statusPageId: z.string(),
    pagingIncidentKey: z.string(),
    componentIds: z.array(z.string()),
  }),
]);
export type StatusPageReminder = z.infer<typeof statusPageReminderSchema>;

export const statusPagesStateSchema = z.object({
  pages: z.array(connectedStatusPageSchema),
  writes: z.array(statusPageWriteViewSchema),
  links: z.array(statusPageLinkViewSchema),
  reminders: z.array(statusPageReminderSchema),
});
export type StatusPagesState = z.infer<typeof statusPagesStateSchema>;
