import { randomUUID } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { ScheduleView } from '../../common/contract/app-state.js';
import {
  coverRangeProblem,
  coverRequestSchema,
  providerPageSchema,
  type CoverRequest,
  type CoverView,
  type Teammate,
} from '../../common/model/cover.js';
import type { ActionContext } from '../../common/model/action.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { DurableOutbox, type OutboxItem } from '../outbox/durable-outbox.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { CoverageProvider, CoverTarget } from '../sources/coverage.js';
import { SourceError } from '../sources/source-error.js';
import { scheduleShowsCover } from './cover-confirmation.js';

/** One write to a provider: make a cover, or take it away. */
const coverEntrySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  coverId: z.string(),
  op: z.enum(['create', 'remove']),
  request: coverRequestSchema,
  requestedAt: z.number(),
});
type CoverEntry = z.infer<typeof coverEntrySchema>;

/** A cover Onwatch made (or is making), kept until it has ended or been removed. */
const coverRecordSchema = z.object({
  id: z.string(),
  request: coverRequestSchema,
  requestedAt: z.number(),
  /** The schedule poll has shown it. */
  confirmed: z.boolean(),
  /** Why the provider refused to make it (nothing exists there) or to remove it. */
  error: z.string().optional(),
  createFailed: z.boolean().optional(),
  unassignedPolicies: z.array(z.string()).optional(),
});
type CoverRecord = z.infer<typeof coverRecordSchema>;
const coverFileSchema = z.object({ covers: z.array(coverRecordSchema) });

export interface CoverDeskOptions {
  /** The outbox journal of cover writes. */
  journalPath: string;
  /** The covers made, so a restart still knows what it may remove and what awaits the schedule. */
  coversPath: string;
  clock: Clock;
  log: Log;
  /** The coverage of a running source, if it has any. */
  coverageOf(sourceId: string): { coverage: CoverageProvider; timeoutMs: number } | undefined;
  schedule(): ScheduleView;
  /** A write landed: read the source's schedule again, so the cover is confirmed (or not) soon. */
  pollShiftsSoon(sourceId: string): void;
  onChange(): void;
  random?: () => number;
  firstRetryMs?: number;
}

/**
 * Getting cover from the desktop. Each cover is checked against my shift, written down, sent
 * through its own outbox until the provider confirms it, and never created twice: after an
 * attempt whose answer was lost, the provider is asked for an identical override first. It
 * shows at once, awaiting the schedule until the next poll shows the covering person on call.
 */
export class CoverDesk {
  private outbox!: DurableOutbox<CoverEntry>;
  private covers = new Map<string, CoverRecord>();
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly options: CoverDeskOptions) {}

  static async open(options: CoverDeskOptions): Promise<CoverDesk> {
    const desk = new CoverDesk(options);
    desk.covers = await readCovers(options.coversPath, options.log);
    desk.outbox = await DurableOutbox.open<CoverEntry>({
      path: options.journalPath,
      clock: options.clock,
      log: options.log,
      entrySchema: coverEntrySchema,
      sameIntent: (pending, next) => pending.coverId === next.coverId && pending.op === next.op,
      deliver: (entry, context) => desk.deliver(entry, context),
      onChange: () => options.onChange(),
      onFailed: (item) => void desk.failed(item),
      ...(options.random ? { random: options.random } : {}),
      ...(options.firstRetryMs !== undefined ? { firstRetryMs: options.firstRetryMs } : {}),
    });
    return desk;
  }

  resume(): void {
    this.outbox.resume();
  }

  async teammates(
    sourceId: string,
    scheduleId: string,
    signal: AbortSignal,
  ): Promise<{ teammates: Teammate[]; unavailable?: string; providerPage?: string }> {
    const found = this.options.coverageOf(sourceId);
    if (!found) return { teammates: [], unavailable: notSupported };
    const unavailable = await found.coverage.whyNot(scheduleId, signal);
    if (unavailable) {
      const providerPage = this.providerPage(sourceId, scheduleId);
      return { teammates: [], unavailable, ...(providerPage ? { providerPage } : {}) };
    }
    return { teammates: await found.coverage.teammates(signal) };
  }

  /** Checks the request against my shift, writes it down and sends it. */
  async create(request: CoverRequest): Promise<{ coverId: string }> {
    const problem = this.problemWith(request);
    if (problem) throw new Error(problem);
    const same = [...this.covers.values()].find(
      (c) => !c.createFailed && isDeepStrictEqual(c.request, request),
    );
    if (same) return { coverId: same.id };
    const record: CoverRecord = {
      id: randomUUID(),
      request,
      requestedAt: this.options.clock.now(),
      confirmed: false,
    };
    this.covers.set(record.id, record);
    await this.save();
    const { requestedAt } = record;
    await this.outbox.enqueue({ coverId: record.id, op: 'create', request, requestedAt });
    return { coverId: record.id };
  }

  /**
   * Takes a cover away: one the provider refused is only forgotten; one that exists is deleted
   * (not started) or cut short (running) at the provider.
   */
  async remove(coverId: string): Promise<void> {
    const record = this.covers.get(coverId);
    if (!record) throw new Error('There is no such cover.');
    if (record.createFailed) {
      this.covers.delete(coverId);
      await this.save();
      this.options.onChange();
      return;
    }
    if (this.pendingOp(coverId) === 'create') {
      throw new Error('This cover is still being sent; remove it once the provider has it.');
    }
    record.error = undefined;
    await this.outbox.enqueue({
      coverId,
      op: 'remove',
      request: record.request,
      requestedAt: record.requestedAt,
    });
  }

  /** The schedule was polled: covers it now shows are confirmed, ended ones are forgotten. */
  async scheduleChanged(): Promise<void> {
    const { timeline } = this.options.schedule();
    const now = this.options.clock.now();
    let changed = false;
    for (const record of this.covers.values()) {
      if (Date.parse(record.request.end) <= now && !this.pendingOp(record.id)) {
        this.covers.delete(record.id);
        changed = true;
      } else if (
        !record.confirmed &&
        !record.createFailed &&
        // A create still being written down may already show (the read it asked for can come
        // back first); one being removed may not.
        this.pendingOp(record.id) !== 'remove'
      ) {
        if (scheduleShowsCover(record.request, timeline)) {
          record.confirmed = true;
          changed = true;
        }
      }
    }
    if (!changed) return;
    await this.save();
    this.options.onChange();
  }

  views(): CoverView[] {
    return [...this.covers.values()].map((record) => {
      const state = this.stateOf(record);
      const unfinished =
        state === 'failed' || !!record.unassignedPolicies?.length || !!record.error;
      const providerPage = unfinished
        ? this.providerPage(record.request.sourceId, record.request.scheduleId)
        : undefined;
      return {
        ...record.request,
        id: record.id,
        state,
        ...(record.error ? { error: record.error } : {}),
        ...(record.unassignedPolicies?.length
          ? { unassignedPolicies: record.unassignedPolicies }
          : {}),
        ...(providerPage ? { providerPage } : {}),
      };
    });
  }

  /** Only an https page is passed on: it becomes a link in the window. */
  private providerPage(sourceId: string, scheduleId: string): string | undefined {
    const page = this.options.coverageOf(sourceId)?.coverage.providerPage?.(scheduleId);
    return page && providerPageSchema.safeParse(page).success ? page : undefined;
  }

  async stop(): Promise<void> {
    await this.outbox.stop();
    await this.saving;
  }

  private stateOf(record: CoverRecord): CoverView['state'] {
    const op = this.pendingOp(record.id);
    if (op === 'create') return 'sending';
    if (op === 'remove') return 'removing';
    if (record.createFailed) return 'failed';
    return record.confirmed ? 'confirmed' : 'awaiting-schedule';
  }

  private pendingOp(coverId: string): CoverEntry['op'] | undefined {
    return this.outbox.pending().find((item) => item.coverId === coverId)?.op;
  }

  /** A cover is for one of my shifts on that schedule, within it, and not in the past. */
  private problemWith(request: CoverRequest): string | undefined {
    const found = this.options.coverageOf(request.sourceId);
    if (!found) return notSupported;
    const start = Date.parse(request.start);
    const end = Date.parse(request.end);
    const mine = this.options
      .schedule()
      .myShifts.filter(
        (s) =>
          s.sourceId === request.sourceId &&
          s.scheduleId === request.scheduleId &&
          Date.parse(s.start) <= start + 60_000 &&
          (s.end === undefined || Date.parse(s.end) > start),
      );
    if (mine.length === 0) return 'You have no shift on that schedule at that time.';
    if (request.coverUser.id === request.forUser.id) return 'Pick someone other than yourself.';
    return coverRangeProblem({ start, end }, mine[0]!, this.options.clock.now());
  }

  private async deliver(entry: CoverEntry, context: ActionContext): Promise<void> {
    const found = this.options.coverageOf(entry.request.sourceId);
    if (!found) throw new SourceError('rejected', 'its source has been removed or cannot cover');
    const target = targetOf(entry);
    const signal = AbortSignal.timeout(found.timeoutMs);
    if (entry.op === 'create') {
      // The last attempt may have reached the provider: an identical override is that one.
      const made =
        (context.mayHaveBeenSent ? await found.coverage.findCover(target, signal) : undefined) ??
        (await found.coverage.createCover(target, signal));
      const record = this.covers.get(entry.coverId);
      if (record) {
        record.unassignedPolicies = made.unassignedPolicies;
        await this.save();
      }
    } else {
      await found.coverage.removeCover(target, this.options.clock.now(), signal);
      this.covers.delete(entry.coverId);
      await this.save();
    }
    this.options.pollShiftsSoon(entry.request.sourceId);
  }

  private async failed(item: OutboxItem<CoverEntry>): Promise<void> {
    const record = this.covers.get(item.coverId);
    if (!record) return;
    record.error = item.lastError;
    if (item.op === 'create') record.createFailed = true;
    await this.save();
    this.options.onChange();
  }

  /** Writes are queued so two saves never interleave; each writes the whole list. */
  private save(): Promise<void> {
    const text = `${JSON.stringify({ covers: [...this.covers.values()] }, null, 2)}\n`;
    this.saving = this.saving
      .catch(() => undefined)
      .then(() => writeFileAtomically(this.options.coversPath, text));
    return this.saving;
  }
}

const notSupported =
  'This source cannot make overrides from Onwatch; add the cover at the provider.';

function targetOf(entry: CoverEntry): CoverTarget {
  const { request } = entry;
  return {
    coverId: entry.coverId,
    scheduleId: request.scheduleId,
    requestedAt: entry.requestedAt,
    start: Date.parse(request.start),
    end: Date.parse(request.end),
    coverUser: request.coverUser,
    forUser: request.forUser,
  };
}

async function readCovers(path: string, log: Log): Promise<Map<string, CoverRecord>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return new Map();
    throw error;
  }
  let parsed: ReturnType<typeof coverFileSchema.safeParse>;
  try {
    parsed = coverFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as typeof parsed;
  }
  if (!parsed.success) {
    // Kept aside, not overwritten: the provider still has the covers it names.
    const aside = `${path}.unreadable-${Date.now()}`;
    await rename(path, aside);
    log.warn(`covers ${path}: unreadable, moved to ${aside}; starting with none`);
    return new Map();
  }
  return new Map(parsed.data.covers.map((record) => [record.id, record]));
}
