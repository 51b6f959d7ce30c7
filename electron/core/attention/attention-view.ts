/**
 * What is raised right now, read off the ladder's stages: the state every window shows and the
 * desktop window's holds come from this one function, so they cannot disagree.
 */
import type { AttentionView, RingDecision, StageView } from '../../common/contract/app-state.js';
import type { Incident } from '../../common/model/incident.js';
import { alarmVolume } from './alarm-volume.js';
import type { AttentionConfig } from '../../common/attention-config.js';
import {
  holdsFront,
  nextRungAt,
  type ClimbingStage,
  type IncidentStage,
} from './incident-stage.js';

export interface LadderSnapshot {
  stages: ReadonlyMap<string, IncidentStage>;
  /** Triggered incidents their source does not ring for. */
  listedQuietly: ReadonlyMap<string, Incident>;
  silencedUntil?: number;
  /** The latest ring the ladder handed out; a silence cuts it off. */
  latestRing?: { incidentKey: string; at: number };
}

/** What the desktop window should be doing; the shell applies it as a whole. */
export interface DesktopView {
  /** Covering the screen for this incident. */
  takeover: string | null;
  /** The incidents holding the window in front, longest climbing first; it shows the last. */
  fronts: string[];
  /** Whether the window stays above other windows while it is held in front (not while silenced). */
  pinned: boolean;
}

export interface DerivedAttention {
  view: AttentionView;
  desktop: DesktopView;
}

/**
 * A storm's stages share a handful of instants (a poll's pages climb side by side), so each
 * derivation formats each instant once.
 */
function isoFormatter(): (ms: number) => string {
  const formatted = new Map<number, string>();
  return (ms) => {
    let text = formatted.get(ms);
    if (text === undefined) formatted.set(ms, (text = new Date(ms).toISOString()));
    return text;
  };
}

const byKey = (a: ClimbingStage, b: ClimbingStage) => (a.incident.key < b.incident.key ? -1 : 1);

/**
 * The takeover queue: first come, first shown, by when each page reached the takeover rung (then
 * by key). The page on screen never changes under the responder's hand when another arrives, and
 * acknowledging it shows the one that has waited longest.
 */
const byTakeoverArrival = (a: ClimbingStage, b: ClimbingStage) => a.since - b.since || byKey(a, b);

/** The window in front shows the newest climb, so a fresh page is seen: it goes last. */
const byClimbStart = (a: ClimbingStage, b: ClimbingStage) =>
  a.startedAt - b.startedAt || byKey(a, b);

/**
 * Each stage's view, kept for as long as its stage (and what else the view reads: the settings
 * and the silence) stays the same object. In a storm, an ack then re-derives one view, not ten
 * thousand, and the state's comparisons pass every unchanged page by identity.
 */
export class StageViews {
  private views = new WeakMap<IncidentStage, StageView>();
  private basis?: { config: AttentionConfig; silencedUntil?: number };

  viewOf(
    stage: IncidentStage,
    basis: { config: AttentionConfig; silencedUntil?: number },
    make: () => StageView,
  ): StageView {
    if (this.basis?.config !== basis.config || this.basis.silencedUntil !== basis.silencedUntil) {
      this.views = new WeakMap();
      this.basis = basis;
    }
    let view = this.views.get(stage);
    if (!view) this.views.set(stage, (view = make()));
    return view;
  }
}

export function deriveAttention(
  ladder: LadderSnapshot,
  config: AttentionConfig,
  ringOf: (incident: Incident) => RingDecision,
  stageViews = new StageViews(),
): DerivedAttention {
  const iso = isoFormatter();
  const { silencedUntil } = ladder;
  const silenced = silencedUntil !== undefined;
  const stages: Record<string, StageView> = {};
  const ring: Record<string, RingDecision> = {};
  for (const [key, incident] of ladder.listedQuietly) ring[key] = ringOf(incident);
  const basis = { config, silencedUntil };
  for (const [key, stage] of ladder.stages) {
    ring[key] = ringOf(stage.incident);
    stages[key] = stageViews.viewOf(stage, basis, () => {
      const nextAt = stage.kind === 'quiet' ? stage.wakeAt : nextRungAt(stage, config);
      return {
        stage: stage.kind === 'quiet' ? 'quiet' : stage.rung,
        since: iso(stage.since),
        ...(nextAt !== undefined && { nextAt: iso(nextAt) }),
        ...(silenced && { silencedUntil: iso(silencedUntil) }),
      };
    });
  }
  const desktop = deriveDesktop(ladder);
  return {
    view: {
      stages,
      ring,
      alarm: alarmOf(ladder, config),
      takeover: desktop.takeover,
      silencedUntil: silenced ? iso(silencedUntil) : undefined,
    },
    desktop,
  };
}

/** Only what the desktop window does: cheap enough to work out after every ladder move. */
export function deriveDesktop(ladder: LadderSnapshot): DesktopView {
  const silenced = ladder.silencedUntil !== undefined;
  const takeovers: ClimbingStage[] = [];
  const fronts: ClimbingStage[] = [];
  for (const stage of ladder.stages.values()) {
    if (stage.kind !== 'climbing' || !holdsFront(stage.rung)) continue;
    fronts.push(stage);
    if (stage.rung === 'takeover') takeovers.push(stage);
  }
  const [first] = takeovers.sort(byTakeoverArrival);
  return {
    takeover: silenced ? null : (first?.incident.key ?? null),
    fronts: fronts.sort(byClimbStart).map((stage) => stage.incident.key),
    pinned: !silenced,
  };
}

/**
 * One sound plays at a time: the latest ring, for as long as its incident is still on the climb
 * that rang it. Handling that incident stops the sound; the others ring again on their own
 * cadence rather than replaying a ring at once.
 */
function alarmOf(ladder: LadderSnapshot, config: AttentionConfig): AttentionView['alarm'] {
  const latest = ladder.latestRing;
  const stage = latest && ladder.stages.get(latest.incidentKey);
  if (ladder.silencedUntil !== undefined || stage?.kind !== 'climbing') return null;
  if (stage.lastRingAt !== latest!.at) return null;
  return {
    incidentKey: stage.incident.key,
    ring: stage.rings,
    volume: alarmVolume(stage.rings),
    sound: config.sound,
  };
}
