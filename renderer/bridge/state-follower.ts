import type { AppState } from '../../electron/common/contract/app-state.js';
import type { OnwatchApi } from '../../electron/common/contract/ipc-contract.js';
import {
  applyStateChange,
  type StateChange,
  type StateSnapshot,
} from '../../electron/common/contract/state-changes.js';

export type StateFeed = Pick<OnwatchApi, 'getState' | 'onStateSnapshot' | 'onStateChange'>;

export interface FollowStateOptions {
  /** Each new whole state, built from the last snapshot and the changes after it. */
  onState(state: AppState): void;
  /** A snapshot could not be fetched; the next change asks again. */
  onError(error: unknown): void;
}

/**
 * Follows the main side's numbered state: fetches a snapshot now, applies each change that
 * continues it, ignores changes it already has, and fetches a fresh snapshot when one is
 * missing. Returns the unsubscribe.
 */
export function followState(feed: StateFeed, { onState, onError }: FollowStateOptions) {
  let current: StateSnapshot | null = null;
  /** Changes not yet applied: they arrived before a snapshot, or after a gap. */
  let held: StateChange[] = [];
  let fetching = false;
  let stopped = false;

  function adopt(snapshot: StateSnapshot) {
    current = snapshot;
    catchUp(true);
  }

  /** Applies the held changes that continue `current`; fetches a snapshot if a gap remains. */
  function catchUp(changed = false) {
    if (!current) return;
    held.sort((a, b) => a.seq - b.seq);
    let next = current;
    for (const change of held) {
      if (change.seq <= next.seq) continue;
      if (change.seq > next.seq + 1) break;
      next = { seq: change.seq, state: applyStateChange(next.state, change) };
      changed = true;
    }
    held = held.filter((change) => change.seq > next.seq);
    current = next;
    if (changed) onState(next.state);
    if (held.length > 0) fetchSnapshot();
  }

  function fetchSnapshot() {
    if (fetching) return;
    fetching = true;
    feed.getState({}).then(
      (snapshot) => {
        fetching = false;
        if (stopped) return;
        // An answer overtaken by a newer pushed snapshot is old news.
        if (!current || snapshot.seq > current.seq) adopt(snapshot);
        else catchUp();
      },
      (error: unknown) => {
        fetching = false;
        held = [];
        if (!stopped) onError(error);
      },
    );
  }

  const stopSnapshot = feed.onStateSnapshot((snapshot) => {
    // Pushed on (re)connect: the start of the stream, even from a restarted host counting anew.
    held = [];
    adopt(snapshot);
  });
  const stopChange = feed.onStateChange((change) => {
    if (current && change.seq <= current.seq) return;
    held.push(change);
    if (current) catchUp();
    else fetchSnapshot();
  });
  fetchSnapshot();

  return () => {
    stopped = true;
    stopSnapshot();
    stopChange();
  };
}
