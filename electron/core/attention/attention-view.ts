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

const iso = (ms: number) => new Date(ms).toISOString();

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

export function deriveAttention(
  ladder: LadderSnapshot,
  config: AttentionConfig,
  ringOf: (incident: Incident) => RingDecision,
): DerivedAttention {
  const silenced = ladder.silencedUntil !== undefined;
  const stages: Record<string, StageView> = {};
  const ring: Record<string, RingDecision> = {};
  const climbing: ClimbingStage[] = [];
  for (const [key, incident] of ladder.listedQuietly) ring[key] = ringOf(incident);
  for (const [key, stage] of ladder.stages) {
    ring[key] = ringOf(stage.incident);
    const nextAt = stage.kind === 'quiet' ? stage.wakeAt : nextRungAt(stage, config);
    stages[key] = {
      stage: stage.kind === 'quiet' ? 'quiet' : stage.rung,
      since: iso(stage.since),
      ...(nextAt !== undefined && { nextAt: iso(nextAt) }),
      ...(silenced && { silencedUntil: iso(ladder.silencedUntil!) }),
    };
    if (stage.kind === 'climbing') climbing.push(stage);
  }
  const [first] = climbing.filter((stage) => stage.rung === 'takeover').sort(byTakeoverArrival);
  const takeover = silenced ? null : (first?.incident.key ?? null);
  const fronts = climbing.filter((stage) => holdsFront(stage.rung)).sort(byClimbStart);
  return {
    view: {
      stages,
      ring,
      alarm: alarmOf(ladder, config),
      takeover,
      silencedUntil: silenced ? iso(ladder.silencedUntil!) : undefined,
    },
    desktop: {
      takeover,
      fronts: fronts.map((stage) => stage.incident.key),
      pinned: !silenced,
    },
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
