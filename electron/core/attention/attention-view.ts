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

interface EntriesBasis {
  config: AttentionConfig;
  silencedUntil?: number;
}

/** The pages whose entries may have changed since the last read; undefined: any of them. */
export type TouchedEntries = ReadonlySet<string> | undefined;

/**
 * Each incident's stage view and ring decision, kept between derivations: only the incidents
 * the ladder touched since are worked out again. The records are live: they are updated in
 * place (a storm's ack then costs one entry, not a copy of ten thousand), and replaced by new
 * ones only when every entry is worked out again. A reader holds the latest, never a
 * point in time; `takeTouched` says which entries moved since it last asked.
 */
export class AttentionEntries {
  private stages: Record<string, StageView> = {};
  private ring: Record<string, RingDecision> = {};
  private basis?: EntriesBasis;
  private touchedSinceRead: Set<string> | undefined = undefined;

  /**
   * `touched` lists the incidents that may have moved since the last update; without it (or
   * when the settings or the silence changed, which every view reads) all are worked out.
   */
  update(
    ladder: LadderSnapshot,
    basis: EntriesBasis,
    ringOf: (incident: Incident) => RingDecision,
    touched?: ReadonlySet<string>,
  ): Pick<AttentionView, 'stages' | 'ring'> {
    const sameBasis =
      this.basis?.config === basis.config && this.basis.silencedUntil === basis.silencedUntil;
    this.basis = basis;
    if (!touched || !sameBasis) {
      this.stages = {};
      this.ring = {};
      this.touchedSinceRead = undefined;
      touched = new Set([...ladder.stages.keys(), ...ladder.listedQuietly.keys()]);
    } else if (this.touchedSinceRead) {
      for (const key of touched) this.touchedSinceRead.add(key);
    }
    const iso = isoFormatter();
    for (const key of touched) {
      const stage = ladder.stages.get(key);
      const incident = stage?.incident ?? ladder.listedQuietly.get(key);
      if (incident) this.ring[key] = ringOf(incident);
      else delete this.ring[key];
      if (stage) this.stages[key] = stageView(stage, basis, iso);
      else delete this.stages[key];
    }
    return { stages: this.stages, ring: this.ring };
  }

  /** The entries updated since the last call; undefined when all were worked out again. */
  takeTouched(): TouchedEntries {
    const touched = this.touchedSinceRead;
    this.touchedSinceRead = new Set();
    return touched;
  }
}

function stageView(stage: IncidentStage, basis: EntriesBasis, iso: (ms: number) => string) {
  const { config, silencedUntil } = basis;
  const nextAt = stage.kind === 'quiet' ? stage.wakeAt : nextRungAt(stage, config);
  return {
    stage: stage.kind === 'quiet' ? 'quiet' : stage.rung,
    since: iso(stage.since),
    ...(nextAt !== undefined && { nextAt: iso(nextAt) }),
    ...(silencedUntil !== undefined && { silencedUntil: iso(silencedUntil) }),
  } satisfies StageView;
}

export function deriveAttention(
  ladder: LadderSnapshot,
  config: AttentionConfig,
  ringOf: (incident: Incident) => RingDecision,
  entries = new AttentionEntries(),
  touched?: ReadonlySet<string>,
): DerivedAttention {
  const { silencedUntil } = ladder;
  const silenced = silencedUntil !== undefined;
  const { stages, ring } = entries.update(ladder, { config, silencedUntil }, ringOf, touched);
  const desktop = deriveDesktop(ladder);
  return {
    view: {
      stages,
      ring,
      alarm: alarmOf(ladder, config),
      takeover: desktop.takeover,
      silencedUntil: silenced ? new Date(silencedUntil).toISOString() : undefined,
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
