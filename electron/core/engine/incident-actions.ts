import { actionWording } from '../../common/action-wording.js';
import type { ActionView } from '../../common/contract/app-state.js';
import { splitNote, type ActionContext, type IncidentAction } from '../../common/model/action.js';
import type { Incident } from '../../common/model/incident.js';
import type { AttentionCenter } from '../attention/attention-center.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { ActionOutbox, type OutboxAction } from '../outbox/action-outbox.js';
import type { JournalEntry } from '../outbox/action-journal.js';
import { SourceError } from '../sources/source-error.js';
import type { TestPageSource } from '../sources/test-page/test-page-source.js';
import type { IncidentFeed } from './incident-feed.js';
import type { SourceSupervisor } from './source-supervisor.js';
import { withTimeout } from './with-timeout.js';

/** How long a confirmed action stays listed, so the window can say "done". */
const showDoneForMs = 2 * 60_000;

interface IncidentActionsOptions {
  /** The action journal. */
  path: string;
  clock: Clock;
  log: Log;
  random: () => number;
  feed: IncidentFeed;
  supervisor: Pick<SourceSupervisor, 'get' | 'pollIncidentsSoon'>;
  testPages: TestPageSource;
  attention: Pick<AttentionCenter, 'handledLocally' | 'handlingFailed'>;
  /** The action list changed, and with it how the incidents with these keys are shown. */
  changed(incidentKeys: readonly string[]): void;
  /** The provider confirmed this action (for the shift log). */
  confirmed?(entry: JournalEntry): void;
}

/**
 * What the responder does to incidents: each action is checked, written to the outbox and sent
 * to its source until the provider confirms it, and the incident is shown as the responder
 * asked (acknowledged, or gone) while it is on its way.
 */
export class IncidentActions {
  private outbox!: ActionOutbox;
  /** The pending action per incident, as last shown. */
  private pending = new Map<string, IncidentAction['type']>();
  private expiry?: TimerHandle;

  private constructor(private readonly options: IncidentActionsOptions) {}

  static async open(options: IncidentActionsOptions): Promise<IncidentActions> {
    const actions = new IncidentActions(options);
    const { path, clock, log, random, feed, attention } = options;
    actions.outbox = await ActionOutbox.open({
      path,
      clock,
      log,
      random,
      showDoneForMs,
      deliver: (entry, context) => actions.deliver(entry, context),
      onChange: () => actions.outboxChanged(),
      onFailed: (action) => {
        const incident = feed.get(action.incident.key);
        if (incident) attention.handlingFailed(incident);
      },
    });
    actions.pending = actions.pendingByKey();
    actions.armExpiry();
    return actions;
  }

  /** Sends what a previous run left unconfirmed. */
  resume(): void {
    this.outbox.resume();
  }

  /** Writes the action to the outbox, which sends it; the UI follows it through the state. */
  async enqueue(key: string, action: IncidentAction): Promise<{ actionId: string }> {
    const incident = this.options.feed.get(key);
    if (!incident) throw new Error('That incident is no longer open.');
    if (!this.actorFor(incident.sourceId) || !incident.capabilities[action.type]) {
      throw new Error(`“${actionWording[action.type].label}” is not available for this incident.`);
    }
    if (splitNote(action).note && !incident.capabilities.note) {
      throw new Error('This incident takes no notes: send it without one.');
    }
    const queued = await this.outbox.enqueue(incident, action);
    if (confirmedChange(action, this.options.clock.now())?.status) {
      this.options.attention.handledLocally(key);
    }
    return { actionId: queued.id };
  }

  /**
   * A source answers again after a fault: its actions waiting out a retry delay go now, so an
   * ack taken during the fault lands within an interval of its end, not a backoff later.
   */
  sourceRecovered(sourceId: string): void {
    this.outbox.sendNow((action) => action.incident.sourceId === sourceId);
  }

  retry(id: string): Promise<void> {
    return this.outbox.retry(id);
  }

  dismiss(id: string): Promise<void> {
    return this.outbox.dismiss(id);
  }

  views(): ActionView[] {
    return this.outbox.list().map(toActionView);
  }

  /**
   * The incident as the responder should see it: an ack or resolve they asked for shows at
   * once, while it is still being sent, and is undone if the provider refuses it.
   */
  shown(incident: Incident): Incident | undefined {
    const action = this.pending.get(incident.key);
    if (action === 'resolve') return undefined;
    if (action === 'ack' && incident.status === 'triggered') {
      return { ...incident, status: 'acknowledged' };
    }
    return incident;
  }

  async stop(): Promise<void> {
    if (this.expiry) this.options.clock.clearTimeout(this.expiry);
    await this.outbox.stop();
  }

  /** One attempt at one action, called by the outbox (again after a failure or a restart). */
  private async deliver(entry: JournalEntry, context: ActionContext): Promise<void> {
    const { clock, feed, log, supervisor } = this.options;
    const actor = this.actorFor(entry.incident.sourceId);
    if (!actor) throw new SourceError('rejected', 'its source has been removed');
    // A note typed with it follows as an outbox entry of its own (ActionOutbox's followUp).
    const { action } = splitNote(entry.action);
    await withTimeout(clock, actor.timeoutMs, (signal) =>
      actor.source.act(entry.incident, action, signal, context),
    );
    // Any poll already under way began before the provider saw this action; its answer is stale.
    if (actor.running) actor.running.generation += 1;
    const change = confirmedChange(entry.action, clock.now());
    if (change) feed.update(entry.incident.key, change);
    log.info(`${entry.action.type} ${entry.incident.key} confirmed by ${actor.name}`);
    this.options.confirmed?.(entry);
    if (actor.running) supervisor.pollIncidentsSoon(entry.incident.sourceId);
  }

  /** The source that acts on a source id's incidents: a configured one, or the test pages. */
  private actorFor(sourceId: string) {
    const { testPages, supervisor } = this.options;
    if (sourceId === testPages.id) {
      return { source: testPages, timeoutMs: 10_000, name: 'test pages', running: undefined };
    }
    const running = supervisor.get(sourceId);
    if (!running) return undefined;
    const { config, source } = running;
    return { source, timeoutMs: config.timeoutSeconds * 1000, name: config.name, running };
  }

  private outboxChanged(): void {
    const next = this.pendingByKey();
    const keys = new Set([...this.pending.keys(), ...next.keys()]);
    const changed = [...keys].filter((key) => this.pending.get(key) !== next.get(key));
    this.pending = next;
    this.armExpiry();
    this.options.changed(changed);
  }

  private pendingByKey(): Map<string, IncidentAction['type']> {
    return new Map(this.outbox.pending().map((a) => [a.incident.key, a.action.type]));
  }

  /** A confirmed action drops off the list after a while, with no outbox change to say so. */
  private armExpiry(): void {
    const { clock } = this.options;
    if (this.expiry) clock.clearTimeout(this.expiry);
    this.expiry = undefined;
    const ends = this.outbox
      .list()
      .flatMap((a) => (a.state === 'done' && a.completedAt ? [a.completedAt] : []));
    if (ends.length === 0) return;
    const at = Math.min(...ends) + showDoneForMs;
    this.expiry = clock.setTimeout(() => this.outboxChanged(), Math.max(0, at - clock.now()));
  }
}

/** What a confirmed action changes in our copy before the next poll says so. */
function confirmedChange(
  action: IncidentAction,
  now: number,
): Partial<Pick<Incident, 'status' | 'acknowledgedAt'>> | undefined {
  // A paused check is no longer failing: its incident goes, as if resolved.
  if (action.type === 'resolve' || action.type === 'pause') return { status: 'resolved' };
  if (action.type === 'unack') return { status: 'triggered', acknowledgedAt: undefined };
  if (action.type === 'ack' || action.type === 'silence' || action.type === 'snooze') {
    return { status: 'acknowledged', acknowledgedAt: new Date(now).toISOString() };
  }
  return undefined;
}

function toActionView(action: OutboxAction): ActionView {
  const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    id: action.id,
    incidentKey: action.incident.key,
    incidentTitle: action.incident.title,
    sourceId: action.incident.sourceId,
    action: action.action,
    state: action.state,
    attempts: action.attempts,
    createdAt: new Date(action.createdAt).toISOString(),
    lastError: action.lastError,
    nextAttemptAt: action.state === 'pending' ? iso(action.nextAttemptAt) : undefined,
    completedAt: iso(action.completedAt),
  };
}
