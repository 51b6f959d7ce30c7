import type { CheckState, CheckView } from '../../../common/contract/checks-state.js';
import { incidentKey } from '../../../common/model/incident.js';
import { readStatus } from './healthchecks-mapping.js';
import type { HealthcheckCheck } from './healthchecks-schemas.js';

const stateOf: Record<string, CheckState> = {
  up: 'up',
  started: 'up',
  down: 'down',
  grace: 'late',
  paused: 'paused',
  new: 'unknown',
};

/** A dead-man's switch on the Checks page: its status and when it last pinged. */
export function healthchecksCheckView(check: HealthcheckCheck, sourceId: string): CheckView {
  const id = (check.uuid ?? check.unique_key)!;
  const state = stateOf[check.status.trim().toLowerCase()] ?? 'unknown';
  const failing = readStatus(check.status).failing;
  return {
    sourceId,
    sourceKind: 'healthchecks',
    checkId: id,
    name: check.name?.trim() || check.slug?.trim() || 'Unnamed check',
    type: check.schedule ? 'cron' : 'ping',
    ...(check.schedule && { target: `${check.schedule} (${check.tz ?? 'UTC'})` }),
    state,
    ...(check.last_ping && {
      last: {
        at: check.last_ping,
        ok: !failing,
        summary: failing ? `no ping since ${check.last_ping}` : `pinged at ${check.last_ping}`,
      },
    }),
    ...(failing && { incidentKey: incidentKey(sourceId, id) }),
    canRunNow: false,
  };
}
