import type { CheckState, CheckView } from '../../../common/contract/checks-state.js';
import { incidentKey } from '../../../common/model/incident.js';
import { readState, type NodepingState } from './nodeping-mapping.js';
import type { NodepingCheck } from './nodeping-schemas.js';

const stateOf: Record<NodepingState, CheckState> = {
  passing: 'up',
  failing: 'down',
  disabled: 'paused',
  'no data': 'unknown',
};

/** A NodePing check on the Checks page: its state, and for a failing one the last message. */
export function nodepingCheckView(
  check: NodepingCheck,
  context: { sourceId: string; lastMessage?: string },
): CheckView {
  const state = stateOf[readState(check)];
  const failedAt = check.firstdown ?? check.modified;
  return {
    sourceId: context.sourceId,
    sourceKind: 'nodeping',
    checkId: check._id,
    name: check.label?.trim() || check.parameters?.target?.trim() || `Check ${check._id}`,
    type: check.type?.trim().toLowerCase() || 'check',
    ...(check.parameters?.target && { target: check.parameters.target }),
    state,
    ...(state === 'down' &&
      context.lastMessage &&
      failedAt && { last: { at: failedAt, ok: false, summary: context.lastMessage } }),
    ...(state === 'down' && { incidentKey: incidentKey(context.sourceId, check._id) }),
    canRunNow: false,
  };
}
