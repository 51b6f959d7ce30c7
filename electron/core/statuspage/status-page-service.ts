import { join } from 'node:path';
import { CommandError } from '../../common/contract/command-error.js';
import type {
  StatusPageReminder,
  StatusPagesState,
} from '../../common/contract/status-page-state.js';
import type { Incident } from '../../common/model/incident.js';
import type {
  IncidentDraft,
  IncidentUpdateDraft,
  MaintenanceDraft,
  MaintenanceStep,
  PagingIncidentRef,
} from '../../common/model/status-page.js';
import type { StatusPageConfig } from '../../common/model/status-page-config.js';
import type { StatusPageView } from '../../common/model/status-page-view.js';
import { resolveDraft } from '../../common/status-page/incident-form.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import type { SecretStore } from '../ports/secret-store.js';
import { SharedLimits } from '../sources/rate-limit/shared-limits.js';
import { StatusPageConnections } from './status-page-connections.js';
import { StatusPageLinks } from './status-page-links.js';
import { StatusPageReads } from './status-page-reads.js';
import { StatusPageReminderAlerts } from './status-page-reminder-alerts.js';
import { planStatusPageReminders } from './status-page-reminders.js';
import { statusPageWriteViews } from './status-page-write-views.js';
import { StatusPageWrites, type WriteTarget } from './status-page-writes.js';
import type { BudgetPolicy } from './statuspage-budget.js';
import type { WriteConfirmation } from './statuspage-writer.js';

export interface StatusPageServiceOptions {
  clock: Clock;
  log: Log;
  secrets: SecretStore;
  /** Where the outbox journal and the links live. */
  dataDir: string;
  notifier?: Notifier;
  /** The pages to connect now: the settings' and, while the drill plays, the practice page. */
  configs(): readonly StatusPageConfig[];
  /** The paging incidents open now, in any order. */
  openIncidents(): readonly Incident[];
  /** Sources whose incidents are practice (the drill). */
  practiceSourceIds(): ReadonlySet<string>;
  /** Shows a paging incident in every window (a reminder was clicked). */
  openIncident(key: string): void;
  onChange(): void;
  random?: () => number;
  /** Tests shorten the read schedule and the outbox's first retry, and scale the budget. */
  readIntervals?: { idleMs: number; linkedMs: number };
  firstRetryMs?: number;
  budget?: BudgetPolicy;
}

export type StatusPageWriteRef = { writeId: string };

/**
 * The status pages, as one room of the core: each connected page read on a slow schedule within
 * its key's budget, every write through the Statuspage outbox (statuspage-outbox.jsonl), the
 * links between paging and status-page incidents (statuspage-links.json), and the reminders
 * that follow from them, raised as low-urgency notifications and shown in the window.
 */
export class StatusPageService {
  private reminders: StatusPageReminder[] = [];
  private reminderTimer?: TimerHandle;
  /** Link updates one after another, so two never read and write the file over each other. */
  private linkWork: Promise<void> = Promise.resolve();
  /** Reconciles one after another, so two never build a connection for the same page. */
  private reconciling: Promise<void> = Promise.resolve();
  private stopped = false;
  /** A note of which paging incidents are open is waiting for its turn with the links. */
  private pagingChangeQueued = false;

  private constructor(
    private readonly options: StatusPageServiceOptions,
    readonly connections: StatusPageConnections,
    private readonly links: StatusPageLinks,
    private readonly reads: StatusPageReads,
    private readonly writes: StatusPageWrites,
    private readonly alerts: StatusPageReminderAlerts,
  ) {}

  static async open(options: StatusPageServiceOptions): Promise<StatusPageService> {
    const { clock, log, secrets, dataDir, onChange } = options;
    const connections = new StatusPageConnections({
      clock,
      secrets,
      limits: new SharedLimits(),
      ...(options.budget ? { budget: options.budget } : {}),
    });
    const links = await StatusPageLinks.open(join(dataDir, 'statuspage-links.json'), log);
    // The service exists only once every part does; the callbacks below run later.
    const late: { service?: StatusPageService } = {};
    const reads = new StatusPageReads({
      clock,
      log,
      apiFor: (id) => connections.apiFor(id),
      problemOf: (id) => connections.problemOf(id),
      hasOpenLinks: (id) => links.all().some((l) => l.statusPageId === id && !closed.has(l.status)),
      onView: (view) => late.service!.viewArrived(view),
      onChange,
      ...(options.readIntervals ? { intervals: options.readIntervals } : {}),
    });
    const writes = await StatusPageWrites.open({
      path: join(dataDir, 'statuspage-outbox.jsonl'),
      clock,
      log,
      apiFor: (id) => connections.apiFor(id),
      onConfirmed: (confirmation) => late.service!.confirmed(confirmation),
      // A declare queued or failed changes which reminders are due.
      onChange: () => (late.service ? late.service.replan() : onChange()),
      ...(options.random ? { random: options.random } : {}),
      ...(options.firstRetryMs !== undefined ? { firstRetryMs: options.firstRetryMs } : {}),
    });
    const alerts = new StatusPageReminderAlerts(options.notifier, {
      resolve: (reminder) => {
        late
          .service!.resolve(reminder.statusPageId, reminder.incidentId)
          .catch((error: unknown) => {
            log.error(`status page reminder: resolving failed: ${String(error)}`);
          });
      },
      open: (key) => options.openIncident(key),
    });
    late.service = new StatusPageService(options, connections, links, reads, writes, alerts);
    return late.service;
  }

  /** Connects the configured pages and sends what a previous run left unconfirmed. */
  async start(): Promise<void> {
    await this.reconcile();
    this.writes.resume();
  }

  /** Brings the connections and reads in step with the configs; new or changed pages read now. */
  reconcile(): Promise<void> {
    const next = this.reconciling.then(() => this.reconcileNow());
    this.reconciling = next.catch(() => {});
    return next;
  }

  private async reconcileNow(): Promise<void> {
    if (this.stopped) return;
    const configs = this.options.configs();
    const rebuilt = await this.connections.reconcile(configs);
    const added = this.reads.setPages(
      configs.map((config) => ({
        id: config.id,
        name: config.name,
        practice: config.kind === 'practice',
        pageId: config.kind === 'practice' ? 'practice' : config.pageId,
      })),
    );
    for (const id of new Set([...rebuilt, ...added])) void this.reads.refresh(id);
    this.replan();
  }

  refresh(id?: string): Promise<void> {
    return this.reads.refresh(id);
  }

  state(): StatusPagesState {
    return {
      // In the schema's order, as the window's parsed copy has it.
      pages: this.reads.list().map(({ id, name, practice, ...rest }) => ({
        id,
        name,
        practice,
        mappings: this.options.configs().find((c) => c.id === id)?.mappings ?? [],
        ...rest,
      })),
      writes: statusPageWriteViews(this.writes.list()),
      links: this.links.all().map((link) => ({
        pagingIncidentKey: link.pagingIncidentKey,
        pagingTitle: link.pagingTitle,
        statusPageId: link.statusPageId,
        incidentId: link.incidentId,
        incidentName: link.incidentName,
        status: link.status,
        ...(link.pagingResolvedAt !== undefined
          ? { pagingResolvedAt: new Date(link.pagingResolvedAt).toISOString() }
          : {}),
      })),
      reminders: this.reminders,
    };
  }

  async declare(
    statusPageId: string,
    draft: IncidentDraft,
    pagingIncident?: PagingIncidentRef,
  ): Promise<StatusPageWriteRef> {
    const item = await this.writes.declare(this.target(statusPageId), draft, pagingIncident);
    return { writeId: item.id };
  }

  async postUpdate(
    statusPageId: string,
    incidentId: string,
    draft: IncidentUpdateDraft,
  ): Promise<StatusPageWriteRef> {
    const item = await this.writes.postUpdate(this.target(statusPageId), incidentId, draft);
    return { writeId: item.id };
  }

  /** Resolved, every linked component operational, in the default words. */
  async resolve(statusPageId: string, incidentId: string): Promise<StatusPageWriteRef> {
    const incident = this.view(statusPageId).openIncidents.find((i) => i.id === incidentId);
    if (!incident) {
      throw new CommandError({
        code: 'failed',
        message: 'That incident is not open on the status page (any more); refresh to see it.',
      });
    }
    return this.postUpdate(statusPageId, incidentId, resolveDraft(incident));
  }

  async scheduleMaintenance(
    statusPageId: string,
    draft: MaintenanceDraft,
  ): Promise<StatusPageWriteRef> {
    const item = await this.writes.scheduleMaintenance(this.target(statusPageId), draft);
    return { writeId: item.id };
  }

  async advanceMaintenance(
    statusPageId: string,
    incidentId: string,
    step: MaintenanceStep,
  ): Promise<StatusPageWriteRef> {
    const target = this.target(statusPageId);
    const item = await this.writes.advanceMaintenance(target, incidentId, step);
    return { writeId: item.id };
  }

  retryWrite(id: string): Promise<void> {
    return this.writes.retry(id);
  }

  dismissWrite(id: string): Promise<void> {
    return this.writes.dismiss(id);
  }

  /** The paging incidents changed: links note which resolved, reminders follow. */
  pagingIncidentsChanged(): void {
    // Read when the links' turn comes: the changes of one storm or one burst of acks are then
    // noted once, with the incidents as they are by then; the reminders are planned again after.
    if (this.pagingChangeQueued) return;
    this.pagingChangeQueued = true;
    void this.updateLinks(async () => {
      this.pagingChangeQueued = false;
      if (this.links.all().length === 0) return;
      const open = new Set(
        this.options
          .openIncidents()
          .filter((i) => i.status !== 'resolved')
          .map((i) => i.key),
      );
      await this.links.notePagingIncidents(open, this.options.clock.now());
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reconciling;
    if (this.reminderTimer) this.options.clock.clearTimeout(this.reminderTimer);
    this.alerts.stop();
    this.reads.stop();
    await this.writes.stop();
    await this.linkWork;
    this.connections.stop();
  }

  private view(statusPageId: string): StatusPageView {
    const view = this.reads.view(statusPageId);
    if (!view) {
      throw new CommandError({
        code: 'failed',
        message: 'This status page has not been read yet; wait for it, or check its connection.',
      });
    }
    return view;
  }

  /** What the checks of a write need: the page's components as last read. */
  private target(statusPageId: string): WriteTarget {
    const view = this.view(statusPageId);
    return { statusPageId, pageId: view.pageId, catalog: view.catalog };
  }

  private viewArrived(view: StatusPageView): Promise<void> {
    return this.updateLinks(() => this.links.noteView(view));
  }

  /** A confirmed declare links the two incidents; the page is read again to show the write. */
  private async confirmed({ entry, incident }: WriteConfirmation): Promise<void> {
    const { write } = entry;
    if (write.type === 'create-incident' && write.pagingIncident) {
      const { key, title } = write.pagingIncident;
      await this.updateLinks(() =>
        this.links.link({
          pagingIncidentKey: key,
          pagingTitle: title,
          statusPageId: entry.statusPageId,
          pageId: entry.pageId,
          incidentId: incident.id,
          incidentName: incident.name,
          status: incident.status,
        }),
      );
    }
    void this.reads.refresh(entry.statusPageId);
  }

  private updateLinks(change: () => Promise<void>): Promise<void> {
    const next = this.linkWork.then(change).then(
      () => this.replan(),
      (error: unknown) => this.options.log.error(`status page links: ${String(error)}`),
    );
    this.linkWork = next;
    return next;
  }

  /** Works out which reminders are due, shows them, and wakes up when the next one is. */
  private replan(): void {
    if (this.stopped) return;
    const { clock, configs, openIncidents, practiceSourceIds, onChange } = this.options;
    if (this.reminderTimer) clock.clearTimeout(this.reminderTimer);
    this.reminderTimer = undefined;
    const now = clock.now();
    const pages = configs().flatMap((config) => {
      const view = this.reads.view(config.id);
      if (!view) return [];
      return [
        {
          statusPageId: config.id,
          pageName: view.pageName,
          practice: config.kind === 'practice',
          rules: config.mappings,
          catalog: view.catalog,
          reminders: config.reminders,
        },
      ];
    });
    const plan = planStatusPageReminders({
      now,
      pages,
      links: this.links.all(),
      // Only a connected page gives an incident something to be reminded of.
      openIncidents: pages.length > 0 ? openIncidents() : [],
      practiceSourceIds: practiceSourceIds(),
    });
    // A declare on its way already answers "tell customers?"; only a failed one asks again.
    const declaring = new Set(
      statusPageWriteViews(this.writes.list())
        .filter((w) => w.kind === 'declare' && w.state !== 'failed')
        .flatMap((w) => w.pagingIncidentKey ?? []),
    );
    const due = plan.due.filter((r) => r.kind !== 'declare' || !declaring.has(r.pagingIncidentKey));
    this.reminders = due;
    this.alerts.update(due);
    if (plan.nextCheckAt !== undefined) {
      const delay = Math.max(0, plan.nextCheckAt - now);
      this.reminderTimer = clock.setTimeout(() => this.replan(), delay);
    }
    onChange();
  }
}

const closed = new Set(['resolved', 'completed']);
