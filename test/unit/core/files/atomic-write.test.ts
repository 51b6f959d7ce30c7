import type * as fs from 'node:fs/promises';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomically } from '../../../../electron/core/files/atomic-write.js';
import { makeTempDir } from '../../../support/temp-dir.js';

// The real file system, with a switch to make the rename (the commit point) fail or to watch
// what is flushed.
const faults = vi.hoisted(() => ({ failRename: false, synced: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (faults.failRename) throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
      return real.rename(from, to);
    },
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = () => {
        faults.synced.push(String(args[0]));
        return sync();
      };
      return handle;
    },
  };
});

let dir: { path: string; remove: () => Promise<void> };

beforeEach(async () => {
  dir = await makeTempDir('onwatch-atomic-');
  faults.failRename = false;
  faults.synced.length = 0;
});
afterEach(() => dir.remove());

describe('writeFileAtomically', () => {
  it('creates the file, private to the user, with nothing left beside it', async () => {
    const path = join(dir.path, 'journal.jsonl');
    await writeFileAtomically(path, 'first\n');
    expect(await readFile(path, 'utf8')).toBe('first\n');
    expect(await readdir(dir.path)).toEqual(['journal.jsonl']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('replaces the old content whole', async () => {
    const path = join(dir.path, 'settings.json');
    await writeFile(path, 'old');
    await writeFileAtomically(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('leaves the old content, and no temporary file, when it fails before the rename', async () => {
    const path = join(dir.path, 'settings.json');
    await writeFile(path, 'old');
    faults.failRename = true;
    await expect(writeFileAtomically(path, 'new')).rejects.toThrow('simulated crash');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir.path)).toEqual(['settings.json']);
  });

  it('flushes the new file, then the directory that names it', async () => {
    const path = join(dir.path, 'settings.json');
    await writeFileAtomically(path, 'new');
    expect(faults.synced).toHaveLength(process.platform === 'win32' ? 1 : 2);
    expect(faults.synced[0]).toMatch(/\.settings\.json\..+\.tmp$/);
    if (process.platform !== 'win32') expect(faults.synced[1]).toBe(dir.path);
  });
});
