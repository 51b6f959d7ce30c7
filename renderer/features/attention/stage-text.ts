import type { StageView } from '../../../electron/common/contract/app-state.js';
import {
  ladderRungs,
  type EscalationStage,
  type LadderRung,
} from '../../../electron/common/escalation-stage.js';
import { formatUpcoming } from '../../lib/format-time.js';

/** What each rung does to the responder right now. */
const rungEffects: Record<LadderRung, string> = {
  notified: 'notification shown',
  critical: 'sound playing',
  repeating: 'sound repeating, window in front',
  takeover: 'screen taken over',
};

/** While silenced, the sound and the takeover wait; notifications still show. */
const silencedEffects: Record<LadderRung, string | null> = {
  notified: null,
  critical: 'sound silenced',
  repeating: 'sound silenced',
  takeover: 'takeover and sound silenced',
};

/** What reaching each rung adds, for the line that says what comes next. */
const rungArrivals: Record<LadderRung, string> = {
  notified: 'notification',
  critical: 'critical notification + sound',
  repeating: 'repeats + window to front',
  takeover: 'full-screen takeover',
};

/** The rung after `rung`, in the ladder's own order. */
function rungAfter(rung: LadderRung): LadderRung | undefined {
  return ladderRungs[ladderRungs.indexOf(rung) + 1];
}

/** Whether a silence is holding this rung back; notifications carry on regardless. */
export const isHushed = (view: StageView) =>
  view.stage !== 'quiet' &&
  view.silencedUntil !== undefined &&
  silencedEffects[view.stage] !== null;

/**
 * Where an incident is on the escalation ladder and what comes next, e.g.
 * "critical — sound playing; next: repeats + window to front at 14:05".
 */
export function stageSummary(view: StageView, nowMs: number): string {
  const at = (iso: string) => formatUpcoming(iso, nowMs);
  if (view.stage === 'quiet') {
    // While quiet, nextAt is when quiet hours end and the climb starts.
    return view.nextAt ? `held for quiet hours until ${at(view.nextAt)}` : 'held for quiet hours';
  }
  const silenced = silencedEffects[view.stage];
  const effect =
    silenced && view.silencedUntil
      ? `${silenced} until ${at(view.silencedUntil)}`
      : rungEffects[view.stage];
  const next = rungAfter(view.stage);
  return next && view.nextAt
    ? `${view.stage} — ${effect}; next: ${rungArrivals[next]} at ${at(view.nextAt)}`
    : `${view.stage} — ${effect}`;
}

export const escalationText = (view: StageView, nowMs: number) =>
  `Escalation: ${stageSummary(view, nowMs)}`;

/** The one-word badge of an incident row. */
export const stageBadgeLabels: Record<EscalationStage, string> = {
  notified: 'Notified',
  critical: 'Critical',
  repeating: 'Repeating',
  takeover: 'Takeover',
  quiet: 'Quiet hours',
};
