import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces the file at `path` so that a crash or power cut leaves either the old content or
 * the new, never half of each: the text goes to a temporary file beside it (the same file
 * system, so the rename is atomic), is flushed to disk, renamed over the old file, and then
 * the directory is flushed so the rename itself survives. The file is private to the user.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  // Hidden and unique: two writers never share a temporary file, and a leftover is ignored.
  const tempPath = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const file = await open(tempPath, 'wx', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a rename in `dir` durable; Windows cannot open a directory to sync it. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
