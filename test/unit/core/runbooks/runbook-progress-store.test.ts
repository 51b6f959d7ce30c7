import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { RunbookProgressStore } from '../../../../electron/core/runbooks/runbook-progress-store.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { makeTempDir } from '../../../support/temp-dir.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let clock: FakeClock;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir();
  clock = new FakeClock();
  path = join(dir.path, 'runbook-progress.json');
});
afterEach(() => dir.remove());

const open = (options: { maxIncidents?: number; keepForMs?: number } = {}) =>
  RunbookProgressStore.open({ path, clock, log: silentLog, ...options });

describe('RunbookProgressStore', () => {
  it('keeps runs, exit codes, ticks and transcripts per incident and runbook across restarts', async () => {
    const store = await open();
    const changes: unknown[] = [];
    store.onChange((change) => changes.push(change));
    await store.stepSent('pd:1', 'rb', 'check', true);
    await store.stepUpdated('pd:1', 'rb', 'check', {
      state: 'finished',
      exitCode: 0,
      endedAt: '2026-11-22T09:00:05.000Z',
    });
    await store.stepSent('pd:1', 'rb', 'check', true);
    await store.tick('pd:1', 'rb', 'check/oom', true);
    await store.tick('pd:1', 'rb', 'check/disk', true);
    await store.tick('pd:1', 'rb', 'check/oom', false);
    await store.addTranscript('pd:1', 'rb', {
      hash: 'h1',
      at: 'now',
      delivery: 'note',
      actionId: 'a1',
    });
    await store.close();
    expect(changes).toHaveLength(7);

    const again = await open();
    expect(again.get('pd:1', 'rb')).toEqual({
      steps: { check: { runs: 2, state: 'running', startedAt: '2026-11-22T09:00:00.000Z' } },
      ticked: ['check/disk'],
      transcripts: [{ hash: 'h1', at: 'now', delivery: 'note', actionId: 'a1' }],
    });
    expect(again.transcript('pd:1', 'rb', 'h1')?.actionId).toBe('a1');
    expect(again.get('pd:1', 'other')).toEqual({ steps: {}, ticked: [], transcripts: [] });
    // Written whole each time: no temporary files left beside it.
    expect(await readdir(dir.path)).toEqual(['runbook-progress.json']);
  });

  it('announces nothing and writes nothing for a change that changes nothing', async () => {
    const store = await open();
    const changes: unknown[] = [];
    store.onChange((change) => changes.push(change));
    await store.tick('pd:1', 'rb', 'check/oom', false);
    await store.stepUpdated('pd:1', 'rb', 'never-sent', { state: 'finished', exitCode: 1 });
    await store.flush();
    expect(changes).toEqual([]);
  });

  it('forgets incidents untouched for the keep time, and the oldest past the cap', async () => {
    const store = await open({ maxIncidents: 2, keepForMs: 60_000 });
    await store.tick('a', 'rb', 's/i', true);
    await clock.advance(1_000);
    await store.tick('b', 'rb', 's/i', true);
    await clock.advance(1_000);
    await store.tick('c', 'rb', 's/i', true);
    expect(store.get('a', 'rb').ticked).toEqual([]);
    expect(store.get('b', 'rb').ticked).toEqual(['s/i']);
    await clock.advance(120_000);
    await store.tick('d', 'rb', 's/i', true);
    expect(store.get('b', 'rb').ticked).toEqual([]);
    expect(store.get('c', 'rb').ticked).toEqual([]);
    await store.close();
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).incidents)).toEqual(['d']);
  });

  it('moves an unreadable file aside and starts afresh', async () => {
    await writeFile(path, '{"version": 1, "incidents": {"x": "not progress"}}');
    const store = await open();
    expect(store.get('x', 'rb').steps).toEqual({});
    const files = await readdir(dir.path);
    expect(files.some((file) => file.startsWith('runbook-progress.json.corrupt-'))).toBe(true);
    await store.close();
  });
});
