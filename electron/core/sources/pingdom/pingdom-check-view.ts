import type { CheckState, CheckView } from '../../../common/contract/checks-state.js';
import { incidentKey } from '../../../common/model/incident.js';
import { readStatus, type PingdomState } from './pingdom-mapping.js';
import type { PingdomCheck } from './pingdom-schemas.js';

const stateOf: Record<PingdomState, CheckState> = {
  up: 'up',
  down: 'down',
  're-testing': 'pending',
  'no data': 'unknown',
  paused: 'paused',
  unrecognised: 'unknown',
};

/**
 * A Pingdom check on the Checks page. Pingdom gives one response time per test, not phases;
 * a check in a maintenance window shows as paused, never down.
 */
export function pingdomCheckView(
  check: PingdomCheck,
  context: { sourceId: string; inMaintenance: boolean; lastError?: string },
): CheckView {
  const status = readStatus(check.status);
  const state = context.inMaintenance ? 'paused' : stateOf[status];
  const ok = status !== 'down';
  const summary = ok
    ? check.lastresponsetime !== undefined
      ? `${check.lastresponsetime} ms`
      : status
    : (context.lastError ?? 'down');
  return {
    sourceId: context.sourceId,
    sourceKind: 'pingdom',
    checkId: check.id,
    name: check.name?.trim() || check.hostname?.trim() || `Check ${check.id}`,
    type: check.type?.trim() || 'check',
    ...(check.hostname && { target: check.hostname }),
    state,
    ...(check.lasttesttime && {
      last: {
        at: check.lasttesttime,
        ok,
        summary,
        ...(check.lastresponsetime !== undefined && {
          phases: { total: check.lastresponsetime },
        }),
      },
    }),
    ...(state === 'down' && { incidentKey: incidentKey(context.sourceId, check.id) }),
    canRunNow: false,
  };
}
