import type { Stage, StageView } from '../../lib/contract-types.js';
import { formatUpcoming } from '../../lib/format-time.js';

type Rung = Exclude<Stage, 'quiet'>;

/** What each rung does to the responder right now. */
const rungEffects: Record<Rung, string> = {
  notified: 'notification shown',
  critical: 'sound playing',
  repeating: 'sound repeating, window in front',
  takeover: 'screen taken over',
};

/** While silenced, the sound and the takeover wait; notifications still show. */
const silencedEffects: Record<Rung, string | null> = {
  notified: null,
  critical: 'sound silenced',
  repeating: 'sound silenced',
  takeover: 'takeover and sound silenced',
};

/** What the following rung adds; the ladder's order, as the main side climbs it. */
const nextRungs: Record<Rung, string | null> = {
  notified: 'critical notification + sound',
  critical: 'repeats + window to front',
  repeating: 'full-screen takeover',
  takeover: null,
};

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
  const next = nextRungs[view.stage];
  return next && view.nextAt
    ? `${view.stage} — ${effect}; next: ${next} at ${at(view.nextAt)}`
    : `${view.stage} — ${effect}`;
}

export const escalationText = (view: StageView, nowMs: number) =>
  `Escalation: ${stageSummary(view, nowMs)}`;

/** The one-word badge of an incident row. */
export const stageBadgeLabels: Record<Stage, string> = {
  notified: 'Notified',
  critical: 'Critical',
  repeating: 'Repeating',
  takeover: 'Takeover',
  quiet: 'Quiet hours',
};
