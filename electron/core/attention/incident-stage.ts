/**
 * One incident's place on the escalation ladder, and the pure function that moves it. Nothing
 * here keeps time or touches the desktop: the ladder feeds in events and the time, and carries
 * out the effects. What is raised beyond notifications (the alarm, the window in front, the
 * takeover) is not an effect at all: it is read off the stages (see attention-view.ts).
 */
import { ladderRungs, type LadderRung } from '../../common/escalation-stage.js';
import type { Incident } from '../../common/model/incident.js';
import type { AttentionConfig, LadderConfig } from '../../common/attention-config.js';
import { inQuietHours, quietHoursEndAfter } from './quiet-hours.js';

/** Low urgency held back for quiet hours: nothing is raised, and it climbs afresh at `wakeAt`. */
interface QuietStage {
  kind: 'quiet';
  incident: Incident;
  since: number;
  wakeAt: number;
}

/** On the ladder: everything up to and including `rung` is raised. */
export interface ClimbingStage {
  kind: 'climbing';
  incident: Incident;
  rung: LadderRung;
  /** When `rung` was reached. */
  since: number;
  /** When this climb began (a retrigger or the end of quiet hours starts a fresh one). */
  startedAt: number;
  /** Alarm plays in this climb so far; the volume rises with each. */
  rings: number;
  lastRingAt?: number;
  /** When the repeating alarm plays next; unset while silenced. */
  nextRingAt?: number;
  /** A ring fell due while silenced; it plays when the silence ends. */
  ringMuted: boolean;
}

export type IncidentStage = QuietStage | ClimbingStage;

export type StageEvent =
  /** Seen as new by a poll (a re-created source reports its incidents as new again). */
  | { type: 'appeared'; incident: Incident }
  | { type: 'changed'; incident: Incident; previous: Incident }
  | { type: 'resolved' }
  /** Acted on here: quiet at once, before the provider confirms on the next poll. */
  | { type: 'handled-locally' }
  /** The provider refused the action for good, so the incident is unhandled again. */
  | { type: 'handling-failed'; incident: Incident }
  /** The `wakeAt` of the last transition has come. */
  | { type: 'timer' }
  | { type: 'silence' }
  | { type: 'unsilence' }
  | { type: 'config-changed' }
  /** The app is stopping: take everything down. */
  | { type: 'stopped' };

export type StageEffect =
  | { type: 'notify'; incident: Incident; level: 'normal' | 'critical' }
  | { type: 'withdraw'; incidentKey: string }
  /** One play of the alarm; `ring` counts the plays of this climb from 1. */
  | { type: 'ring'; incidentKey: string; ring: number };

export interface LadderContext {
  config: AttentionConfig;
  /** IANA zone for quiet hours; the system's local zone when undefined. */
  timeZone?: string;
  /** Whether a silence holds; the `silence` and `unsilence` events mark where it begins and ends. */
  silenced: boolean;
  /**
   * Whether this incident's source rings for it (see ring-policy.ts); the rest are listed
   * quietly. A `config-changed` event follows whenever its answer may have changed.
   */
  rings(incident: Incident): boolean;
}

export interface Transition {
  /** Undefined: off the ladder. */
  state: IncidentStage | undefined;
  effects: StageEffect[];
  /** When to send the incident a `timer` event; undefined when nothing is due. */
  wakeAt?: number;
}

const rungDelaySeconds: Record<LadderRung, (ladder: LadderConfig) => number | null> = {
  notified: () => 0,
  critical: (ladder) => ladder.criticalAfterSeconds,
  repeating: (ladder) => ladder.repeatAfterSeconds,
  takeover: (ladder) => ladder.takeoverAfterSeconds,
};

/** The rungs above each one (above none: all), worked out once: every step of every page asks. */
const rungsAbove = new Map<LadderRung | undefined, readonly LadderRung[]>([
  [undefined, ladderRungs],
  ...ladderRungs.map((rung, index) => [rung, ladderRungs.slice(index + 1)] as const),
]);
const rungsAfter = (rung: LadderRung | undefined) => rungsAbove.get(rung)!;

/** From the `repeating` rung on, the alarm repeats and the window is held in front. */
export const holdsFront = (rung: LadderRung) => rung === 'repeating' || rung === 'takeover';

/** A triggered incident pages when its source rings for it. */
const pages = (incident: Incident, context: LadderContext) =>
  incident.status === 'triggered' && context.rings(incident);

export function transition(
  state: IncidentStage | undefined,
  event: StageEvent,
  now: number,
  context: LadderContext,
): Transition {
  const effects: StageEffect[] = [];
  const next = move(state, event, { now, context, effects });
  return { state: next, effects, wakeAt: next && wakeAtOf(next, context.config) };
}

/** When the next rung is due, if one is left. */
export function nextRungAt(stage: ClimbingStage, config: AttentionConfig): number | undefined {
  const ladder = config[stage.incident.urgency];
  for (const rung of rungsAfter(stage.rung)) {
    const after = rungDelaySeconds[rung](ladder);
    if (after !== null) return stage.startedAt + after * 1000;
  }
  return undefined;
}

function wakeAtOf(stage: IncidentStage, config: AttentionConfig): number | undefined {
  if (stage.kind === 'quiet') return stage.wakeAt;
  const rungAt = nextRungAt(stage, config);
  const ringAt = stage.nextRingAt;
  if (rungAt === undefined || ringAt === undefined) return rungAt ?? ringAt;
  return Math.min(rungAt, ringAt);
}

interface Step {
  now: number;
  context: LadderContext;
  effects: StageEffect[];
}

function move(
  state: IncidentStage | undefined,
  event: StageEvent,
  step: Step,
): IncidentStage | undefined {
  const { context } = step;
  switch (event.type) {
    case 'appeared':
    case 'handling-failed':
      if (!pages(event.incident, context)) return end(state, step);
      // Already paging: keep the rung, show the incident as it is now.
      return state ? { ...state, incident: event.incident } : begin(event.incident, step);
    case 'changed': {
      const { incident, previous } = event;
      if (!pages(incident, context)) return end(state, step);
      // A retrigger (or an incident newly assigned to me) climbs afresh, as does one whose
      // urgency changed, since its ladder did. Any other change only refreshes what we show.
      if (!pages(previous, context) || (state && state.incident.urgency !== incident.urgency)) {
        end(state, step);
        return begin(incident, step);
      }
      return state && { ...state, incident };
    }
    case 'resolved':
    case 'handled-locally':
    case 'stopped':
      return end(state, step);
    case 'timer':
      return state && climb(state, step);
    case 'config-changed':
      if (!state) return undefined;
      return pages(state.incident, context) ? climb(state, step) : end(state, step);
    case 'silence':
      // The rung timers keep running; only the sound waits, and is owed when the silence ends.
      if (state?.kind !== 'climbing' || state.nextRingAt === undefined) return state;
      return { ...state, nextRingAt: undefined, ringMuted: true };
    case 'unsilence':
      if (state?.kind !== 'climbing') return state;
      return climb(state.ringMuted ? { ...state, nextRingAt: step.now } : state, step);
  }
}

/** Off the ladder; a notification shown is taken back. */
function end(state: IncidentStage | undefined, { effects }: Step): undefined {
  if (state?.kind === 'climbing') {
    effects.push({ type: 'withdraw', incidentKey: state.incident.key });
  }
  return undefined;
}

/** A new climb starts with nothing raised, as one that quiet hours held back does. */
function begin(incident: Incident, step: Step): IncidentStage {
  return climb({ kind: 'quiet', incident, since: step.now, wakeAt: step.now }, step);
}

/** Enters every rung that has come due, rings if a ring has, or holds for quiet hours. */
function climb(stage: IncidentStage, step: Step): IncidentStage {
  const { now, context, effects } = step;
  const { incident } = stage;
  const { quietHours } = context.config;
  if (incident.urgency === 'low' && inQuietHours(quietHours, now, context.timeZone)) {
    const since = stage.kind === 'quiet' ? stage.since : now;
    end(stage, step);
    return {
      kind: 'quiet',
      incident,
      since,
      wakeAt: quietHoursEndAfter(quietHours, now, context.timeZone),
    };
  }
  const from = stage.kind === 'climbing' ? stage : undefined;
  // A fresh climb (a new page, or one quiet hours released) starts below the first rung.
  let next: ClimbingStage = from ?? {
    kind: 'climbing',
    incident,
    rung: 'notified',
    since: now,
    startedAt: now,
    rings: 0,
    ringMuted: false,
  };
  const ladder = context.config[incident.urgency];
  let ringsNow = next.nextRingAt !== undefined && next.nextRingAt <= now;
  for (const rung of rungsAfter(from?.rung)) {
    const after = rungDelaySeconds[rung](ladder);
    if (after === null || next.startedAt + after * 1000 > now) continue;
    next = { ...next, rung, since: now };
    if (rung === 'notified' || rung === 'critical') {
      const level = rung === 'notified' ? 'normal' : 'critical';
      effects.push({ type: 'notify', incident, level });
    }
    ringsNow ||= rung === 'critical' || rung === 'repeating';
  }
  return ringsNow ? ring(next, ladder, step) : next;
}

function ring(stage: ClimbingStage, ladder: LadderConfig, { now, context, effects }: Step) {
  if (context.silenced) return { ...stage, nextRingAt: undefined, ringMuted: true };
  const rings = stage.rings + 1;
  effects.push({ type: 'ring', incidentKey: stage.incident.key, ring: rings });
  return {
    ...stage,
    rings,
    lastRingAt: now,
    ringMuted: false,
    nextRingAt: holdsFront(stage.rung) ? now + ladder.repeatEverySeconds * 1000 : undefined,
  };
}
