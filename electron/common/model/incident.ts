import { z } from 'zod';

/** What a responder can do to an incident; a source sets these per incident. */
const capabilitiesSchema = z.object({
  ack: z.boolean(),
  unack: z.boolean(),
  resolve: z.boolean(),
  snooze: z.boolean(),
  reassign: z.boolean(),
  escalate: z.boolean(),
  note: z.boolean(),
  silence: z.boolean(),
  pause: z.boolean(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const noCapabilities: Capabilities = {
  ack: false,
  unack: false,
  resolve: false,
  snooze: false,
  reassign: false,
  escalate: false,
  note: false,
  silence: false,
  pause: false,
};

const incidentStatusSchema = z.enum(['triggered', 'acknowledged', 'resolved']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

const urgencySchema = z.enum(['high', 'low']);
export type Urgency = z.infer<typeof urgencySchema>;

const incidentLinkSchema = z.object({ label: z.string(), url: z.string() });
export type IncidentLink = z.infer<typeof incidentLinkSchema>;

/**
 * One model for every source. `key` is `sourceId` + `externalId` and is unique across
 * all sources; timestamps are ISO-8601 strings so the model crosses the bridge as is.
 */
export const incidentSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  externalId: z.string(),
  number: z.string().optional(),
  webUrl: z.string().optional(),
  title: z.string(),
  service: z.string().optional(),
  status: incidentStatusSchema,
  urgency: urgencySchema,
  severity: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  assignedToMe: z.boolean(),
  /**
   * One of the responder's teams this incident is for, by name, where the source knows teams;
   * the "my teams" ring setting rings for it.
   */
  assignedToMyTeam: z.string().optional(),
  assignees: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  /**
   * Free-text facts about the alert (Alertmanager's annotations: summary, description,
   * runbook_url…), for runbook placeholders; absent where the source has none.
   */
  annotations: z.record(z.string(), z.string()).optional(),
  links: z.array(incidentLinkSchema),
  capabilities: capabilitiesSchema,
  /**
   * The provider's own group of related alerts (Alertmanager's `group_by`): incidents with the
   * same id collapse under one row. `labels` are the ones the group is made by.
   */
  group: z.object({ id: z.string(), labels: z.record(z.string(), z.string()) }).optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

export function incidentKey(sourceId: string, externalId: string): string {
  return `${sourceId}:${externalId}`;
}

const statusRank = (i: Incident) =>
  i.status === 'triggered' ? 0 : i.status === 'acknowledged' ? 1 : 2;
const urgencyRank = (i: Incident) => (i.urgency === 'high' ? 0 : 1);

/** Later instants first. Sources pass the provider's timestamps on, offsets included. */
function newestFirst(a: string, b: string): number {
  // UTC timestamps of one shape order as text: in a storm's sort that is much cheaper than
  // parsing both sides of every comparison.
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) {
    return a < b ? 1 : a > b ? -1 : 0;
  }
  return (Date.parse(b) || 0) - (Date.parse(a) || 0);
}

/**
 * Triggered before acknowledged, high urgency first, newest first within a group, then by key:
 * a total order, so a list patched change by change sorts exactly like one built at once.
 */
export function compareIncidents(a: Incident, b: Incident): number {
  return (
    statusRank(a) - statusRank(b) ||
    urgencyRank(a) - urgencyRank(b) ||
    newestFirst(a.createdAt, b.createdAt) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
