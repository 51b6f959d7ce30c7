import { describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import type {
  StateChange,
  StateSnapshot,
} from '../../../electron/common/contract/state-changes.js';
import { createEmitter } from '../../../electron/common/emitter.js';
import { followState, type StateFeed } from '../../../renderer/bridge/state-follower.js';
import { appState, incident } from './fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const one = incident({ externalId: '1', createdAt: '2025-03-01T12:00:00.000Z' });
const two = incident({ externalId: '2', createdAt: '2025-03-01T12:05:00.000Z' });
const three = incident({ externalId: '3', createdAt: '2025-03-01T12:10:00.000Z' });

/** A feed whose getState answers wait until the test gives them. Snapshots come in list order. */
function fakeFeed() {
  const snapshots = createEmitter<StateSnapshot>();
  const changes = createEmitter<StateChange>();
  const answers: { resolve(snapshot: StateSnapshot): void; reject(error: unknown): void }[] = [];
  const getState = vi.fn(
    () => new Promise<StateSnapshot>((resolve, reject) => answers.push({ resolve, reject })),
  );
  const feed: StateFeed = { getState, onStateSnapshot: snapshots.on, onStateChange: changes.on };
  return {
    feed,
    getState,
    answer: async (snapshot: StateSnapshot) => {
      answers.shift()!.resolve(snapshot);
      await flush();
    },
    fail: async (error: unknown) => {
      answers.shift()!.reject(error);
      await flush();
    },
    push: (snapshot: StateSnapshot) => snapshots.emit(snapshot),
    change: (change: StateChange) => changes.emit(change),
    listeners: () => snapshots.size + changes.size,
  };
}

function follow() {
  const fake = fakeFeed();
  const states: AppState[] = [];
  const errors: unknown[] = [];
  const stop = followState(fake.feed, {
    onState: (state) => states.push(state),
    onError: (error) => errors.push(error),
  });
  const keys = () => states.at(-1)?.incidents.map((i) => i.externalId);
  return { ...fake, states, errors, stop, keys };
}

const added = (seq: number, ...upserted: AppState['incidents']): StateChange => ({
  seq,
  incidents: { upserted, removed: [] },
});

describe('followState', () => {
  it('asks for a snapshot at once and hands on its state', async () => {
    const { getState, answer, states } = follow();
    expect(getState).toHaveBeenCalledExactlyOnceWith({});
    const state = appState({ incidents: [one] });
    await answer({ seq: 7, state });
    expect(states).toEqual([state]);
  });

  it('applies each change that continues it, in the one list order', async () => {
    const { answer, change, keys, states } = follow();
    await answer({ seq: 7, state: appState({ incidents: [one] }) });
    change(added(8, three));
    expect(keys()).toEqual(['3', '1']);
    change({ seq: 9, incidents: { upserted: [two], removed: [one.key] }, notices: [] });
    expect(keys()).toEqual(['3', '2']);
    expect(states).toHaveLength(3);
  });

  it('ignores changes at or below its number', async () => {
    const { answer, change, states, getState } = follow();
    await answer({ seq: 7, state: appState({ incidents: [one] }) });
    change(added(6, two));
    change(added(7, three));
    expect(states).toHaveLength(1);
    expect(getState).toHaveBeenCalledTimes(1);
  });

  it('fetches a fresh snapshot after a gap, then follows on from it', async () => {
    const { answer, change, keys, getState, states } = follow();
    await answer({ seq: 7, state: appState({ incidents: [one] }) });
    change(added(9, three)); // 8 never arrived
    expect(states).toHaveLength(1);
    expect(getState).toHaveBeenCalledTimes(2);

    change(added(10, two)); // while the snapshot is on its way: one fetch is enough
    expect(getState).toHaveBeenCalledTimes(2);
    await answer({ seq: 9, state: appState({ incidents: [three, one] }) });
    expect(keys()).toEqual(['3', '2', '1']);
    change(added(11, incident({ externalId: '4' })));
    expect(keys()).toHaveLength(4);
  });

  it('keeps changes that overtake the first snapshot, and drops those it already holds', async () => {
    const { answer, change, keys } = follow();
    change(added(7, two));
    change(added(8, three));
    await answer({ seq: 7, state: appState({ incidents: [two, one] }) });
    expect(keys()).toEqual(['3', '2', '1']);
  });

  it('starts over from a pushed snapshot, even from a host counting anew', async () => {
    const { answer, push, change, keys } = follow();
    push({ seq: 40, state: appState({ incidents: [one] }) });
    await answer({ seq: 39, state: appState() }); // older than the push: ignored
    expect(keys()).toEqual(['1']);

    push({ seq: 0, state: appState({ incidents: [two] }) }); // the host restarted
    change(added(1, three));
    expect(keys()).toEqual(['3', '2']);
  });

  it('reports a failed fetch and asks again on the next change', async () => {
    const { fail, answer, change, errors, getState, keys } = follow();
    const error = new CommandError({ code: 'timeout', message: 'Onwatch did not answer' });
    await fail(error);
    expect(errors).toEqual([error]);
    change(added(3, two));
    expect(getState).toHaveBeenCalledTimes(2);
    await answer({ seq: 3, state: appState({ incidents: [two, one] }) });
    expect(keys()).toEqual(['2', '1']);
  });

  it('stops listening, and ignores an answer that arrives after', async () => {
    const { stop, answer, listeners, states } = follow();
    stop();
    expect(listeners()).toBe(0);
    await answer({ seq: 1, state: appState() });
    expect(states).toEqual([]);
  });
});
