/**
 * What is raised right now, read off the ladder's stages: the state every window shows and the
 * desktop window's holds come from this one function, so they cannot disagree.
 */
import type { AttentionView, StageView } from '../../common/contract/app-state.js';
import { alarmVolume } from './alarm-volume.js';
import type { AttentionConfig } from './attention-config.js';
import {
  holdsFront,
  nextRungAt,
  type ClimbingStage,
  type IncidentStage,
} from './incident-stage.js';

export interface LadderSnapshot {
  stages: ReadonlyMap<string, IncidentStage>;
  silencedUntil?: number;
  /** The latest ring the ladder handed out; a silence cuts it off. */
  latestRing?: { incidentKey: string; at: number };
}

/** What the desktop window should be doing; the shell applies it as a whole. */
export interface DesktopView {
  /** Covering the screen for this incident. */
  takeover: string | null;
  /** The incidents holding the window in front, longest climbing first. */
  fronts: string[];
  /** Whether the window stays above other windows while it is held in front (not while silenced). */
  pinned: boolean;
}

export interface DerivedAttention {
  view: AttentionView;
  desktop: DesktopView;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The order incidents wait in: by when their climb began, then by key. The takeover shows the
 * first of this order at the takeover rung, so it never changes under the responder's hand when
 * another page arrives, and the page that has waited longest is answered first.
 */
const byClimb = (a: ClimbingStage, b: ClimbingStage) =>
  a.startedAt - b.startedAt || (a.incident.key < b.incident.key ? -1 : 1);

export function deriveAttention(ladder: LadderSnapshot, config: AttentionConfig): DerivedAttention {
  const silenced = ladder.silencedUntil !== undefined;
  const stages: Record<string, StageView> = {};
  const climbing: ClimbingStage[] = [];
  for (const [key, stage] of ladder.stages) {
    const nextAt = stage.kind === 'quiet' ? stage.wakeAt : nextRungAt(stage, config);
    stages[key] = {
      stage: stage.kind === 'quiet' ? 'quiet' : stage.rung,
      since: iso(stage.since),
      ...(nextAt !== undefined && { nextAt: iso(nextAt) }),
      ...(silenced && { silencedUntil: iso(ladder.silencedUntil!) }),
    };
    if (stage.kind === 'climbing') climbing.push(stage);
  }
  climbing.sort(byClimb);
  const takeover = silenced
    ? null
    : (climbing.find((stage) => stage.rung === 'takeover')?.incident.key ?? null);
  return {
    view: {
      stages,
      alarm: alarmOf(ladder, config),
      takeover,
      silencedUntil: silenced ? iso(ladder.silencedUntil!) : undefined,
    },
    desktop: {
      takeover,
      fronts: climbing.filter((stage) => holdsFront(stage.rung)).map((stage) => stage.incident.key),
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
