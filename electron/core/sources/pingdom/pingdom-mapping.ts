import { incidentKey, noCapabilities, type Incident } from '../../../common/model/incident.js';
import type { PingdomCheck } from './pingdom-schemas.js';

/**
 * What a check's status means (MONITORS.md §1): only `down` is an incident. `unconfirmed_down`
 * is one probe failing while another re-tests; `unknown` is no data; `paused` is not monitoring.
 */
export type PingdomState = 'up' | 'down' | 're-testing' | 'no data' | 'paused' | 'unrecognised';

export function readStatus(status: string): PingdomState {
  switch (status.trim().toLowerCase()) {
    case 'up':
      return 'up';
    case 'down':
      return 'down';
    case 'unconfirmed_down':
      return 're-testing';
    case 'unknown':
      return 'no data';
    case 'paused':
      return 'paused';
    default:
      return 'unrecognised';
  }
}

export interface CheckContext {
  sourceId: string;
  /** A steady start for a down check without `lastdownstart`. */
  firstSeen: (id: string) => string;
  ackedAt: (id: string) => string | undefined;
  /** The newest failed test's words, where they have been fetched. */
  lastError: (check: PingdomCheck) => string | undefined;
}

/** An incident for a check that is down (and not in maintenance: the caller leaves those out). */
export function toIncident(check: PingdomCheck, context: CheckContext): Incident | undefined {
  if (readStatus(check.status) !== 'down') return undefined;
  const name = check.name?.trim() || check.hostname?.trim() || `Check ${check.id}`;
  const acknowledgedAt = context.ackedAt(check.id);
  const lastError = context.lastError(check);
  const labels: Record<string, string> = { monitor: 'pingdom', check: check.id };
  if (check.type?.trim()) labels.type = check.type.trim();
  if (check.hostname?.trim()) labels.hostname = check.hostname.trim();
  const annotations: Record<string, string> = {
    summary: lastError ? `${name} is down: ${lastError}` : `${name} is down`,
  };
  if (check.lastdownstart) annotations.downSince = check.lastdownstart;
  if (lastError) annotations.lastError = lastError;
  if (check.lasttesttime) annotations.lastTest = check.lasttesttime;
  if (check.lastresponsetime !== undefined) {
    annotations.lastResponseTime = `${check.lastresponsetime} ms`;
  }
  if (check.resolution !== undefined) annotations.testedEvery = `${check.resolution} min`;
  return {
    key: incidentKey(context.sourceId, check.id),
    sourceId: context.sourceId,
    externalId: check.id,
    title: `${name} is down`,
    service: name,
    status: acknowledgedAt ? 'acknowledged' : 'triggered',
    urgency: 'high',
    severity: 'down',
    createdAt: check.lastdownstart ?? context.firstSeen(check.id),
    updatedAt: check.lasttesttime,
    acknowledgedAt,
    assignedToMe: false,
    assignees: [],
    labels,
    annotations,
    links: [],
    // Pingdom 3.1 has no ack: Onwatch keeps it until the check is up again.
    capabilities: { ...noCapabilities, ack: true },
  };
}
