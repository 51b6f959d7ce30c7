/**
 * Transitional adapter: gives a core that emits whole states the numbered feed the transports
 * serve (`getSnapshot`, `onStateChange`), by comparing each state with the one before. It goes
 * once the core's own projector provides that feed.
 */
import type { AppState } from '../common/contract/app-state.js';
import type { ContractServer } from '../common/contract/ipc-contract.js';
import type { StateChange } from '../common/contract/state-changes.js';
import { createEmitter } from '../common/emitter.js';

export interface WholeStateCore extends Pick<ContractServer, 'handlers' | 'onOpenIncident'> {
  getState(): AppState;
  onStateChanged(listener: (state: AppState) => void): () => void;
}

export function numberedState(core: WholeStateCore): ContractServer {
  const changes = createEmitter<StateChange>();
  let snapshot = { seq: 0, state: core.getState() };
  core.onStateChanged((state) => {
    const change = changeBetween(snapshot.state, state, snapshot.seq + 1);
    snapshot = { seq: change?.seq ?? snapshot.seq, state };
    if (change) changes.emit(change);
  });
  return {
    handlers: core.handlers,
    getSnapshot: () => snapshot,
    onStateChange: (listener) => changes.on(listener),
    onOpenIncident: (listener) => core.onOpenIncident(listener),
  };
}

const wholeParts = ['sources', 'actions', 'schedule', 'attention', 'notices', 'settings'] as const;

/** What changed from `before` to `after`, numbered `seq`; null when nothing did. */
function changeBetween(before: AppState, after: AppState, seq: number): StateChange | null {
  const change: StateChange = { seq };
  for (const part of wholeParts) {
    if (!sameJson(before[part], after[part])) Object.assign(change, { [part]: after[part] });
  }
  const previous = new Map(before.incidents.map((incident) => [incident.key, incident]));
  const upserted = after.incidents.filter((incident) => {
    const old = previous.get(incident.key);
    previous.delete(incident.key);
    return !old || !sameJson(old, incident);
  });
  const removed = [...previous.keys()];
  if (upserted.length > 0 || removed.length > 0) change.incidents = { upserted, removed };
  return Object.keys(change).length > 1 ? change : null;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
