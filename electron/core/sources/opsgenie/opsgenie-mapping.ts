// Opsgenie's REST API ends on 2027-04-05. Everything Opsgenie lives in this folder so it can be
// deleted in one go (plus its line in create-source.ts and its tests).

import {
  incidentKey,
  noCapabilities,
  type Incident,
  type Urgency,
} from '../../../common/model/incident.js';
import type { Shift } from '../../../common/model/shift.js';
import { isoPlus } from '../provider-time.js';
import type { TimeWindow } from '../source.js';
import type { OpsgenieAlert, TimelinePeriod } from './opsgenie-schemas.js';

export interface AlertContext {
  sourceId: string;
  /** The responder's Opsgenie username; "mine" means owned by it. */
  username: string;
  /** The responder's teams, id to name: an alert routed to one is for "my team". */
  myTeams: ReadonlyMap<string, string>;
  /** A steady creation time for an alert Opsgenie sent without one. */
  firstSeen: (id: string) => string;
}

/** P3 is Opsgenie's default, so only P1 and P2 page loudly. */
const lowPriorities = new Set(['P3', 'P4', 'P5']);

/** A page must never be quietly downgraded, so a missing or unknown priority is high. */
export function urgencyFromPriority(priority: string | undefined): Urgency {
  return lowPriorities.has(priority?.trim().toUpperCase() ?? '') ? 'low' : 'high';
}

export function sameUser(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function alertToIncident(alert: OpsgenieAlert, context: AlertContext): Incident {
  const labels = alertLabels(alert);
  // A snoozed alert has stopped notifying, which to a responder is what an ack means.
  const acknowledged = alert.acknowledged === true || alert.snoozed === true;
  const createdAt = alert.createdAt ?? alert.updatedAt ?? context.firstSeen(alert.id);
  const owner = nonBlank(alert.owner);
  const myTeam = alert.responders.find((r) => r.type === 'team' && context.myTeams.has(r.id));
  return {
    key: incidentKey(context.sourceId, alert.id),
    sourceId: context.sourceId,
    externalId: alert.id,
    number: nonBlank(alert.tinyId),
    // No web link: the UI lives on the account's own subdomain, which the API does not give.
    title: nonBlank(alert.message) ?? nonBlank(alert.alias) ?? alert.id,
    service: nonBlank(alert.entity) ?? nonBlank(labels.service) ?? nonBlank(alert.source),
    status: acknowledged ? 'acknowledged' : 'triggered',
    urgency: urgencyFromPriority(alert.priority),
    severity: nonBlank(alert.priority),
    createdAt,
    updatedAt: alert.updatedAt,
    acknowledgedAt: alert.acknowledged ? acknowledgedAt(alert, createdAt) : undefined,
    assignedToMe: sameUser(owner, context.username),
    ...(myTeam && { assignedToMyTeam: context.myTeams.get(myTeam.id) }),
    assignees: owner ? [owner] : [],
    labels,
    links: [],
    capabilities: {
      ...noCapabilities,
      ack: true,
      resolve: true,
      snooze: true,
      reassign: true,
      escalate: canEscalate(alert),
      note: true,
    },
  };
}

/**
 * `report.ackTime` counts milliseconds from creation. The spec allows any integer; one that
 * would put the ack before the alert, or beyond any date, says nothing about when it was.
 */
function acknowledgedAt(alert: OpsgenieAlert, createdAt: string): string | undefined {
  const ackTime = alert.report?.ackTime;
  if (ackTime === undefined || ackTime < 0 || alert.createdAt === undefined) return undefined;
  return isoPlus(createdAt, ackTime);
}

/**
 * Opsgenie escalates "to next" along a named escalation policy: one routed to the alert, or
 * the policy of a team it was routed to. An alert sent straight to users has neither.
 */
function canEscalate(alert: OpsgenieAlert): boolean {
  return alert.responders.some((r) => r.type === 'escalation' || r.type === 'team');
}

/**
 * Tags become labels for runbook matching: `key:value` splits at the first colon, a bare tag
 * is `true`. The alert's own fields come last so a tag cannot disguise them.
 */
export function alertLabels(alert: OpsgenieAlert): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of alert.tags) {
    const colon = tag.indexOf(':');
    const key = (colon > 0 ? tag.slice(0, colon) : tag).trim();
    if (key) labels[key] = colon > 0 ? tag.slice(colon + 1).trim() : 'true';
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

export interface ScheduleContext {
  sourceId: string;
  username: string;
  scheduleId: string;
  scheduleName: string;
  window: TimeWindow;
}

/** One shift per timeline period with a person in it that overlaps the window. */
export function periodsToShifts(periods: TimelinePeriod[], context: ScheduleContext): Shift[] {
  return periods.flatMap((period) => {
    const name = nonBlank(period.recipient?.name);
    // A gap in the rotation comes back as a period whose recipient is "none".
    if (!name || period.recipient?.type === 'none') return [];
    const start = Date.parse(period.startDate);
    const end = period.endDate === undefined ? Infinity : Date.parse(period.endDate);
    if (start >= context.window.until || end <= context.window.since) return [];
    return [
      {
        sourceId: context.sourceId,
        scheduleId: context.scheduleId,
        scheduleName: context.scheduleName,
        userName: name,
        userId: nonBlank(period.recipient?.id),
        isMe: (period.recipient?.type ?? 'user') === 'user' && sameUser(name, context.username),
        start: period.startDate,
        end: period.endDate,
        // Who it replaces is in the base timeline, which this poll does not ask for.
        ...(period.type === 'override' && { override: {} }),
      },
    ];
  });
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}
