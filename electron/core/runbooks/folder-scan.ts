import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundFile {
  path: string;
  /** Inside the folder, `/`-separated on every OS. */
  relativePath: string;
  mtimeMs: number;
  size: number;
}

export interface FolderContents {
  files: FoundFile[];
  /** Every directory read, the folder itself first: what a watcher must watch. */
  directories: string[];
}

/** Deep enough for a runbooks repo (`content/runbooks/<component>/`), bounded against loops. */
const maxDepth = 8;

/**
 * The Markdown files under `root`, sorted by path. Hidden entries, `_index.md`-style files
 * (a Hugo site's section pages), `node_modules` and symlinked directories are skipped.
 */
export async function scanFolder(root: string): Promise<FolderContents> {
  const files: FoundFile[] = [];
  const directories: string[] = [];
  const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
    directories.push(dir);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // The folder itself must be readable; a subfolder that vanished mid-scan is just gone.
      if (depth === 0) throw error;
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        if (
          entry.name.startsWith('.') ||
          entry.name.startsWith('_') ||
          entry.name === 'node_modules'
        ) {
          return;
        }
        const path = join(dir, entry.name);
        const relativePath = prefix + entry.name;
        if (entry.isDirectory()) {
          if (depth < maxDepth) await visit(path, `${relativePath}/`, depth + 1);
          return;
        }
        if (!/\.md$/i.test(entry.name) || !(entry.isFile() || entry.isSymbolicLink())) return;
        try {
          const info = await stat(path);
          if (info.isFile())
            files.push({ path, relativePath, mtimeMs: info.mtimeMs, size: info.size });
        } catch {
          // Deleted between readdir and stat, or a dangling link: not a runbook.
        }
      }),
    );
  };
  await visit(root, '', 0);
  files.sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  );
  return { files, directories };
}
