import {
  incidentKey,
  type Incident,
  type IncidentLink,
  type IncidentStatus,
} from '../../../common/model/incident.js';
import type { PdIncident, PdReference } from './pagerduty-schemas.js';

export interface MappingContext {
  sourceId: string;
  /** The responder's PagerDuty user id. */
  meId: string;
  /** The ids of the teams the responder belongs to. */
  myTeamIds: ReadonlySet<string>;
  /** A steady creation time for an incident PagerDuty sent without one. */
  firstSeen: (id: string) => string;
}

/** PagerDuty incident → the one incident model. */
export function toIncident(pd: PdIncident, context: MappingContext): Incident {
  const status = toStatus(pd.status);
  const webUrl = webLink(pd.html_url);
  const links: IncidentLink[] = webUrl ? [{ label: 'Open in PagerDuty', url: webUrl }] : [];
  const assignees = pd.assignments.map((a) => a.assignee);
  const myTeam = pd.teams.find((team) => context.myTeamIds.has(team.id));
  const acknowledgedAt =
    status === 'acknowledged'
      ? pd.acknowledgements.flatMap((a) => a.at ?? []).sort()[0]
      : undefined;
  return {
    key: incidentKey(context.sourceId, pd.id),
    sourceId: context.sourceId,
    externalId: pd.id,
    number: pd.incident_number == null ? undefined : `#${pd.incident_number}`,
    webUrl,
    title: nonBlank(pd.title) ?? nonBlank(pd.summary) ?? pd.id,
    service: nameOf(pd.service),
    status,
    // A page must never be quietly downgraded: anything but an explicit "low" is high.
    urgency: pd.urgency === 'low' ? 'low' : 'high',
    severity: nameOf(pd.priority),
    createdAt:
      pd.created_at ?? pd.last_status_change_at ?? pd.updated_at ?? context.firstSeen(pd.id),
    updatedAt: pd.updated_at ?? pd.last_status_change_at,
    acknowledgedAt,
    assignedToMe: assignees.some((user) => user.id === context.meId),
    ...(myTeam && { assignedToMyTeam: nameOf(myTeam) ?? myTeam.id }),
    assignees: [...new Set(assignees.map((user) => nameOf(user) ?? user.id))],
    labels: incidentLabels(pd),
    links,
    capabilities: {
      ack: true,
      // PagerDuty's REST API has no way back from acknowledged to triggered.
      unack: false,
      resolve: true,
      // PagerDuty snoozes acknowledged incidents only (error 1012 otherwise).
      snooze: status === 'acknowledged',
      reassign: true,
      escalate: true,
      note: true,
      silence: false,
      pause: false,
    },
  };
}

/** For runbook matching and command placeholders; blank values are left out. */
function incidentLabels(pd: PdIncident): Record<string, string> {
  const labels: Record<string, string | undefined> = {
    service: nameOf(pd.service),
    service_id: pd.service?.id,
    escalation_policy: nameOf(pd.escalation_policy),
    escalation_policy_id: pd.escalation_policy?.id,
    incident_key: nonBlank(pd.incident_key),
    incident_number: pd.incident_number == null ? undefined : String(pd.incident_number),
    priority: nameOf(pd.priority),
    urgency: nonBlank(pd.urgency),
  };
  return Object.fromEntries(
    Object.entries(labels).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** An unknown or missing status still pages: hiding an incident is worse than showing it loudly. */
function toStatus(status: string | undefined): IncidentStatus {
  return status === 'acknowledged' || status === 'resolved' ? status : 'triggered';
}

/** A full object has `name`; a reference only `summary`, which PagerDuty sets to the name. */
export function nameOf(ref: Partial<PdReference> | null | undefined): string | undefined {
  return nonBlank(ref?.name) ?? nonBlank(ref?.summary);
}

/** Only http(s): a link from the API must never become a `javascript:` or `file:` link. */
function webLink(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function nonBlank(value: string | null | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/**
 * Ends every note Onwatch posts, so a retry whose first attempt may have landed can find it
 * and not post it twice. The action id is random, so its first 8 characters suffice.
 */
export function noteMarker(actionId: string): string {
  return `(Onwatch ref ${actionId.slice(0, 8)})`;
}
