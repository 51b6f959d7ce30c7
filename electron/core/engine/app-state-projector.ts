import type {
  ActionView,
  AppState,
  AttentionView,
  Notice,
  PublicSettings,
  ScheduleView,
} from '../../common/contract/app-state.js';
import {
  keyedAttentionParts,
  type StateChange,
  type StateSnapshot,
} from '../../common/contract/state-changes.js';

type KeyedAttentionPart = (typeof keyedAttentionParts)[number];
import { createEmitter } from '../../common/emitter.js';
import { compareIncidents, type Incident } from '../../common/model/incident.js';
import { replaceInOrder } from '../../common/model/incidents-in-order.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import { deepEqual } from './deep-equal.js';

/** Every part of the state but the incidents, which change one by one. */
type StatePart = Exclude<keyof AppState, 'incidents'>;

/** Where each part of the state comes from, read only when that part was marked changed. */
export interface StateSources {
  /** How the incident with this key is shown now; undefined when it is not. */
  incident(key: string): Incident | undefined;
  /** Every incident shown now, in any order. */
  incidents(): Incident[];
  sources(): SourceStatus[];
  actions(): ActionView[];
  schedule(): ScheduleView;
  attention(): AttentionView;
  notices(): Notice[];
  settings(): PublicSettings;
}

type Parts = Pick<AppState, StatePart>;

const partNames: readonly StatePart[] = [
  'sources',
  'actions',
  'schedule',
  'attention',
  'notices',
  'settings',
];

/**
 * Builds the app state from its parts and tells two audiences when it changed, at most once
 * per event-loop turn and never when nothing they show changed:
 *
 * - the window gets numbered changes carrying only what it can see differently, after one
 *   full snapshot;
 * - in-process consumers (the tray, the shortcut) get the whole state.
 *
 * Owners mark what changed (incident keys, or a part); nothing else is recomputed or compared,
 * so a state of 10,000 incidents costs the changed ones, not the world. A turn, not a
 * microtask: one step often spans several awaits (the outbox writes an ack, then the ladder
 * goes quiet), and those land in separate microtasks but in the same turn.
 */
export class AppStateProjector {
  private readonly changes = createEmitter<StateChange>();
  private readonly states = createEmitter<AppState>();
  private started = false;
  private state!: AppState;
  private readonly shown = new Map<string, Incident>();
  /** What the window has: the state as of change `seq`. */
  private seq = 0;
  private readonly windowIncidents = new Map<string, Incident>();
  private windowParts!: Parts;
  /** Marked, not yet read back from their owners. */
  private readonly staleKeys = new Set<string>();
  private readonly staleParts = new Set<StatePart>();
  /** Read back and different, not yet sent to the window. */
  private readonly unsentKeys = new Set<string>();
  private readonly unsentParts = new Set<StatePart>();
  /** Different since in-process consumers were last told. */
  private unannounced = false;
  private pendingFlush?: NodeJS.Immediate;

  constructor(private readonly from: StateSources) {}

  /** Builds the whole state once; marks count from here on. */
  start(): void {
    const incidents = this.from.incidents().sort(compareIncidents);
    for (const incident of incidents) {
      this.shown.set(incident.key, incident);
      this.windowIncidents.set(incident.key, incident);
    }
    const parts = Object.fromEntries(partNames.map((part) => [part, this.from[part]()])) as Parts;
    this.state = { incidents, ...parts };
    this.windowParts = parts;
    this.started = true;
  }

  incidentsChanged(keys: Iterable<string>): void {
    if (!this.started) return;
    for (const key of keys) this.staleKeys.add(key);
    this.scheduleFlush();
  }

  partChanged(part: StatePart): void {
    if (!this.started) return;
    this.staleParts.add(part);
    this.scheduleFlush();
  }

  /** The state as it is now; emissions may still be on their way. */
  getState(): AppState {
    this.readBack();
    return this.state;
  }

  /**
   * The state with the number of the last change sent. It may already hold what the next
   * change carries; applying that change again leaves it as it is.
   */
  getSnapshot(): StateSnapshot {
    return { seq: this.seq, state: this.getState() };
  }

  /** The window's stream: `seq` grows by exactly one per change. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.changes.on(listener);
  }

  /** The whole state, for in-process consumers. */
  onStateChanged(listener: (state: AppState) => void): () => void {
    return this.states.on(listener);
  }

  stop(): void {
    this.started = false;
    if (this.pendingFlush) clearImmediate(this.pendingFlush);
    this.pendingFlush = undefined;
    this.changes.clear();
    this.states.clear();
  }

  private scheduleFlush(): void {
    this.pendingFlush ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.pendingFlush = undefined;
    this.readBack();
    const change = this.windowChange();
    if (change) this.changes.emit(change);
    if (this.unannounced) {
      this.unannounced = false;
      this.states.emit(this.state);
    }
  }

  /** Reads what was marked from its owners into the state, keeping only real differences. */
  private readBack(): void {
    if (this.staleKeys.size > 0) {
      const replaced = new Set<string>();
      const incoming: Incident[] = [];
      for (const key of this.staleKeys) {
        const next = this.from.incident(key);
        const previous = this.shown.get(key);
        const unchanged = next ? sameIncident(previous, next) : !previous;
        if (unchanged) continue;
        if (previous) replaced.add(key);
        if (next) incoming.push(next);
        if (next) this.shown.set(key, next);
        else this.shown.delete(key);
        this.unsentKeys.add(key);
      }
      this.staleKeys.clear();
      if (replaced.size > 0 || incoming.length > 0) {
        const incidents = replaceInOrder(this.state.incidents, replaced, incoming);
        this.state = { ...this.state, incidents };
        this.unannounced = true;
      }
    }
    for (const part of this.staleParts) {
      const next = this.from[part]();
      const same =
        part === 'attention'
          ? sameAttention(next as AttentionView, this.state.attention)
          : deepEqual(next, this.state[part]);
      if (same) continue;
      this.state = { ...this.state, [part]: next };
      this.unsentParts.add(part);
      this.unannounced = true;
    }
    this.staleParts.clear();
  }

  /** What the window sees differently since its last change, numbered; undefined if nothing. */
  private windowChange(): StateChange | undefined {
    const change: Omit<StateChange, 'seq'> = {};
    const upserted: Incident[] = [];
    const removed: string[] = [];
    for (const key of this.unsentKeys) {
      const next = this.shown.get(key);
      if (next && !sameIncident(this.windowIncidents.get(key), next)) upserted.push(next);
      else if (!next && this.windowIncidents.has(key)) removed.push(key);
    }
    if (upserted.length > 0 || removed.length > 0) change.incidents = { upserted, removed };
    for (const part of this.unsentParts) {
      if (part === 'sources') continue; // judged below, by what the window shows of them
      if (part === 'attention') {
        Object.assign(change, attentionChange(this.state.attention, this.windowParts.attention));
      } else if (!deepEqual(this.state[part], this.windowParts[part])) {
        Object.assign(change, { [part]: this.state[part] });
      }
    }
    const sourcesSeen = !sameToTheWindow(this.state.sources, this.windowParts.sources);
    this.unsentKeys.clear();
    this.unsentParts.clear();
    if (Object.keys(change).length === 0 && !sourcesSeen) return undefined;

    // Bookkeeping the window does not show rides along with anything it does.
    if (!deepEqual(this.state.sources, this.windowParts.sources)) {
      change.sources = this.state.sources;
    }
    for (const incident of upserted) this.windowIncidents.set(incident.key, incident);
    for (const key of removed) this.windowIncidents.delete(key);
    const { incidents: _, ...parts } = this.state;
    this.windowParts = parts;
    this.seq += 1;
    return { seq: this.seq, ...change };
  }
}

/**
 * The attention view without its per-incident entries if any of that changed, and those
 * entries (stages, ring decisions) one by one. A storm has ten thousand of each and an ack moves
 * one, so unchanged ones (kept as the same objects by the attention center) pass by identity,
 * without a deep comparison each.
 */
function attentionChange(
  now: AttentionView,
  sent: AttentionView,
): Pick<StateChange, 'attention' | KeyedAttentionPart> {
  const { stages: _s, ring: _r, ...rest } = now;
  const { stages: _ss, ring: _sr, ...sentRest } = sent;
  const change: Pick<StateChange, 'attention' | KeyedAttentionPart> = {};
  if (!deepEqual(rest, sentRest)) change.attention = rest;
  for (const part of keyedAttentionParts) {
    const entries = keyedChanges(now[part], sent[part]);
    if (entries) Object.assign(change, { [part]: entries });
  }
  return change;
}

type Entries = Record<string, unknown>;

function keyedChanges(
  now: Entries,
  sent: Entries,
): { upserted: Entries; removed: string[] } | undefined {
  const upserted: Entries = {};
  const removed: string[] = [];
  let changed = false;
  for (const key in now) {
    if (now[key] !== sent[key] && !deepEqual(now[key], sent[key])) {
      upserted[key] = now[key];
      changed = true;
    }
  }
  for (const key in sent) if (!Object.hasOwn(now, key)) removed.push(key);
  return changed || removed.length > 0 ? { upserted, removed } : undefined;
}

/** Whether two attention views show the same; entries compared as in `attentionChange`. */
function sameAttention(a: AttentionView, b: AttentionView): boolean {
  if (a === b) return true;
  const { stages: _s, ring: _r, ...rest } = a;
  const { stages: _os, ring: _or, ...otherRest } = b;
  return (
    deepEqual(rest, otherRest) &&
    keyedAttentionParts.every((part) => keyedChanges(a[part], b[part]) === undefined)
  );
}

function sameIncident(a: Incident | undefined, b: Incident): boolean {
  return a === b || deepEqual(a, b);
}

/**
 * What the window shows of a source. It does not show when the next poll is due, nor when the
 * last good one was while the source is ok (only a failing source says "last success 14:02"),
 * so a healthy poll round, which moves only those, is no news to it. The tray does show how
 * fresh the polls are; it gets the whole state.
 */
function sameToTheWindow(a: readonly SourceStatus[], b: readonly SourceStatus[]): boolean {
  const seen = ({ nextPollAt: _, lastSuccessAt, ...status }: SourceStatus) => ({
    ...status,
    lastSuccessAt: status.health === 'ok' ? undefined : lastSuccessAt,
  });
  return a.length === b.length && a.every((status, i) => deepEqual(seen(status), seen(b[i]!)));
}
