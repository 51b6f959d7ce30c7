import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../../electron/common/contract/app-state.js';
import {
  applyStateChange,
  type StateChange,
} from '../../../../electron/common/contract/state-changes.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import {
  AppStateProjector,
  type StateSources,
} from '../../../../electron/core/engine/app-state-projector.js';
import { anAppState, aSourceStatus } from '../../../support/app-state.js';
import { anIncident } from '../../../support/incidents.js';

/** Lets the current turn end, so a pending emission goes out. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A world the test edits by hand, read the way the core's rooms are read. */
function setup() {
  const world: AppState = anAppState({ sources: [aSourceStatus({ id: 'am', name: 'AM' })] });
  const incidents = new Map<string, Incident>();
  const reads = { incidents: 0, parts: 0 };
  const from: StateSources = {
    incident: (key) => {
      reads.incidents += 1;
      return incidents.get(key);
    },
    incidents: () => [...incidents.values()],
    sources: () => (reads.parts++, world.sources),
    actions: () => (reads.parts++, world.actions),
    schedule: () => (reads.parts++, world.schedule),
    attention: () => (reads.parts++, { view: world.attention }),
    notices: () => (reads.parts++, world.notices),
    settings: () => (reads.parts++, world.settings),
    statusPages: () => (reads.parts++, world.statusPages),
    checks: () => (reads.parts++, world.checks),
  };
  const projector = new AppStateProjector(from);
  projector.start();
  let client = projector.getSnapshot().state;
  const changes: StateChange[] = [];
  const states: AppState[] = [];
  projector.onStateChange((change) => {
    changes.push(change);
    client = applyStateChange(client, change);
  });
  projector.onStateChanged((state) => states.push(state));
  const put = (incident: Incident) => {
    incidents.set(incident.key, incident);
    projector.incidentsChanged([incident.key]);
  };
  return { world, incidents, from, projector, changes, states, reads, put, client: () => client };
}

describe('AppStateProjector', () => {
  it('sends one change per turn, however many marks and microtasks it took', async () => {
    const { projector, world, changes, states, put } = setup();
    put(anIncident({ externalId: '1' }));
    await Promise.resolve();
    world.notices = [{ id: '1', level: 'info', message: 'hello', at: '2026-11-22T09:00:00Z' }];
    projector.partChanged('notices');
    await Promise.resolve();
    put(anIncident({ externalId: '2' }));
    expect(changes).toEqual([]);
    await nextTurn();
    expect(changes).toEqual([
      {
        seq: 1,
        incidents: {
          upserted: [anIncident({ externalId: '1' }), anIncident({ externalId: '2' })],
          removed: [],
        },
        notices: world.notices,
      },
    ]);
    expect(states).toEqual([projector.getState()]);
  });

  it('sends nothing when what was marked reads back the same', async () => {
    const { projector, world, changes, states, put } = setup();
    const incident = anIncident();
    put(incident);
    await nextTurn();
    put({ ...incident });
    world.attention = { ...world.attention, stages: {} };
    projector.partChanged('attention');
    await nextTurn();
    expect(changes).toHaveLength(1);
    expect(states).toHaveLength(1);
  });

  it('reads only what was marked', async () => {
    const { projector, put, reads } = setup();
    Object.assign(reads, { incidents: 0, parts: 0 });
    put(anIncident());
    projector.partChanged('actions');
    await nextTurn();
    expect(reads).toEqual({ incidents: 1, parts: 1 });
  });

  it('keeps a healthy poll from the window but tells the tray, and sends it along later', async () => {
    const { projector, world, changes, states, client } = setup();
    const polled = aSourceStatus({
      id: 'am',
      name: 'AM',
      lastSuccessAt: '2026-11-22T09:00:30.000Z',
      nextPollAt: '2026-11-22T09:01:00.000Z',
    });
    world.sources = [polled];
    projector.partChanged('sources');
    await nextTurn();
    expect(changes).toEqual([]);
    expect(states.map((s) => s.sources)).toEqual([[polled]]);

    world.sources = [{ ...polled, health: 'degraded', lastError: 'HTTP 502' }];
    projector.partChanged('sources');
    await nextTurn();
    expect(changes).toEqual([{ seq: 1, sources: world.sources }]);
    expect(client()).toEqual(projector.getState());
  });

  it('sends the bookkeeping along with the next change the window does see', async () => {
    const { projector, world, changes, client, put } = setup();
    world.sources = [aSourceStatus({ id: 'am', name: 'AM', nextPollAt: '2026-11-22T09:01:00Z' })];
    projector.partChanged('sources');
    await nextTurn();
    put(anIncident());
    await nextTurn();
    expect(changes.map((c) => Object.keys(c).sort())).toEqual([['incidents', 'seq', 'sources']]);
    expect(client()).toEqual(projector.getState());
  });

  it('hands out a snapshot that the next change leaves as it is, even if taken before it', async () => {
    const { projector, put, changes } = setup();
    put(anIncident({ externalId: '1' }));
    const snapshot = projector.getSnapshot();
    expect(snapshot.seq).toBe(0);
    expect(snapshot.state.incidents).toHaveLength(1);
    await nextTurn();
    expect(applyStateChange(snapshot.state, changes[0]!)).toEqual(snapshot.state);
  });

  it('matches a state built from scratch after any run of changes', async () => {
    const { projector, incidents, from, put, client, changes } = setup();
    let state = 42;
    const random = () => ((state = (state * 48_271) % 2_147_483_647) / 2_147_483_647) % 1;
    for (let step = 0; step < 300; step++) {
      const id = `i${Math.floor(random() * 40)}`;
      const roll = random();
      if (roll < 0.5) {
        put(
          anIncident({
            externalId: id,
            status: roll < 0.3 ? 'triggered' : 'acknowledged',
            urgency: random() < 0.5 ? 'high' : 'low',
            // Few distinct times, so the order often rests on the key alone.
            createdAt: `2026-11-22T08:0${Math.floor(random() * 3)}:00.000Z`,
          }),
        );
      } else if (roll < 0.7) {
        incidents.delete(`am:${id}`);
        projector.incidentsChanged([`am:${id}`]);
      } else if (roll < 0.8) {
        projector.incidentsChanged([`am:${id}`]); // marked, unchanged
      }
      if (random() < 0.3) {
        await nextTurn();
        const fresh = new AppStateProjector(from);
        fresh.start();
        expect(projector.getState()).toEqual(fresh.getState());
        expect(client()).toEqual(fresh.getState());
      }
    }
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
  });

  it('sorts a storm of changes as well as a trickle', async () => {
    const { projector, from, put, client } = setup();
    for (let i = 0; i < 500; i++) {
      put(anIncident({ externalId: `s${i}`, createdAt: `2026-11-22T08:0${i % 3}:00.000Z` }));
    }
    await nextTurn();
    for (let i = 0; i < 500; i += 3)
      put(anIncident({ externalId: `s${i}`, status: 'acknowledged' }));
    await nextTurn();
    const fresh = new AppStateProjector(from);
    fresh.start();
    expect(projector.getState()).toEqual(fresh.getState());
    expect(client()).toEqual(fresh.getState());
  });

  it('sends a storm to the window a thousand incidents per turn, the tray all at once', async () => {
    const { projector, world, put, changes, states, client } = setup();
    for (let i = 0; i < 2500; i++) put(anIncident({ externalId: `s${i}` }));
    world.notices = [{ id: '1', level: 'info', message: 'storm', at: '2026-11-22T09:00:00Z' }];
    projector.partChanged('notices');
    await nextTurn();
    expect(states.at(-1)?.incidents).toHaveLength(2500);
    expect(changes.map((c) => c.incidents?.upserted.length)).toEqual([1000]);
    expect(changes[0]?.notices).toEqual(world.notices);
    await nextTurn();
    await nextTurn();
    expect(changes.map((c) => [c.seq, c.incidents?.upserted.length])).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 500],
    ]);
    expect(client()).toEqual(projector.getState());
    await nextTurn();
    expect(changes).toHaveLength(3);
  });

  it('sends the attention entries its owner says it touched, from records updated in place', async () => {
    const { projector, world, from, changes, client } = setup();
    const stages: AppState['attention']['stages'] = {
      'am:1': { stage: 'notified', since: '2026-11-22T09:00:00.000Z' },
      'am:2': { stage: 'notified', since: '2026-11-22T09:00:00.000Z' },
    };
    let touched: Set<string> | undefined;
    from.attention = () => ({ view: { ...world.attention, stages }, touched });
    projector.partChanged('attention');
    await nextTurn();
    expect(changes.at(-1)?.stages?.upserted).toEqual(stages);

    // In place, as the attention center does: one acked, one climbing; only they are looked at.
    delete stages['am:1'];
    stages['am:2'] = { stage: 'critical', since: '2026-11-22T09:01:00.000Z' };
    stages['am:3'] = { stage: 'notified', since: '2026-11-22T09:01:00.000Z' }; // not said: unseen
    touched = new Set(['am:1', 'am:2']);
    projector.partChanged('attention');
    await nextTurn();
    expect(changes.at(-1)?.stages).toEqual({
      upserted: { 'am:2': stages['am:2'] },
      removed: ['am:1'],
    });

    // Nothing touched: no change at all.
    touched = new Set();
    projector.partChanged('attention');
    await nextTurn();
    expect(changes).toHaveLength(2);

    // Unknown (every entry may have moved): all compared, so the unsaid one arrives too.
    touched = undefined;
    projector.partChanged('attention');
    await nextTurn();
    expect(changes.at(-1)?.stages).toEqual({ upserted: { 'am:3': stages['am:3'] }, removed: [] });
    expect(client().attention.stages).toEqual(stages);
  });

  it('sends nothing once stopped', async () => {
    const { projector, put, changes, states } = setup();
    put(anIncident());
    projector.stop();
    put(anIncident({ externalId: '2' }));
    await nextTurn();
    expect(changes).toEqual([]);
    expect(states).toEqual([]);
  });
});
