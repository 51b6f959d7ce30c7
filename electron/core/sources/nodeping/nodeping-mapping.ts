import { incidentKey, noCapabilities, type Incident } from '../../../common/model/incident.js';
import type { NodepingCheck } from './nodeping-schemas.js';

/**
 * What a check's fields mean (MONITORS.md §2). `enable` comes first: a disabled check (by hand or
 * by a maintenance schedule) is not failing, whatever its last `state` was.
 */
export type NodepingState = 'passing' | 'failing' | 'disabled' | 'no data';

export function readState(check: NodepingCheck): NodepingState {
  if (check.enable?.trim().toLowerCase() !== 'active') return 'disabled';
  if (check.state === 0) return 'failing';
  if (check.state === 1) return 'passing';
  return 'no data';
}

export interface CheckContext {
  sourceId: string;
  now: number;
  firstSeen: (id: string) => string;
  ackedAt: (id: string) => string | undefined;
  /** The last result's message and code, where it has been fetched. */
  lastResult: (check: NodepingCheck) => { message?: string; code?: string } | undefined;
}

/** An incident for an active check whose state is 0; undefined for every other check. */
export function toIncident(check: NodepingCheck, context: CheckContext): Incident | undefined {
  if (readState(check) !== 'failing') return undefined;
  const id = check._id;
  const name = check.label?.trim() || check.parameters?.target?.trim() || `Check ${id}`;
  const acknowledgedAt = context.ackedAt(id);
  const result = context.lastResult(check);
  const reason = result?.message?.trim();
  const muted = mutedUntil(check, context.now);
  const labels: Record<string, string> = { monitor: 'nodeping', check: id };
  if (check.type?.trim()) labels.type = check.type.trim();
  if (check.parameters?.target?.trim()) labels.target = check.parameters.target.trim();
  const annotations: Record<string, string> = {
    summary: reason ? `${name} is failing: ${reason}` : `${name} is failing`,
  };
  if (reason) annotations.lastResult = reason;
  if (result?.code) annotations.resultCode = result.code;
  if (check.firstdown) annotations.downSince = check.firstdown;
  if (check.interval !== undefined) annotations.testedEvery = `${check.interval} min`;
  if (muted) annotations.muted = muted;
  return {
    key: incidentKey(context.sourceId, id),
    sourceId: context.sourceId,
    externalId: id,
    title: `${name} is failing`,
    service: name,
    status: acknowledgedAt ? 'acknowledged' : 'triggered',
    // Someone muted its NodePing alerts on purpose: listed, but it does not climb the ladder.
    urgency: muted ? 'low' : 'high',
    severity: 'down',
    createdAt: check.firstdown ?? context.firstSeen(id),
    updatedAt: check.modified,
    acknowledgedAt,
    assignedToMe: false,
    assignees: [],
    labels,
    annotations,
    links: [],
    // NodePing has no ack: Onwatch keeps it until the check passes again.
    capabilities: { ...noCapabilities, ack: true },
  };
}

/** "yes", or when its mute ends, while the check's NodePing notifications are muted. */
function mutedUntil(check: NodepingCheck, now: number): string | undefined {
  if (check.mute === true) return 'yes';
  if (typeof check.mute === 'number' && check.mute > now && Number.isFinite(check.mute)) {
    return `until ${new Date(check.mute).toISOString()}`;
  }
  return undefined;
}
