import type { CheckState, CheckView } from '../../../common/contract/checks-state.js';
import { incidentKey } from '../../../common/model/incident.js';
import { checkTarget } from '../../../common/providers/health-check-schema.js';
import { certificateExpiry } from './certificate-expiry.js';
import type { CheckStatus } from './check-status.js';

interface ViewContext {
  sourceId: string;
  sourceKind: string;
  now: number;
  /** Only a health-checks source's checks are the responder's to edit; the drill's are not. */
  editable: boolean;
}

/** A local check as the Checks page shows it: verdict, last probe with phases, last hour. */
export function checkViewOf(status: CheckStatus, context: ViewContext): CheckView {
  const { check, flap, last } = status;
  const outage = status.outageId();
  const daysLeft = certificateDaysLeft(status, context.now);
  return {
    sourceId: context.sourceId,
    sourceKind: context.sourceKind,
    checkId: status.id,
    name: check.name,
    type: check.kind,
    target: checkTarget(check),
    state: flap.state satisfies CheckState,
    ...(flap.flapping && { flapping: true }),
    ...(last && {
      last: {
        at: new Date(last.at).toISOString(),
        ok: last.result.ok,
        summary: last.result.summary,
        ...(last.result.failedPhase && { failedPhase: last.result.failedPhase }),
        phases: last.result.phases,
      },
    }),
    sparkline: status.history.sparkline(context.now),
    ...(daysLeft !== undefined && { certificateDaysLeft: daysLeft }),
    ...(outage && { incidentKey: incidentKey(context.sourceId, outage) }),
    ...(context.editable && { config: check }),
    canRunNow: true,
  };
}

function certificateDaysLeft(status: CheckStatus, now: number): number | undefined {
  const { check, certificate } = status;
  if (!certificate || !('certExpiry' in check)) return undefined;
  return certificateExpiry(certificate.notAfter, now, check.certExpiry).daysLeft;
}
