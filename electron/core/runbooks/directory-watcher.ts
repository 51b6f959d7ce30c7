import { watch, type FSWatcher } from 'node:fs';

/**
 * Watches a set of directories, one non-recursive `fs.watch` each (recursive watching is not
 * on every platform Onwatch runs on). Any event in any of them calls `changed`: the caller
 * reads its folders again, so adds, edits, deletes and renames are all the same to it.
 */
export class DirectoryWatcher {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(private readonly changed: () => void) {}

  /**
   * Watches exactly `directories`. Returns how many it started watching (a file written into one
   * before its watch began was missed, so the caller reads once more) and a message for each
   * it cannot watch.
   */
  watchOnly(directories: readonly string[]): { added: number; problems: string[] } {
    const wanted = new Set(directories);
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    const problems: string[] = [];
    let added = 0;
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, () => this.changed());
        // A watched directory that is deleted errors on some platforms; the next read notices.
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
          this.changed();
        });
        this.watchers.set(dir, watcher);
        added++;
      } catch (error) {
        problems.push(
          `${dir} cannot be watched (${(error as Error).message}); edits show after a restart`,
        );
      }
    }
    return { added, problems };
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
