import {
  incidentKey,
  noCapabilities,
  type Incident,
  type IncidentLink,
  type Urgency,
} from '../../../common/model/incident.js';
import { jsmPriorities, type JsmPriority } from '../../../common/providers/jsm-ops.js';
import type { JsmAlert } from './jsm-schemas.js';

export interface AlertContext {
  sourceId: string;
  /** The site's root, for the alert's web link. */
  siteUrl: string;
  /** The responder's accountId: an alert routed to it is theirs. */
  accountId: string;
  /** The responder's display name: JSM names an alert's owner only by display name. */
  displayName?: string;
  /** The lowest priority that is still high urgency. */
  highUpTo: JsmPriority;
  /** A steady creation time for an alert sent without one. */
  firstSeen: (id: string) => string;
}

/** A page must never be quietly downgraded, so a missing or unknown priority is high. */
export function urgencyFromPriority(priority: string | undefined, highUpTo: JsmPriority): Urgency {
  const rank = jsmPriorities.indexOf(priority?.trim().toUpperCase() as JsmPriority);
  return rank > jsmPriorities.indexOf(highUpTo) ? 'low' : 'high';
}

/** JSM's alert statuses that are no longer a page (closed, resolved). */
export function isOver(alert: JsmAlert): boolean {
  return alert.status === 'closed' || alert.status === 'resolved';
}

export function alertToIncident(alert: JsmAlert, context: AlertContext): Incident {
  // A snoozed alert has stopped notifying, which to a responder is what an ack means.
  const acknowledged =
    alert.acknowledged === true ||
    alert.status === 'acked' ||
    alert.snoozed === true ||
    alert.status === 'snoozed';
  const owner = nonBlank(alert.owner);
  const description = nonBlank(alert.description);
  return {
    key: incidentKey(context.sourceId, alert.id),
    sourceId: context.sourceId,
    externalId: alert.id,
    number: nonBlank(alert.tinyId),
    // The alert's page on the site [U: the path is the one the JSM web app shows].
    webUrl: `${context.siteUrl.replace(/\/+$/, '')}/jira/ops/alerts/${encodeURIComponent(alert.id)}`,
    title: nonBlank(alert.message) ?? nonBlank(alert.alias) ?? alert.id,
    service:
      nonBlank(alert.entity) ?? nonBlank(alert.extraProperties.service) ?? nonBlank(alert.source),
    status: acknowledged ? 'acknowledged' : 'triggered',
    urgency: urgencyFromPriority(alert.priority, context.highUpTo),
    severity: nonBlank(alert.priority),
    createdAt: alert.createdAt ?? alert.updatedAt ?? context.firstSeen(alert.id),
    updatedAt: alert.updatedAt,
    acknowledgedAt: acknowledged ? alert.ackTime : undefined,
    assignedToMe: isMine(alert, context),
    assignees: owner ? [owner] : [],
    labels: alertLabels(alert),
    annotations: {
      ...alert.extraProperties,
      ...(description && { description }),
    },
    links: alertLinks(alert),
    capabilities: {
      ...noCapabilities,
      ack: true,
      // A snoozed alert comes back by itself; JSM's unacknowledge is for acked ones.
      unack: alert.acknowledged === true && alert.snoozed !== true,
      resolve: true,
      snooze: true,
      reassign: true,
      escalate: canEscalate(alert),
      note: true,
    },
  };
}

/**
 * Mine when routed to my accountId. The owner is only a display name, but an alert assigned to
 * me names me there and may not list me as a responder [U], and a page must not go unrung.
 */
function isMine(alert: JsmAlert, context: AlertContext): boolean {
  const routed = alert.responders.some((r) => r.type === 'user' && r.id === context.accountId);
  const owner = nonBlank(alert.owner)?.trim().toLowerCase();
  const me = nonBlank(context.displayName)?.trim().toLowerCase();
  return routed || (owner !== undefined && owner === me);
}

/** JSM escalates along an escalation: one routed to the alert, or one of a routed team's. */
function canEscalate(alert: JsmAlert): boolean {
  return alert.responders.some((r) => r.type === 'escalation' || r.type === 'team');
}

/**
 * Tags become labels for runbook matching (`key:value` splits at the first colon, a bare tag is
 * `true`), then extraProperties; the alert's own fields come last so neither can disguise them.
 */
function alertLabels(alert: JsmAlert): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of alert.tags) {
    const colon = tag.indexOf(':');
    const key = (colon > 0 ? tag.slice(0, colon) : tag).trim();
    if (key) labels[key] = colon > 0 ? tag.slice(colon + 1).trim() : 'true';
  }
  for (const [key, value] of Object.entries(alert.extraProperties)) {
    if (key.trim() && value.trim()) labels[key.trim()] = value;
  }
  const fields = { alias: alert.alias, entity: alert.entity, source: alert.source };
  for (const [key, value] of Object.entries(fields)) {
    const text = nonBlank(value);
    if (text) labels[key] = text;
  }
  if (alert.snoozed) {
    labels.snoozed = 'true';
    if (alert.snoozedUntil) labels.snoozedUntil = alert.snoozedUntil;
  }
  return labels;
}

/** extraProperties that hold a web address (runbook_url, dashboard…) become the alert's links. */
function alertLinks(alert: JsmAlert): IncidentLink[] {
  return Object.entries(alert.extraProperties).flatMap(([label, value]) => {
    const url = value.trim();
    return /^https?:\/\/\S+$/i.test(url) && URL.canParse(url) ? [{ label, url }] : [];
  });
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}
