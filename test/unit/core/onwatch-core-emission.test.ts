import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import {
  applyStateChange,
  stateChangeSchema,
  type StateChange,
} from '../../../electron/common/contract/state-changes.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import type { SourceConfig } from '../../../electron/common/model/source-config.js';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import { SourceError } from '../../../electron/core/sources/source-error.js';
import { FakeClock, settle } from '../../support/fake-clock.js';
import { anIncident } from '../../support/incidents.js';
import { ScriptedSource } from '../../support/scripted-source.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';

const amConfig = (id: string): SourceConfig =>
  ({
    kind: 'alertmanager',
    id,
    name: `AM ${id}`,
    baseUrl: 'http://127.0.0.1:9',
    auth: { type: 'none' },
    ackSilenceMinutes: 60,
    pollIntervalSeconds: 30,
    timeoutSeconds: 10,
  }) as SourceConfig;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * A core polling three scripted sources on a fake clock, with a window that starts from a
 * snapshot and applies every change, checking each one against the core's own state.
 */
async function startCore() {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  const sources = ['a', 'b', 'c'].map(amConfig);
  await writeFile(settingsPath, JSON.stringify({ version: 1, responderName: 'sam', sources }));
  const clock = new FakeClock();
  const scripted = new Map<string, ScriptedSource>();
  const core = await OnwatchCore.start({
    settingsPath,
    secrets: new MemorySecretStore(),
    clock,
    log: silentLog,
    random: () => 1,
    timeZone: 'UTC',
    createSource: (config) => {
      const source = new ScriptedSource(config.id);
      scripted.set(config.id, source);
      return source;
    },
  });
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await clock.advance(0); // the first polls

  let { seq, state: windowState } = core.getSnapshot();
  const changes: StateChange[] = [];
  const mismatches: string[] = [];
  core.onStateChange((change) => {
    if (change.seq !== seq + 1) mismatches.push(`seq ${change.seq} after ${seq}`);
    seq = change.seq;
    stateChangeSchema.parse(change);
    windowState = applyStateChange(windowState, change);
    if (!isDeepEqual(windowState, core.getState())) mismatches.push(`state after ${change.seq}`);
    changes.push(change);
  });
  const inProcess: AppState[] = [];
  core.onStateChanged((state) => inProcess.push(state));

  /** Forgets what was emitted so far. */
  const reset = () => {
    changes.length = 0;
    inProcess.length = 0;
  };
  return {
    core,
    clock,
    scripted,
    changes,
    inProcess,
    mismatches,
    reset,
    windowState: () => windowState,
  };
}

/** As vitest's toEqual judges it: keys holding undefined count as absent, like over the wire. */
function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

/** The parts a change carries, e.g. ['actions', 'incidents']. */
const partsOf = (change: StateChange) =>
  Object.keys(change)
    .filter((key) => key !== 'seq')
    .sort();

/** The state without what the window is not shown of a healthy source. */
const asTheWindowSees = (state: AppState): AppState => ({
  ...state,
  sources: state.sources.map(({ nextPollAt: _, ...source }) => ({
    ...source,
    lastSuccessAt: source.health === 'ok' ? undefined : source.lastSuccessAt,
  })),
});

describe('OnwatchCore state emission', () => {
  it('sends the window nothing for a poll round in which nothing changed', async () => {
    const { clock, changes, inProcess, reset, core } = await startCore();
    const before = core.getState();
    reset();
    await clock.advance(30_000);
    expect(changes).toEqual([]);
    // The tray shows how fresh the polls are, so it hears of each one (each landed in its own
    // turn here), and of nothing else.
    expect(inProcess).toHaveLength(3);
    expect(asTheWindowSees(core.getState())).toEqual(asTheWindowSees(before));
    expect(core.getState().sources.map((s) => s.lastSuccessAt)).toEqual(
      Array(3).fill(new Date(clock.now()).toISOString()),
    );
  });

  it('sends one change carrying exactly the new incident', async () => {
    const { clock, scripted, changes, reset, mismatches } = await startCore();
    const page = anIncident({ sourceId: 'b', externalId: 'p1' });
    scripted.get('b')!.incidents = [page];
    reset();
    await clock.advance(30_000);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change!.incidents).toEqual({ upserted: [page], removed: [] });
    // The ladder starts on it in the same turn (its stage alone, not the whole attention
    // view); the polls' bookkeeping rides along.
    expect(partsOf(change!)).toEqual(['incidents', 'ring', 'sources', 'stages']);
    expect(Object.keys(change!.stages!.upserted)).toEqual([page.key]);
    expect(change!.stages!.removed).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('sends an ack as one change per turn that shows something new', async () => {
    const { core, clock, scripted, changes, reset, mismatches } = await startCore();
    const page = anIncident({ sourceId: 'a', externalId: 'p1' });
    scripted.get('a')!.incidents = [page];
    await clock.advance(30_000);
    reset();

    // Written down: shown acknowledged at once, listed pending, and the ladder goes quiet. The
    // two quiet polls since the last change move only bookkeeping, which rides along.
    await core.handlers.ack({ key: page.key });
    await settle();
    expect(changes.map(partsOf)).toEqual([['actions', 'incidents', 'ring', 'sources', 'stages']]);
    expect(changes[0]!.stages).toEqual({ upserted: {}, removed: [page.key] });
    expect(changes[0]!.incidents!.upserted).toMatchObject([
      { key: page.key, status: 'acknowledged' },
    ]);
    expect(changes[0]!.actions).toMatchObject([{ state: 'pending', attempts: 0 }]);

    // Sent, confirmed, and the source polled again at once: it says "acknowledged" too, which
    // the window already shows, so only the journal's "done" is news.
    await clock.advance(0);
    await until(() => core.getState().actions[0]?.state === 'done');
    await settle();
    expect(changes.map(partsOf)).toEqual([
      ['actions', 'incidents', 'ring', 'sources', 'stages'],
      ['actions'],
    ]);
    expect(changes[1]!.actions).toMatchObject([{ state: 'done', attempts: 1 }]);

    // The done entry leaves the list two minutes later, with nothing else to say so (and the
    // quiet polls of those two minutes ride along).
    await clock.advance(120_000);
    expect(changes.slice(2).map(partsOf)).toEqual([['actions', 'sources']]);
    expect(changes[2]!.actions).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('tells the window a source is polling only when the responder waits for it', async () => {
    const { core, clock, scripted, changes, reset } = await startCore();
    expect(core.getState().sources.map((s) => s.polling)).toEqual([false, false, false]);
    reset();
    const poll = scripted.get('b')!.holdNextPoll();
    const refresh = core.handlers.refresh({ sourceId: 'b' });
    await settle();
    poll.release();
    await refresh;
    await settle();
    expect(changes.map((c) => c.sources?.map((s) => s.polling))).toEqual([
      [false, true, false],
      [false, false, false],
    ]);
    await clock.advance(30_000);
    expect(changes).toHaveLength(2);
  });

  it('keeps a window built from a snapshot and its changes equal to the state, with no gaps', async () => {
    const { core, clock, scripted, changes, mismatches, windowState } = await startCore();
    const random = seeded(8);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const open = new Map<string, Incident[]>([...scripted.keys()].map((id) => [id, []]));
    let made = 0;

    for (let step = 0; step < 60; step++) {
      const sourceId = pick(['a', 'b', 'c']);
      const source = scripted.get(sourceId)!;
      const incidents = open.get(sourceId)!;
      switch (pick(['new', 'new', 'change', 'resolve', 'ack', 'fail', 'heal', 'idle'] as const)) {
        case 'new':
          made += 1;
          incidents.push(
            anIncident({
              sourceId,
              externalId: `i${made}`,
              urgency: pick(['high', 'low'] as const),
              // Whole minutes, so many incidents tie on everything but their key.
              createdAt: new Date(Date.UTC(2026, 10, 22, 8, made % 3)).toISOString(),
            }),
          );
          break;
        case 'change':
          if (incidents.length > 0) pick(incidents).title = `Retitled at step ${step}`;
          break;
        case 'resolve':
          if (incidents.length > 0) incidents.splice(incidents.indexOf(pick(incidents)), 1);
          break;
        case 'ack': {
          const target = core.getState().incidents.find((i) => i.status === 'triggered');
          if (target) await core.handlers.ack({ key: target.key });
          break;
        }
        case 'fail':
          source.failure = new SourceError('unreachable', 'connection refused');
          break;
        case 'heal':
          source.failure = undefined;
          break;
      }
      // What a provider keeps: the source acks its own copy, and the test's list follows it.
      for (const [id, list] of open) {
        const acked = new Set(
          scripted
            .get(id)!
            .incidents.filter((i) => i.status !== 'triggered')
            .map((i) => i.key),
        );
        scripted.get(id)!.incidents = list.map((i) =>
          acked.has(i.key) ? { ...i, status: 'acknowledged' } : { ...i },
        );
      }
      await clock.advance(pick([5_000, 30_000, 60_000]));
      await settle();
    }

    // Once every source answers again and every action is through, both say what the
    // providers say.
    for (const source of scripted.values()) source.failure = undefined;
    await clock.advance(5 * 60_000); // the longest backoff
    // The journal's writes are real I/O; done actions leave the list on the fake clock.
    for (let tries = 0; core.getState().actions.length > 0; tries++) {
      if (tries > 100) throw new Error('the actions did not finish');
      await clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await clock.advance(30_000);
    const asProvidersSay = [...scripted.values()]
      .flatMap((source) => source.incidents)
      .map(({ key, title, status }) => ({ key, title, status }))
      .sort((a, b) => a.key.localeCompare(b.key));
    const asShown = (state: AppState) =>
      state.incidents
        .map(({ key, title, status }) => ({ key, title, status }))
        .sort((a, b) => a.key.localeCompare(b.key));
    expect(asProvidersSay.length).toBeGreaterThan(3);
    expect(asShown(core.getState())).toEqual(asProvidersSay);
    expect(asShown(windowState())).toEqual(asProvidersSay);

    expect(mismatches).toEqual([]);
    expect(changes.length).toBeGreaterThan(20);
    expect(changes.every((change) => partsOf(change).length > 0)).toBe(true);
    expect(asTheWindowSees(windowState())).toEqual(asTheWindowSees(core.getState()));
  }, 20_000);
});

/** A small deterministic generator, so a failing sequence can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
