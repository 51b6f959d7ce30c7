import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createEmitter } from '../../common/emitter.js';
import type {
  RenderedRunbook,
  RunbookMatch,
  RunbookOrigin,
  RunbookProblem,
  RunbookSummary,
} from '../../common/model/runbook.js';
import { systemClock, type Clock, type TimerHandle } from '../ports/clock.js';
import { silentLog, type Log } from '../ports/log.js';
import { DirectoryWatcher } from './directory-watcher.js';
import { scanFolder, type FoundFile } from './folder-scan.js';
import { RunbookFileError } from './front-matter.js';
import type { IncidentFacts } from './incident-facts.js';
import { parseRunbook } from './parse-runbook.js';
import { renderRunbook } from './render-runbook.js';
import type { RunbookFolder } from './runbook-folders.js';
import type { Runbook } from './runbook.js';
import { draftRunbook } from './runbook-draft.js';
import { indexRunbooks, matchRunbooks, type RunbookIndex } from './runbook-matching.js';

export interface FolderStatus {
  path: string;
  origin: RunbookOrigin;
  state: 'ok' | 'missing' | 'unreadable';
  /** Why it is missing or unreadable, or that it is not watched. */
  message?: string;
  files: number;
}

export interface RunbookLibraryOptions {
  folders: readonly RunbookFolder[];
  log?: Log;
  clock?: Clock;
  /** Quiet time after a file event before the folders are read again (editors write in bursts). */
  debounceMs?: number;
  watch?: boolean;
}

/** Larger than any runbook; a file this big is a mistake, not something to parse. */
const maxFileBytes = 1024 * 1024;
/** Files read at once: enough to hide disk latency, few enough not to exhaust descriptors. */
const readConcurrency = 32;

interface Loaded {
  mtimeMs: number;
  size: number;
  result: Runbook | RunbookProblem;
}

/**
 * Every runbook Onwatch knows: the folders from settings, then the drill's shipped with the
 * app. Files are watched and read again when they change; a file that does not load is listed
 * with its error and never keeps the others from loading.
 */
export class RunbookLibrary {
  private folders: readonly RunbookFolder[];
  private readonly log: Log;
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly watcher?: DirectoryWatcher;
  private readonly changed = createEmitter();
  /** Per folder path, per file path: the last reading, kept while the file is unchanged. */
  private cache = new Map<string, Map<string, Loaded>>();
  private statuses: FolderStatus[] = [];
  private runbooks: Runbook[] = [];
  private byId = new Map<string, Runbook>();
  private fileProblems: RunbookProblem[] = [];
  private index: RunbookIndex = indexRunbooks([]);
  private timer?: TimerHandle;
  private reloading?: Promise<void>;
  private reloadAgain = false;
  private closed = false;

  private constructor(options: RunbookLibraryOptions) {
    this.folders = options.folders;
    this.log = options.log ?? silentLog;
    this.clock = options.clock ?? systemClock;
    this.debounceMs = options.debounceMs ?? 150;
    if (options.watch !== false) this.watcher = new DirectoryWatcher(() => this.scheduleReload());
  }

  static async open(options: RunbookLibraryOptions): Promise<RunbookLibrary> {
    const library = new RunbookLibrary(options);
    await library.reload();
    return library;
  }

  list(): RunbookSummary[] {
    return this.runbooks.map((runbook) => ({
      id: runbook.id,
      title: runbook.title,
      path: runbook.path,
      origin: runbook.origin,
      steps: runbook.steps.length,
      match: runbook.match.map((entry) => entry.map((matcher) => matcher.text).join(', ')),
      runbookUrls: runbook.runbookUrls,
    }));
  }

  problems(): RunbookProblem[] {
    return this.fileProblems;
  }

  folderStatuses(): FolderStatus[] {
    return this.statuses;
  }

  get(id: string): Runbook | undefined {
    return this.byId.get(id);
  }

  /** The runbooks for an incident; with none, its link to open and a draft to offer. */
  match(facts: IncidentFacts): RunbookMatch {
    const candidates = matchRunbooks(this.index, facts);
    if (candidates.length > 0) return { candidates };
    return {
      candidates,
      ...(facts.runbookUrls[0] !== undefined && { runbookUrl: facts.runbookUrls[0] }),
      draft: draftRunbook(facts),
    };
  }

  render(id: string, facts: IncidentFacts): RenderedRunbook | undefined {
    const runbook = this.byId.get(id);
    return runbook && renderRunbook(runbook, facts);
  }

  /** Where "Create a runbook" writes: the first folder the user listed. */
  draftFolder(): string | undefined {
    return this.folders.find((folder) => folder.origin === 'user')?.path;
  }

  /** Called after every reload that changed what is loaded or listed. */
  onChange(listener: () => void): () => void {
    return this.changed.on(listener);
  }

  async setFolders(folders: readonly RunbookFolder[]): Promise<void> {
    this.folders = folders;
    await this.reload();
  }

  /** Reads the folders again; concurrent calls share one reading, and one more follows if asked. */
  async reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.readFolders();
      } while (this.reloadAgain && !this.closed);
    })().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.watcher?.close();
    this.changed.clear();
  }

  private scheduleReload(): void {
    if (this.closed) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.reload().catch((error) => this.log.error(`runbooks: reload failed: ${String(error)}`));
    }, this.debounceMs);
  }

  private async readFolders(): Promise<void> {
    const cache = new Map<string, Map<string, Loaded>>();
    const statuses: FolderStatus[] = [];
    const watched: string[] = [];
    let changed = false;
    for (const folder of this.folders) {
      const previous = this.cache.get(folder.path) ?? new Map<string, Loaded>();
      let files: FoundFile[];
      try {
        const contents = await scanFolder(folder.path);
        files = contents.files;
        // Shipped runbooks change only with the app (and cannot be watched inside an asar).
        if (folder.origin === 'user') watched.push(...contents.directories);
        statuses.push({
          path: folder.path,
          origin: folder.origin,
          state: 'ok',
          files: files.length,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const missing = code === 'ENOENT' || code === 'ENOTDIR';
        statuses.push({
          path: folder.path,
          origin: folder.origin,
          state: missing ? 'missing' : 'unreadable',
          message: missing ? 'the folder does not exist yet' : (error as Error).message,
          files: 0,
        });
        // Watching the parent notices the folder when it is created.
        if (missing && folder.origin === 'user') watched.push(dirname(folder.path));
        files = [];
      }
      const loaded = new Map<string, Loaded>();
      const stale = files.filter((file) => {
        const before = previous.get(file.path);
        if (before && before.mtimeMs === file.mtimeMs && before.size === file.size) {
          loaded.set(file.path, before);
          return false;
        }
        return true;
      });
      await forEachLimited(stale, readConcurrency, async (file) => {
        loaded.set(file.path, {
          mtimeMs: file.mtimeMs,
          size: file.size,
          result: await load(file, folder),
        });
      });
      changed ||= stale.length > 0 || loaded.size !== previous.size;
      // Scan order, so which of two files with one id wins does not depend on read timing.
      cache.set(folder.path, new Map(files.map((file) => [file.path, loaded.get(file.path)!])));
    }
    if (this.closed) return;
    if (this.watcher) {
      const { added, problems } = this.watcher.watchOnly([...new Set(watched)]);
      for (const problem of problems) this.log.warn(`runbooks: ${problem}`);
      if (added > 0) this.scheduleReload();
    }
    changed ||=
      JSON.stringify(statuses) !== JSON.stringify(this.statuses) || cache.size !== this.cache.size;
    this.cache = cache;
    this.statuses = statuses;
    if (changed) {
      this.assemble();
      this.changed.emit();
    }
  }

  /** Runbooks in folder order; a second file with an id already taken is listed as a problem. */
  private assemble(): void {
    const runbooks: Runbook[] = [];
    const byId = new Map<string, Runbook>();
    const problems: RunbookProblem[] = [];
    for (const folder of this.folders) {
      for (const { result } of this.cache.get(folder.path)?.values() ?? []) {
        if (!('id' in result)) {
          problems.push(result);
        } else if (byId.has(result.id)) {
          problems.push({
            path: result.path,
            message: `the id "${result.id}" is already used by ${byId.get(result.id)!.path}`,
          });
        } else {
          byId.set(result.id, result);
          runbooks.push(result);
        }
      }
    }
    this.runbooks = runbooks;
    this.byId = byId;
    this.fileProblems = problems;
    this.index = indexRunbooks(runbooks);
    if (problems.length > 0) this.log.warn(`runbooks: ${problems.length} file(s) did not load`);
  }
}

async function load(file: FoundFile, folder: RunbookFolder): Promise<Runbook | RunbookProblem> {
  try {
    if (file.size > maxFileBytes) {
      return { path: file.path, message: `the file is larger than ${maxFileBytes / 1024} KiB` };
    }
    const text = await readFile(file.path, 'utf8');
    return parseRunbook(text, {
      path: file.path,
      relativePath: file.relativePath,
      origin: folder.origin,
      repo: folder.repo?.toLowerCase(),
    });
  } catch (error) {
    const line = error instanceof RunbookFileError ? error.line : undefined;
    return {
      path: file.path,
      ...(line !== undefined && { line }),
      message: (error as Error).message,
    };
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
