import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../../electron/common/model/shift.js';
import type { SourceConfig } from '../../../../electron/common/model/source-config.js';
import { SourceSupervisor } from '../../../../electron/core/engine/source-supervisor.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';
import { SourceRegistry } from '../../../../electron/core/engine/source-registry.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';
import { ScriptedSource } from '../../../support/scripted-source.js';

const amConfig = (id: string, overrides: Partial<SourceConfig> = {}) =>
  ({
    kind: 'alertmanager',
    id,
    name: `AM ${id}`,
    baseUrl: 'http://127.0.0.1:9',
    auth: { type: 'none' },
    ackSilenceMinutes: 60,
    pollIntervalSeconds: 30,
    timeoutSeconds: 10,
    ...overrides,
  }) as SourceConfig;

/** A scripted source that also has a rotation, read as often as the schedule is polled. */
class ScriptedRotation extends ScriptedSource {
  shiftPolls = 0;
  shiftFailure?: Error;

  async fetchShifts(): Promise<Shift[]> {
    this.shiftPolls += 1;
    if (this.shiftFailure) throw this.shiftFailure;
    return [
      {
        sourceId: this.id,
        scheduleId: 'primary',
        scheduleName: 'Primary',
        userName: 'sam',
        isMe: true,
        start: '2026-11-22T00:00:00.000Z',
        end: '2026-11-23T00:00:00.000Z',
      },
    ];
  }
}

function setup(options: { rotations?: boolean; fastLane?: () => boolean } = {}) {
  const clock = new FakeClock();
  const built: ScriptedSource[] = [];
  const registry = new SourceRegistry({
    clock,
    secrets: new MemorySecretStore(),
    log: silentLog,
    responderName: () => 'sam',
    createSource: (config) => {
      const source = options.rotations
        ? new ScriptedRotation(config.id)
        : new ScriptedSource(config.id);
      built.push(source);
      return source;
    },
  });
  const seen = { incidents: [] as string[], shifts: [] as string[], stopped: [] as string[] };
  const supervisor = new SourceSupervisor({
    clock,
    log: silentLog,
    random: () => 1,
    registry,
    fastLane: options.fastLane,
    hooks: {
      incidents: (id, incidents) => seen.incidents.push(`${id}:${incidents.length}`),
      shifts: (id, shifts) => seen.shifts.push(`${id}:${shifts.length}`),
      stopped: (id) => seen.stopped.push(id),
      healthChanged: () => {},
      recovered: () => {},
      statusChanged: () => {},
    },
  });
  const builtFor = (id: string) => built.filter((source) => source.id === id);
  return { clock, supervisor, seen, builtFor };
}

describe('SourceSupervisor', () => {
  it('polls a kind with a fast lane at its fast interval while the lane is on, and back after', async () => {
    let onCall = false;
    const { clock, supervisor, seen } = setup({ fastLane: () => onCall });
    const drill = {
      kind: 'drill',
      id: 'd',
      name: 'Drill',
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    };
    await supervisor.reconcile([amConfig('am'), drill as SourceConfig]);
    await clock.advance(0);
    const pollsIn = async (ms: number) => {
      seen.incidents.length = 0;
      await clock.advance(ms);
      return {
        am: seen.incidents.filter((i) => i.startsWith('am:')).length,
        drill: seen.incidents.filter((i) => i.startsWith('d:')).length,
      };
    };
    expect(await pollsIn(60_000)).toEqual({ am: 2, drill: 2 });

    // A shift begins: Alertmanager moves to every 2 s at once; the drill has no fast lane.
    onCall = true;
    supervisor.fastLaneChanged();
    expect(await pollsIn(60_000)).toEqual({ am: 31, drill: 2 });
    expect(supervisor.intervalOf('am')).toBe(30_000);

    onCall = false;
    supervisor.fastLaneChanged();
    expect(await pollsIn(60_000)).toEqual({ am: 3, drill: 2 });
    supervisor.stop();
  });

  it('asks a source to read everything afresh on Refresh and after an action, not on its timer', async () => {
    const { clock, supervisor, builtFor } = setup({ fastLane: () => true });
    await supervisor.reconcile([amConfig('a'), amConfig('b')]);
    await clock.advance(60_000);
    const asked = () => [builtFor('a')[0]!.afreshAsked, builtFor('b')[0]!.afreshAsked];
    expect(asked()).toEqual([0, 0]);

    await supervisor.refresh('a');
    expect(asked()).toEqual([1, 0]);
    supervisor.pollIncidentsSoon('b');
    expect(asked()).toEqual([1, 1]);
    await supervisor.refresh();
    expect(asked()).toEqual([2, 2]);
    supervisor.stop();
  });

  it('starts what the settings add, restarts what they change and stops what they remove', async () => {
    const { clock, supervisor, seen, builtFor } = setup();
    await supervisor.reconcile([amConfig('a'), amConfig('b')]);
    await clock.advance(0);
    expect(supervisor.statuses().map((s) => [s.id, s.health])).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
    ]);

    await supervisor.reconcile([amConfig('a', { name: 'Renamed' }), amConfig('b')]);
    expect(seen.stopped).toEqual(['a']);
    expect(builtFor('a')).toHaveLength(2);
    expect(builtFor('b')).toHaveLength(1);
    expect(supervisor.statuses().map((s) => s.name)).toEqual(['AM b', 'Renamed']);

    await supervisor.reconcile([amConfig('b')]);
    expect(seen.stopped).toEqual(['a', 'a']);
    expect(supervisor.statuses().map((s) => s.id)).toEqual(['b']);
    seen.incidents.length = 0;
    await clock.advance(120_000);
    expect(seen.incidents).toEqual(['b:0', 'b:0', 'b:0', 'b:0']);
    supervisor.stop();
  });

  it('does not restart a source whose config differs only in key order', async () => {
    const { supervisor, seen, builtFor } = setup();
    const config = amConfig('a');
    await supervisor.reconcile([config]);
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as SourceConfig;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(config));
    await supervisor.reconcile([reordered]);
    expect(seen.stopped).toEqual([]);
    expect(builtFor('a')).toHaveLength(1);
    supervisor.stop();
  });

  it('restarts a source it is told to, with an equal config (its secrets changed)', async () => {
    const { supervisor, seen, builtFor } = setup();
    await supervisor.reconcile([amConfig('a')]);
    await supervisor.reconcile([amConfig('a')], new Set(['a']));
    expect(seen.stopped).toEqual(['a']);
    expect(builtFor('a')).toHaveLength(2);
    supervisor.stop();
  });

  it('polls the rotation as its own kind of task, which never decides health', async () => {
    const { clock, supervisor, seen, builtFor } = setup({ rotations: true });
    await supervisor.reconcile([amConfig('a')]);
    await clock.advance(0);
    const source = builtFor('a')[0] as ScriptedRotation;
    expect(seen.shifts).toEqual(['a:1']);

    source.shiftFailure = new SourceError('server', 'HTTP 502');
    await clock.advance(5 * 60_000);
    expect(source.shiftPolls).toBe(2);
    expect(seen.incidents).toHaveLength(11); // every 30 s, from 0 to 300 s
    expect(supervisor.statuses()).toMatchObject([{ id: 'a', health: 'ok' }]);
    // One status per source: the schedule task is a kind, not a source of its own.
    expect(supervisor.statuses()).toHaveLength(1);

    // A refresh of the source reads both; a quiet refresh after an action only the incidents.
    await supervisor.refresh('a');
    expect(source.shiftPolls).toBe(3);
    supervisor.pollIncidentsSoon('a');
    await clock.advance(0);
    expect(source.shiftPolls).toBe(3);
    supervisor.stop();
  });

  it('drops what a poll brings back after its source was replaced mid-poll', async () => {
    const { clock, supervisor, seen, builtFor } = setup();
    await supervisor.reconcile([amConfig('a')]);
    await clock.advance(0);
    const first = builtFor('a')[0]!;
    first.incidents = [anIncident({ sourceId: 'a' })];
    const poll = first.holdNextPoll();
    void supervisor.refresh('a');
    await supervisor.reconcile([amConfig('a', { name: 'Renamed' })]);
    poll.release();
    await clock.advance(0);
    expect(seen.incidents).toEqual(['a:0', 'a:0']);
    supervisor.stop();
  });

  it('shows what the last good poll left out, and how each replica answered', async () => {
    const { clock, supervisor, builtFor } = setup();
    await supervisor.reconcile([amConfig('a')]);
    await clock.advance(0);
    const source = builtFor('a')[0]!;
    source.notes = ['1 alert could not be read: labels: expected a set of string labels'];
    const replicas = [
      { url: '127.0.0.1:9093', answering: false, problem: 'cannot connect (ECONNREFUSED)' },
      { url: '127.0.0.1:9094', answering: true },
    ];
    source.replicas = replicas;
    await supervisor.refresh('a');
    expect(supervisor.statuses()[0]).toMatchObject({ health: 'ok', notes: source.notes, replicas });

    // A failed poll's notes would describe a list nobody sees; its replicas still matter.
    source.failure = new SourceError('unreachable', 'no replica answered');
    source.replicas = replicas.map((r) => ({ ...r, answering: false, problem: 'down' }));
    await supervisor.refresh('a');
    const failed = supervisor.statuses()[0]!;
    expect(failed).toMatchObject({ health: 'degraded', replicas: source.replicas });
    expect(failed.notes).toBeUndefined();

    source.failure = undefined;
    source.notes = [];
    source.replicas = replicas;
    await supervisor.refresh('a');
    expect(supervisor.statuses()[0]!.notes).toBeUndefined();
    supervisor.stop();
  });

  it('says a source is polling while the responder waits for it, not on every scheduled poll', async () => {
    const { clock, supervisor, builtFor } = setup();
    await supervisor.reconcile([amConfig('a')]);
    expect(supervisor.statuses()[0]!.polling).toBe(true); // its first poll
    await clock.advance(0);
    expect(supervisor.statuses()[0]!.polling).toBe(false);

    const poll = builtFor('a')[0]!.holdNextPoll();
    await clock.advance(30_000);
    expect(supervisor.statuses()[0]!.polling).toBe(false);
    poll.release();
    await clock.advance(0);

    const refreshed = builtFor('a')[0]!.holdNextPoll();
    const refresh = supervisor.refresh();
    expect(supervisor.statuses()[0]!.polling).toBe(true);
    refreshed.release();
    await refresh;
    expect(supervisor.statuses()[0]).toMatchObject({ polling: false, health: 'ok' });
    supervisor.stop();
  });
});
