import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog, type Log } from '../../../../electron/core/ports/log.js';
import { LocalAckStore } from '../../../../electron/core/sources/local-ack-store.js';
import { LocalAcks } from '../../../../electron/core/sources/local-acks.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { makeTempDir } from '../../../support/temp-dir.js';

describe('acks kept by Onwatch', () => {
  it('keeps the first ack’s time, and forgets a check once it is no longer failing', async () => {
    const clock = new FakeClock();
    const acks = new LocalAcks(clock);
    acks.ack('a');
    await clock.advance(60_000);
    acks.ack('a');
    acks.ack('b');
    expect(acks.at('a')).toBe('2026-11-22T09:00:00.000Z');
    acks.keepOnly(['a', 'c']);
    expect([acks.at('a'), acks.at('b'), acks.at('c')]).toEqual([
      '2026-11-22T09:00:00.000Z',
      undefined,
      undefined,
    ]);
  });
});

describe('acks kept across a restart', () => {
  const open = (path: string, clock: FakeClock, log: Log = silentLog) =>
    LocalAckStore.open({ path, clock, log });

  it('come back for a source that starts again, and go once the check recovers', async () => {
    const dir = await makeTempDir();
    const path = join(dir.path, 'monitor-acks.json');
    const clock = new FakeClock();
    const firstStore = await open(path, clock);
    const first = new LocalAcks(clock, { store: firstStore, sourceId: 'hc' });
    first.ack('backup');
    first.ack('invoices');
    first.keepOnly(['backup', 'invoices']);

    await firstStore.flush();
    const reopened = await open(path, clock);
    const again = new LocalAcks(clock, { store: reopened, sourceId: 'hc' });
    expect(again.at('backup')).toBe('2026-11-22T09:00:00.000Z');
    expect(new LocalAcks(clock, { store: reopened, sourceId: 'other' }).at('backup')).toBe(
      undefined,
    );

    again.keepOnly(['invoices']);
    await reopened.flush();
    const third = new LocalAcks(clock, { store: await open(path, clock), sourceId: 'hc' });
    expect([third.at('backup'), third.at('invoices')]).toEqual([
      undefined,
      '2026-11-22T09:00:00.000Z',
    ]);
    await dir.remove();
  });

  it('drops a removed source’s acks, and moves an unreadable file aside rather than lose it', async () => {
    const dir = await makeTempDir();
    const path = join(dir.path, 'monitor-acks.json');
    const clock = new FakeClock();
    const store = await open(path, clock);
    new LocalAcks(clock, { store, sourceId: 'gone' }).ack('x');
    store.keepSources(new Set(['kept']));
    await store.flush();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, sources: {} });

    await writeFile(path, '{"version": 1, "sources": {"hc": ["not", "a", "map"]}}');
    const warnings: string[] = [];
    const fresh = await open(path, clock, { ...silentLog, warn: (m) => warnings.push(m) });
    expect(fresh.get('hc').size).toBe(0);
    expect(warnings).toEqual([
      expect.stringMatching(/unreadable; the file was moved to .*corrupt-/),
    ]);
    const files = await readdir(dir.path);
    expect(files.some((name) => name.startsWith('monitor-acks.json.corrupt-'))).toBe(true);
    await dir.remove();
  });
});
