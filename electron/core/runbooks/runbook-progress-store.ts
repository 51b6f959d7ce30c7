import { CoalescedJsonFile } from '../files/coalesced-json-file.js';
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { createEmitter } from '../../common/emitter.js';
import {
  emptyProgress,
  runbookProgressSchema,
  type PostedTranscript,
  type RunbookProgress,
  type StepProgress,
} from '../../common/model/runbook-progress.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';

const fileSchema = z.object({
  version: z.literal(1),
  incidents: z.record(
    z.string(),
    z.object({
      updatedAt: z.number(),
      runbooks: z.record(z.string(), runbookProgressSchema),
    }),
  ),
});
type ProgressFile = z.infer<typeof fileSchema>;

export interface ProgressChange {
  key: string;
  runbookId: string;
  progress: RunbookProgress;
}

interface ProgressStoreOptions {
  path: string;
  clock: Clock;
  log: Log;
  /** Incidents not touched for this long are forgotten. */
  keepForMs?: number;
  /** At most this many incidents are kept; the least recently touched go first. */
  maxIncidents?: number;
}

const defaultKeepForMs = 30 * 24 * 60 * 60_000;
const defaultMaxIncidents = 500;

/**
 * The responder's progress through runbooks, per incident: steps run with their exit codes,
 * checklist items ticked, transcripts sent. One JSON file in the data folder, replaced
 * atomically on every change (writes queue behind each other, so the last change always lands);
 * runbook files are never written.
 */
export class RunbookProgressStore {
  private readonly changes = createEmitter<ProgressChange>();
  private readonly file: CoalescedJsonFile;

  private constructor(
    private readonly options: ProgressStoreOptions,
    private data: ProgressFile,
  ) {
    this.file = new CoalescedJsonFile(
      options.path,
      'runbook progress',
      () => this.data,
      options.log,
    );
  }

  static async open(options: ProgressStoreOptions): Promise<RunbookProgressStore> {
    const data = await readProgress(options);
    const store = new RunbookProgressStore(options, data);
    store.prune();
    return store;
  }

  get(key: string, runbookId: string): RunbookProgress {
    const progress = this.data.incidents[key]?.runbooks[runbookId];
    return progress ? structuredClone(progress) : emptyProgress();
  }

  /** A step was sent to the terminal: one more run, under way (or of unknown end). */
  stepSent(key: string, runbookId: string, step: string, integrated: boolean): Promise<void> {
    return this.change(key, runbookId, (progress) => {
      const runs = (progress.steps[step]?.runs ?? 0) + 1;
      progress.steps[step] = {
        runs,
        state: integrated ? 'running' : 'unknown',
        startedAt: this.iso(),
      };
    });
  }

  /** The step's command finished (or its output started): how the last run went. */
  stepUpdated(
    key: string,
    runbookId: string,
    step: string,
    update: Pick<StepProgress, 'state' | 'exitCode' | 'endedAt'>,
  ): Promise<void> {
    return this.change(key, runbookId, (progress) => {
      const before = progress.steps[step];
      if (!before) return false;
      progress.steps[step] = {
        runs: before.runs,
        startedAt: before.startedAt,
        state: update.state,
        ...(update.exitCode !== undefined && { exitCode: update.exitCode }),
        ...(update.endedAt !== undefined && { endedAt: update.endedAt }),
      };
    });
  }

  tick(key: string, runbookId: string, item: string, ticked: boolean): Promise<void> {
    return this.change(key, runbookId, (progress) => {
      const has = progress.ticked.includes(item);
      if (has === ticked) return false;
      progress.ticked = ticked
        ? [...progress.ticked, item]
        : progress.ticked.filter((entry) => entry !== item);
    });
  }

  /** The transcript with this text's hash, if it was sent (or kept) already. */
  transcript(key: string, runbookId: string, hash: string): PostedTranscript | undefined {
    return this.data.incidents[key]?.runbooks[runbookId]?.transcripts.find((t) => t.hash === hash);
  }

  addTranscript(key: string, runbookId: string, posted: PostedTranscript): Promise<void> {
    return this.change(key, runbookId, (progress) => {
      progress.transcripts.push(posted);
    });
  }

  onChange(listener: (change: ProgressChange) => void): () => void {
    return this.changes.on(listener);
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  close(): Promise<void> {
    this.changes.clear();
    return this.flush();
  }

  /** Applies `edit` (which returns false when it changed nothing), announces it and saves. */
  private async change(
    key: string,
    runbookId: string,
    edit: (progress: RunbookProgress) => boolean | void,
  ): Promise<void> {
    const incident = (this.data.incidents[key] ??= { updatedAt: 0, runbooks: {} });
    const progress = (incident.runbooks[runbookId] ??= emptyProgress());
    if (edit(progress) === false) return;
    incident.updatedAt = this.options.clock.now();
    this.prune();
    this.changes.emit({ key, runbookId, progress: structuredClone(progress) });
    await this.file.save();
  }

  private prune(): void {
    const {
      clock,
      keepForMs = defaultKeepForMs,
      maxIncidents = defaultMaxIncidents,
    } = this.options;
    const oldest = clock.now() - keepForMs;
    const kept = Object.entries(this.data.incidents)
      .filter(([, incident]) => incident.updatedAt >= oldest)
      .sort(([, a], [, b]) => b.updatedAt - a.updatedAt)
      .slice(0, maxIncidents);
    if (kept.length !== Object.keys(this.data.incidents).length) {
      this.data.incidents = Object.fromEntries(kept);
    }
  }

  private iso(): string {
    return new Date(this.options.clock.now()).toISOString();
  }
}

/** The file, or a fresh start: a file that cannot be read is moved aside, never deleted. */
async function readProgress({ path, clock, log }: ProgressStoreOptions): Promise<ProgressFile> {
  const fresh: ProgressFile = { version: 1, incidents: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fresh;
    log.warn(`runbook progress could not be read from ${path}: ${String(error)}`);
    return fresh;
  }
  let parsed: ReturnType<typeof fileSchema.safeParse> | undefined;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success) return parsed.data;
  const aside = `${path}.corrupt-${new Date(clock.now()).toISOString().replaceAll(':', '-')}`;
  await rename(path, aside).catch(() => undefined);
  log.warn(`runbook progress in ${path} was unreadable; it was moved to ${aside}`);
  return fresh;
}
