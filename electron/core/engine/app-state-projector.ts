import type {
  ActionView,
  AppState,
  AttentionView,
  Notice,
  PublicSettings,
  ScheduleView,
} from '../../common/contract/app-state.js';
import type { CheckView } from '../../common/contract/checks-state.js';
import type { StatusPagesState } from '../../common/contract/status-page-state.js';
import {
  keyedAttentionParts,
  type StateChange,
  type StateSnapshot,
} from '../../common/contract/state-changes.js';
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
  attention(): AttentionRead;
  notices(): Notice[];
  settings(): PublicSettings;
  statusPages(): StatusPagesState;
  checks(): CheckView[];
}

/**
 * The attention view and which pages' entries (stages, ring decisions) moved since the previous
 * read; undefined when any may have. Its entry records may be updated in place later, so what
 * the window has of them is kept here, entry by entry.
 */
interface AttentionRead {
  view: AttentionView;
  touched?: ReadonlySet<string>;
}

type KeyedAttentionPart = (typeof keyedAttentionParts)[number];
type Parts = Pick<AppState, StatePart>;
type Entries = Record<string, unknown>;

/**
 * A storm reaches the window in changes of at most this many incidents, one per turn, so that
 * serialising and sending one never holds the event loop for long (10,000 incidents are 8 MB).
 */
const incidentsPerChange = 1000;

const partNames: readonly StatePart[] = [
  'sources',
  'actions',
  'schedule',
  'attention',
  'notices',
  'settings',
  'statusPages',
  'checks',
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
  private readonly windowEntries: Record<KeyedAttentionPart, Map<string, unknown>> = {
    stages: new Map(),
    ring: new Map(),
  };
  /** Marked, not yet read back from their owners. */
  private readonly staleKeys = new Set<string>();
  private readonly staleParts = new Set<StatePart>();
  /** Read back and different, not yet sent to the window. */
  private readonly unsentKeys = new Set<string>();
  private readonly unsentParts = new Set<StatePart>();
  /** Attention entries read back and maybe different; undefined: any of them. */
  private unsentEntries: Set<string> | undefined = new Set();
  /** The entries the latest attention read said were touched. */
  private entriesTouched?: ReadonlySet<string>;
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
    const parts = Object.fromEntries(
      partNames.map((part) => [
        part,
        part === 'attention' ? this.readAttention() : this.from[part](),
      ]),
    ) as Parts;
    this.state = { incidents, ...parts };
    this.windowParts = parts;
    for (const part of keyedAttentionParts) {
      this.windowEntries[part] = new Map(Object.entries(parts.attention[part]));
    }
    this.unsentEntries = new Set();
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
      const next = part === 'attention' ? this.readAttention() : this.from[part]();
      const same =
        part === 'attention'
          ? this.sameAttention(next as AttentionView)
          : deepEqual(next, this.state[part]);
      if (same) continue;
      this.state = { ...this.state, [part]: next };
      this.unsentParts.add(part);
      this.unannounced = true;
    }
    this.staleParts.clear();
  }

  /** The attention view, noting which of its entries may now differ from the window's. */
  private readAttention(): AttentionView {
    const { view, touched } = this.from.attention();
    if (!touched) this.unsentEntries = undefined;
    else if (this.unsentEntries) for (const key of touched) this.unsentEntries.add(key);
    this.entriesTouched = touched;
    return view;
  }

  /**
   * Whether a fresh attention view shows the same as the state's. Entries are judged as read:
   * by the touched ones, or when any may have moved, against what the window has (the records
   * may be the very objects the state holds, updated in place).
   */
  private sameAttention(next: AttentionView): boolean {
    const touched = this.entriesTouched;
    const entriesSame = touched
      ? touched.size === 0
      : keyedAttentionParts.every((part) => sameAsSent(next[part], this.windowEntries[part]));
    return entriesSame && deepEqual(withoutEntries(next), withoutEntries(this.state.attention));
  }

  /**
   * The attention view without its per-incident entries if any of that changed, and those
   * entries one by one: only the ones read back as touched are compared with what the window
   * has, so an ack in a storm of ten thousand compares one.
   */
  private attentionChange(): Pick<StateChange, 'attention' | KeyedAttentionPart> {
    const now = this.state.attention;
    const change: Pick<StateChange, 'attention' | KeyedAttentionPart> = {};
    const rest = withoutEntries(now);
    if (!deepEqual(rest, withoutEntries(this.windowParts.attention))) change.attention = rest;
    for (const part of keyedAttentionParts) {
      const entries = entryChanges(now[part], this.windowEntries[part], this.unsentEntries);
      if (entries) Object.assign(change, { [part]: entries });
    }
    this.unsentEntries = new Set();
    return change;
  }

  /** What the window sees differently since its last change, numbered; undefined if nothing. */
  private windowChange(): StateChange | undefined {
    const change: Omit<StateChange, 'seq'> = {};
    const upserted: Incident[] = [];
    const removed: string[] = [];
    for (const key of this.unsentKeys) {
      if (upserted.length + removed.length === incidentsPerChange) break;
      this.unsentKeys.delete(key);
      const next = this.shown.get(key);
      if (next && !sameIncident(this.windowIncidents.get(key), next)) upserted.push(next);
      else if (!next && this.windowIncidents.has(key)) removed.push(key);
    }
    if (this.unsentKeys.size > 0) this.scheduleFlush(); // the rest go next turn
    if (upserted.length > 0 || removed.length > 0) change.incidents = { upserted, removed };
    for (const part of this.unsentParts) {
      if (part === 'sources') continue; // judged below, by what the window shows of them
      if (part === 'attention') {
        Object.assign(change, this.attentionChange());
      } else if (!deepEqual(this.state[part], this.windowParts[part])) {
        Object.assign(change, { [part]: this.state[part] });
      }
    }
    const sourcesSeen = !sameToTheWindow(this.state.sources, this.windowParts.sources);
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

const withoutEntries = ({ stages: _s, ring: _r, ...rest }: AttentionView) => rest;

function sameAsSent(now: Entries, sent: ReadonlyMap<string, unknown>): boolean {
  const keys = Object.keys(now);
  return (
    keys.length === sent.size &&
    keys.every((key) => now[key] === sent.get(key) || deepEqual(now[key], sent.get(key)))
  );
}

/**
 * The entries of `now` that differ from what the window has (`sent`, brought up to date here),
 * looking only at `keys`, or at every entry on either side when undefined.
 */
function entryChanges(
  now: Entries,
  sent: Map<string, unknown>,
  keys: Iterable<string> | undefined,
): { upserted: Entries; removed: string[] } | undefined {
  const upserted: Entries = {};
  const removed: string[] = [];
  const compare = (key: string) => {
    const value = Object.hasOwn(now, key) ? now[key] : undefined;
    const had = sent.get(key);
    if (value === undefined) {
      if (sent.delete(key)) removed.push(key);
    } else if (value !== had && !deepEqual(value, had)) {
      upserted[key] = value;
      sent.set(key, value);
    }
  };
  for (const key of keys ?? new Set([...Object.keys(now), ...sent.keys()])) compare(key);
  const changed = removed.length > 0 || Object.keys(upserted).length > 0;
  return changed ? { upserted, removed } : undefined;
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
