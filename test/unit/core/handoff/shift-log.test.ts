import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ShiftLog } from '../../../../electron/core/handoff/shift-log.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function openLog(clock = new FakeClock()) {
  const dir = await makeTempDir();
  cleanup = dir.remove;
  const path = join(dir.path, 'shift-log.jsonl');
  return { clock, path, shiftLog: await ShiftLog.open({ path, clock, log: silentLog }) };
}

describe('ShiftLog', () => {
  it('keeps every line of a storm, in order, including those added while an append is under way', async () => {
    const { clock, path, shiftLog } = await openLog();
    const pages = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        type: 'new' as const,
        incident: anIncident({ externalId: `storm-${from + i}` }),
      }));
    shiftLog.incidentEvents(pages(0, 5000));
    await Promise.resolve(); // the first append has begun
    shiftLog.incidentEvents(pages(5000, 5000));
    await clock.advance(1000);
    await shiftLog.stop();

    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { t: string; key?: string });
    expect(entries).toHaveLength(10_002);
    expect(entries[0]!.t).toBe('started');
    expect(entries.at(-1)!.t).toBe('stopped');
    const keys = entries.slice(1, -1).map((entry) => entry.key);
    expect(keys).toEqual(pages(0, 10_000).map(({ incident }) => incident.key));
  });

  it('writes each moment once, however often a poll repeats it, and reads it back after a restart', async () => {
    const { clock, path, shiftLog } = await openLog();
    const page = anIncident({ externalId: 'p1', createdAt: new Date(clock.now()).toISOString() });
    shiftLog.incidentEvents([{ type: 'new', incident: page }]);
    shiftLog.incidentEvents([{ type: 'new', incident: page }]); // the snapshot after a restart
    await clock.advance(4 * 60_000);
    const acked = {
      ...page,
      status: 'acknowledged' as const,
      acknowledgedAt: new Date(clock.now()).toISOString(),
      assignees: ['Ana'],
    };
    shiftLog.incidentEvents([{ type: 'changed', incident: acked, previous: page }]);
    shiftLog.incidentEvents([{ type: 'changed', incident: acked, previous: acked }]);
    const source = {
      id: 'am',
      name: 'Alertmanager',
      kind: 'alertmanager',
      consecutiveFailures: 3,
      polling: true,
    };
    shiftLog.sourcesChanged([{ ...source, health: 'blind', lastError: 'refused' }]);
    shiftLog.sourcesChanged([{ ...source, health: 'blind', lastError: 'refused' }]);
    await clock.advance(60_000);
    shiftLog.sourcesChanged([{ ...source, health: 'ok' }]);
    shiftLog.incidentEvents([{ type: 'resolved', incident: acked }]);
    await shiftLog.stop();

    const kinds = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { t: string }).t);
    expect(kinds).toEqual(['started', 'page', 'ack', 'blind', 'seen', 'resolved', 'stopped']);
    const again = await ShiftLog.open({ path, clock, log: silentLog });
    expect(again.entries().map((e) => e.t)).toEqual([...kinds, 'started']);
    // What it knew survives: the same poll after the restart adds nothing.
    again.incidentEvents([{ type: 'resolved', incident: acked }]);
    expect(again.entries()).toHaveLength(kinds.length + 1);
    await again.stop();
  });

  it('skips a line cut short by a crash and keeps the rest', async () => {
    const { clock, path, shiftLog } = await openLog();
    await shiftLog.stop();
    const { appendFile } = await import('node:fs/promises');
    await appendFile(path, '{"t":"page","at":1,"ke');
    const again = await ShiftLog.open({ path, clock, log: silentLog });
    expect(again.entries().map((e) => e.t)).toEqual(['started', 'stopped', 'started']);
    await again.stop();
  });
});
