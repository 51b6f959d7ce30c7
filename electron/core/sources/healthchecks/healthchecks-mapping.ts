import { formatDuration } from '../../../common/time-format.js';
import {
  incidentKey,
  noCapabilities,
  type Incident,
  type Urgency,
} from '../../../common/model/incident.js';
import { isoPlus } from '../provider-time.js';
import { maxOutputBytes, type FailureOutput } from './healthchecks-failure-output.js';
import type { HealthcheckCheck } from './healthchecks-schemas.js';

/** What a status means here (HEALTH-CHECKS.md §4.5): only `down` and `grace` are incidents. */
type Reading =
  { failing: true; urgency: Urgency; state: 'down' | 'late' } | { failing: false; known: boolean };

export function readStatus(status: string): Reading {
  switch (status.trim().toLowerCase()) {
    case 'down':
      return { failing: true, urgency: 'high', state: 'down' };
    case 'grace':
      return { failing: true, urgency: 'low', state: 'late' };
    // `started` is API v1's word for a running job; v3 says `started: true` beside the status.
    case 'up':
    case 'new':
    case 'paused':
    case 'started':
      return { failing: false, known: true };
    default:
      return { failing: false, known: false };
  }
}

export interface CheckContext {
  sourceId: string;
  /** The site root the checks live on, for links to a check's page. */
  site: string;
  /** When this failure began as far as Onwatch saw, given the best guess from the check. */
  firstSeen: (id: string, estimate: string | undefined) => string;
  /** When the responder acked this failure here, if they did. */
  ackedAt: (id: string) => string | undefined;
  /** Whether the key may write: only then is "Pause check" offered. */
  writable: boolean;
  /** What the job sent with its last `/fail` ping, where Onwatch could read it. */
  failureOutput?: (id: string) => FailureOutput | undefined;
}

function checkId(check: HealthcheckCheck): string {
  // The schema refuses a check with neither.
  return (check.uuid ?? check.unique_key)!;
}

/** An incident for a down or late check; undefined for every other status. */
export function toIncident(check: HealthcheckCheck, context: CheckContext): Incident | undefined {
  const reading = readStatus(check.status);
  if (!reading.failing) return undefined;
  const id = checkId(check);
  const name = nonBlank(check.name) ?? nonBlank(check.slug) ?? 'Unnamed check';
  const acknowledgedAt = context.ackedAt(id);
  const labels: Record<string, string> = { monitor: 'healthchecks', state: reading.state };
  if (nonBlank(check.slug)) labels.check = check.slug!.trim();
  if (nonBlank(check.tags)) labels.tags = check.tags!.trim();
  return {
    key: incidentKey(context.sourceId, id),
    sourceId: context.sourceId,
    externalId: id,
    webUrl: check.uuid
      ? `${context.site}/checks/${encodeURIComponent(check.uuid)}/details/`
      : undefined,
    title: reading.state === 'down' ? `${name} is down` : `${name} is late`,
    service: name,
    status: acknowledgedAt ? 'acknowledged' : 'triggered',
    urgency: reading.urgency,
    severity: reading.state,
    createdAt: context.firstSeen(id, failureStart(check, reading.state)),
    updatedAt: check.last_ping,
    acknowledgedAt,
    assignedToMe: false,
    assignees: [],
    labels,
    annotations: {
      ...details(check, reading.state),
      ...outputFacts(context.failureOutput?.(id)),
    },
    links: [],
    // Healthchecks.io has no ack: Onwatch keeps it, and recovery (a ping) resolves. Pausing
    // needs the uuid, which only a read-write key is shown.
    capabilities: { ...noCapabilities, ack: true, pause: context.writable && Boolean(check.uuid) },
  };
}

/**
 * When the check went late or down. Late: the ping was due at `next_ping`. Down: due, plus the
 * grace, for a simple check; a cron check's due time needs its schedule, so it is left to when
 * Onwatch first saw it.
 */
function failureStart(check: HealthcheckCheck, state: 'down' | 'late'): string | undefined {
  if (state === 'late') return check.next_ping;
  if (check.timeout === undefined || check.schedule !== undefined) return undefined;
  return isoPlus(check.last_ping, (check.timeout + (check.grace ?? 0)) * 1000);
}

/** What the incident shows: when it last pinged, when it was due, and how it is scheduled. */
function details(check: HealthcheckCheck, state: 'down' | 'late'): Record<string, string> {
  const out: Record<string, string> = {};
  const seconds = (s: number) => formatDuration(s * 1000);
  out.summary =
    state === 'down'
      ? `No ping within the grace period${check.last_ping ? ` since ${check.last_ping}` : ''}.`
      : 'The ping is late: within the grace period, not yet down.';
  out.lastPing = check.last_ping ?? 'never';
  if (check.next_ping) out.nextPingExpected = check.next_ping;
  if (check.schedule) out.schedule = `${check.schedule} (${check.tz ?? 'UTC'})`;
  else if (check.timeout !== undefined) out.period = seconds(check.timeout);
  if (check.grace !== undefined) out.grace = seconds(check.grace);
  if (check.started) out.running = 'a start signal came; the job is still running';
  if (nonBlank(check.desc)) out.description = check.desc!.trim();
  return out;
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

/** The failing ping's body, as text; the renderer shows annotations as text, never as markup. */
function outputFacts(output: FailureOutput | undefined): Record<string, string> {
  if (!output) return {};
  return {
    'last failure output': output.truncated
      ? `${output.text}\n… (cut at ${maxOutputBytes / 1024} KB)`
      : output.text,
  };
}
