import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { CommandError } from '../../common/contract/command-error.js';
import type {
  IncidentDraft,
  IncidentUpdateDraft,
  MaintenanceDraft,
  MaintenanceStep,
  PagingIncidentRef,
} from '../../common/model/status-page.js';
import type { ComponentCatalog } from '../../common/model/status-page-view.js';
import {
  checkIncidentDraft,
  checkIncidentUpdate,
  checkMaintenanceDraft,
  checkMaintenanceStep,
  type Checked,
} from '../../common/status-page/draft-checks.js';
import { DurableOutbox, type OutboxItem } from '../outbox/durable-outbox.js';
import {
  StatuspageWriter,
  statuspageEntrySchema,
  type StatuspageEntry,
  type StatuspageWrite,
  type StatuspageWriterOptions,
} from './statuspage-writer.js';

export type StatusPageWriteItem = OutboxItem<StatuspageEntry>;

/** Which page a write goes to, and what the page had when the responder filled the form. */
export interface WriteTarget {
  statusPageId: string;
  pageId: string;
  catalog: ComponentCatalog;
}

export interface StatusPageWritesOptions extends StatuspageWriterOptions {
  /** The journal of Statuspage writes (beside, not inside, the incident actions' one). */
  path: string;
  onChange(): void;
  onFailed?(item: StatusPageWriteItem): void;
  random?: () => number;
  firstRetryMs?: number;
}

/**
 * Every write to a status page, through the durable outbox: checked, written down, sent until
 * Statuspage confirms it, resumed after a crash, and never applied twice (StatuspageWriter).
 * A draft that fails its checks is refused at once with the issues by field, and nothing is
 * queued, so the form keeps it for the responder to fix.
 */
export class StatusPageWrites {
  private constructor(private readonly outbox: DurableOutbox<StatuspageEntry>) {}

  static async open(options: StatusPageWritesOptions): Promise<StatusPageWrites> {
    const { path, clock, log, onChange, onFailed, random, firstRetryMs } = options;
    const writer = new StatuspageWriter(options);
    const outbox = await DurableOutbox.open<StatuspageEntry>({
      path,
      clock,
      log,
      entrySchema: statuspageEntrySchema,
      sameIntent,
      deliver: writer.deliver,
      onChange,
      ...(onFailed ? { onFailed } : {}),
      ...(random ? { random } : {}),
      ...(firstRetryMs !== undefined ? { firstRetryMs } : {}),
    });
    return new StatusPageWrites(outbox);
  }

  /** Sends what a previous run left unconfirmed. */
  resume(): void {
    this.outbox.resume();
  }

  /** Declares a new public incident, optionally speaking for a paging incident. */
  async declare(
    target: WriteTarget,
    draft: IncidentDraft,
    pagingIncident?: PagingIncidentRef,
  ): Promise<StatusPageWriteItem> {
    const checked = passed(checkIncidentDraft(draft, target.catalog));
    return this.enqueue(target, {
      type: 'create-incident',
      key: randomUUID(),
      draft: checked,
      ...(pagingIncident ? { pagingIncident } : {}),
    });
  }

  /** A follow-up on an open incident (a resolve is one with status resolved). */
  async postUpdate(
    target: WriteTarget,
    incidentId: string,
    draft: IncidentUpdateDraft,
  ): Promise<StatusPageWriteItem> {
    const checked = passed(checkIncidentUpdate(draft, target.catalog));
    return this.enqueue(target, { type: 'update-incident', incidentId, draft: checked });
  }

  async scheduleMaintenance(
    target: WriteTarget,
    draft: MaintenanceDraft,
  ): Promise<StatusPageWriteItem> {
    const checked = passed(checkMaintenanceDraft(draft, target.catalog));
    return this.enqueue(target, {
      type: 'schedule-maintenance',
      key: randomUUID(),
      draft: checked,
    });
  }

  async advanceMaintenance(
    target: WriteTarget,
    incidentId: string,
    step: MaintenanceStep,
  ): Promise<StatusPageWriteItem> {
    const checked = passed(checkMaintenanceStep(step, target.catalog));
    return this.enqueue(target, { type: 'advance-maintenance', incidentId, step: checked });
  }

  retry(id: string): Promise<void> {
    return this.outbox.retry(id);
  }

  dismiss(id: string): Promise<void> {
    return this.outbox.dismiss(id);
  }

  /** Pending and failed writes, and recently confirmed ones, oldest first. */
  list(): StatusPageWriteItem[] {
    return this.outbox.list();
  }

  stop(): Promise<void> {
    return this.outbox.stop();
  }

  private enqueue(target: WriteTarget, write: StatuspageWrite): Promise<StatusPageWriteItem> {
    return this.outbox.enqueue({
      statusPageId: target.statusPageId,
      pageId: target.pageId,
      write,
    });
  }
}

/** The same write to the same page while one is pending (a double click) is one intent. */
function sameIntent(
  pending: StatuspageEntry,
  next: Omit<StatuspageEntry, 'id' | 'createdAt'>,
): boolean {
  return (
    pending.statusPageId === next.statusPageId &&
    pending.pageId === next.pageId &&
    isDeepStrictEqual(withoutKey(pending.write), withoutKey(next.write))
  );
}

/** A create's key is made per click; two clicks on one draft are still one intent. */
function withoutKey(write: StatuspageWrite): unknown {
  if (!('key' in write)) return write;
  const { key: _key, ...rest } = write;
  return rest;
}

function passed<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.draft;
  const first = checked.issues[0]!;
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new CommandError({
    code: 'invalid-request',
    message: `The draft needs fixing before it is posted (${where}${first.message}).`,
    issues: checked.issues,
  });
}
