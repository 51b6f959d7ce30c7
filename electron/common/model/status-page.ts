import { z } from 'zod';

/*
 * Atlassian Statuspage as both sides of the bridge see it: the vocabulary (component and
 * incident statuses, impact), the vendor's limits, and the drafts a responder fills in. The
 * API's own shapes stay in electron/core/statuspage/.
 */

/** A component's status, worst last. Statuspage also knows `""`, which nobody should send. */
export const componentStatuses = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export const componentStatusSchema = z.enum(componentStatuses);
export type ComponentStatus = z.infer<typeof componentStatusSchema>;

/** A live incident moves through these; `resolved` ends it. */
export const liveIncidentStatusSchema = z.enum([
  'investigating',
  'identified',
  'monitoring',
  'resolved',
]);
export type LiveIncidentStatus = z.infer<typeof liveIncidentStatusSchema>;

/** A scheduled maintenance moves through these; `completed` ends it. */
export const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];

export type StatusPageIncidentStatus = LiveIncidentStatus | MaintenanceStatus;

/** Least to most severe. */
export const impacts = ['none', 'maintenance', 'minor', 'major', 'critical'] as const;
const impactSchema = z.enum(impacts);
export type Impact = z.infer<typeof impactSchema>;

/** Statuspage refuses longer names and bodies (PROVIDERS.md §7). */
export const statusPageLimits = { nameChars: 255, bodyChars: 25_000 } as const;

/** Words subscribers and responders read for each status. */
export const statusWords: Record<ComponentStatus | StatusPageIncidentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

const name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(statusPageLimits.nameChars, `at most ${statusPageLimits.nameChars} characters`);
const body = z
  .string()
  .max(statusPageLimits.bodyChars, `at most ${statusPageLimits.bodyChars} characters`);
const componentId = z.string().min(1).max(64);
/** Child component id → the status to set. Never a group's id: a group's status is derived. */
const componentChanges = z.record(componentId, componentStatusSchema);

/** Which paging incident a status-page post speaks for. */
export const pagingIncidentRefSchema = z.object({
  key: z.string().min(1).max(600),
  title: z.string().max(1000),
});
export type PagingIncidentRef = z.infer<typeof pagingIncidentRefSchema>;

/** A new public incident, as the form holds it. */
export const incidentDraftSchema = z.object({
  name,
  status: liveIncidentStatusSchema,
  body,
  components: componentChanges,
  deliverNotifications: z.boolean(),
  /** Forces the impact Statuspage would otherwise derive from the component statuses. */
  impactOverride: impactSchema.optional(),
});
export type IncidentDraft = z.infer<typeof incidentDraftSchema>;

/** A follow-up on an open incident: a new public update, component changes, or both. */
export const incidentUpdateDraftSchema = z.object({
  status: liveIncidentStatusSchema,
  body,
  components: componentChanges,
  deliverNotifications: z.boolean(),
  impactOverride: impactSchema.optional(),
});
export type IncidentUpdateDraft = z.infer<typeof incidentUpdateDraftSchema>;

/** A maintenance to announce; its components are under maintenance while it runs. */
export const maintenanceDraftSchema = z
  .object({
    name,
    body,
    componentIds: z.array(componentId).max(500),
    /** ISO-8601 instants. */
    scheduledFor: z.iso.datetime({ offset: true }),
    scheduledUntil: z.iso.datetime({ offset: true }),
    /** Subscribers are told now, when it is scheduled. */
    deliverNotifications: z.boolean(),
    /** Statuspage reminds subscribers an hour before it starts. */
    remindPrior: z.boolean(),
    /** Statuspage starts it at `scheduledFor` and ends it at `scheduledUntil` by itself. */
    autoInProgress: z.boolean(),
    autoCompleted: z.boolean(),
    /** Whether those automatic starts and ends notify subscribers. */
    notifyAtStart: z.boolean(),
    notifyAtEnd: z.boolean(),
  })
  .refine((d) => Date.parse(d.scheduledUntil) > Date.parse(d.scheduledFor), {
    message: 'the end must be after the start',
    path: ['scheduledUntil'],
  });
export type MaintenanceDraft = z.infer<typeof maintenanceDraftSchema>;

/** One step of a running maintenance's lifecycle. */
export const maintenanceStepSchema = z.object({
  status: z.enum(['in_progress', 'verifying', 'completed']),
  body,
  componentIds: z.array(componentId).max(500),
  deliverNotifications: z.boolean(),
});
export type MaintenanceStep = z.infer<typeof maintenanceStepSchema>;
