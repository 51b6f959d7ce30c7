import {
  incidentKey,
  noCapabilities,
  type Incident,
  type IncidentStatus,
  type Urgency,
} from '../../../common/model/incident.js';
import type { SplunkIncident } from './splunk-oncall-schemas.js';

export interface IncidentContext {
  sourceId: string;
  /** The responder's Splunk On-Call username. */
  username: string;
  /** A steady creation time for an incident without any timestamp, which the API allows. */
  firstSeen: (incidentNumber: string) => string;
}

/**
 * The API description documents triggered/acknowledged/resolved, while integrations in the
 * wild read UNACKED/ACKED/RESOLVED; both are understood. An unknown phase is shown as
 * triggered: a page must never vanish because a word changed.
 */
export function phaseToStatus(phase: string | undefined): IncidentStatus {
  switch (phase?.trim().toLowerCase()) {
    case 'acknowledged':
    case 'acked':
      return 'acknowledged';
    case 'resolved':
      return 'resolved';
    default:
      return 'triggered';
  }
}

/**
 * Splunk On-Call has no urgency: whatever it pages is paged. Only an informational entity
 * state (which does not page by default) is clearly low.
 */
export function urgencyFromEntityState(state: string | undefined): Urgency {
  return state?.trim().toUpperCase() === 'INFO' ? 'low' : 'high';
}

export function toIncident(raw: SplunkIncident, context: IncidentContext): Incident {
  const number = raw.incidentNumber;
  const pagedUsers = raw.pagedUsers;
  const me = context.username.toLowerCase();
  const acked = raw.transitions.filter((t) => /^ack/i.test(t.name ?? '') && t.at);
  const status = phaseToStatus(raw.currentPhase);
  const labels: Record<string, string> = {};
  const label = (name: string, value: string | undefined) => {
    if (value?.trim()) labels[name] = value.trim();
  };
  label('entityId', raw.entityId);
  label('host', raw.host);
  label('service', raw.service);
  label('routingKey', raw.routingKey);
  label('pagedTeams', raw.pagedTeams.join(','));
  label('pagedPolicies', raw.pagedPolicies.map((p) => p.policy.slug).join(','));
  return {
    key: incidentKey(context.sourceId, number),
    sourceId: context.sourceId,
    externalId: number,
    number: `#${number}`,
    webUrl: httpUrl(raw.incidentLink),
    title: nonBlank(raw.entityDisplayName) ?? nonBlank(raw.entityId) ?? `Incident ${number}`,
    service: nonBlank(raw.service),
    status,
    urgency: urgencyFromEntityState(raw.entityState),
    severity: nonBlank(raw.entityState)?.toLowerCase(),
    createdAt: raw.startTime ?? raw.lastAlertTime ?? context.firstSeen(number),
    updatedAt: raw.lastAlertTime,
    // A reroute pages again, so an old ack only counts while the incident is not triggered.
    acknowledgedAt: status === 'triggered' ? undefined : acked.at(-1)?.at,
    assignedToMe: pagedUsers.some((user) => user.toLowerCase() === me),
    assignees: pagedUsers,
    labels,
    links: [],
    capabilities: { ...noCapabilities, ack: true, resolve: true, reassign: true },
  };
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

/** Only http(s): a link from the provider must never become a `javascript:` URL. */
function httpUrl(value: string | undefined): string | undefined {
  try {
    const url = new URL(value?.trim() ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
