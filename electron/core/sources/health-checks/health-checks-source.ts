import { setMaxListeners } from 'node:events';
import type { Incident } from '../../../common/model/incident.js';
import type { HealthChecksSourceConfig } from '../../../common/model/source-config.js';
import type { Clock } from '../../ports/clock.js';
import type { ProviderFactory } from '../source-factory.js';
import { SourceError } from '../source-error.js';
import type { SourceHandover } from '../source-handover.js';
import type { CheckRunOutcome, ConnectionReport, IncidentAction, Source } from '../source.js';
import type { CheckView } from '../../../common/contract/checks-state.js';
import { checkViewOf } from './check-view.js';
import { incidentsOf } from './check-incidents.js';
import { CheckScheduler, maxConcurrentProbes } from './check-scheduler.js';
import { CheckStatus } from './check-status.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { makeProbe, type Probe } from './probes/run-probe.js';

interface HealthChecksOptions {
  config: HealthChecksSourceConfig;
  clock: Clock;
  responderName: () => string;
  /** Tests script the probes; by default each check's kind probes the real endpoint. */
  probe?: Probe;
  handover?: SourceHandover;
  /** A probe came back: the Checks page has something new to show. */
  checksChanged?: () => void;
}

/** What a stopped source leaves its successor: each check's standing, by check id. */
class KeptStatuses {
  constructor(readonly byId: ReadonlyMap<string, CheckStatus>) {}
}

/**
 * Local HTTP, TCP, DNS and TLS checks as one source. The checks run in the background on their
 * own timers; a poll only reads what they found, so it never waits on a probe. A failing check
 * is an incident (its outage), and so is a certificate near its end; ack is local, and the
 * check resolves its incident itself when it passes again.
 */
export class HealthChecksSource implements Source {
  readonly id: string;
  private readonly statuses: CheckStatus[];
  private readonly scheduler: CheckScheduler;
  private readonly probe: Probe;
  private started = false;

  constructor(private readonly options: HealthChecksOptions) {
    const { config, clock } = options;
    this.id = config.id;
    this.probe = options.probe ?? makeProbe(clock);
    this.statuses = config.checks.map((check) => new CheckStatus(check, config.flap));
    this.scheduler = new CheckScheduler(this.statuses, {
      clock,
      probe: this.probe,
      retryEveryMs: config.flap.retryEverySeconds * 1000,
      recorded: () => options.checksChanged?.(),
    });
  }

  /** The first poll starts the checks, so a source made only for Test connection never does. */
  async fetchIncidents(): Promise<Incident[]> {
    if (!this.started) {
      this.started = true;
      this.takeOver();
      this.scheduler.start();
    }
    const context = {
      sourceId: this.id,
      now: this.options.clock.now(),
      responderName: this.options.responderName(),
    };
    return this.statuses.flatMap((status) => incidentsOf(status, context));
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    if (action.type !== 'ack') {
      throw new SourceError(
        'rejected',
        'a health check resolves its incident itself once it passes again',
      );
    }
    const status = this.statuses.find((s) => incident.externalId.startsWith(`${s.id}:`));
    if (!status?.acknowledge(incident.externalId, this.options.clock.now())) {
      throw new SourceError('rejected', 'this check has recovered since; nothing to acknowledge');
    }
  }

  checks(): CheckView[] {
    const context = {
      sourceId: this.id,
      sourceKind: this.options.config.kind,
      now: this.options.clock.now(),
      editable: true,
    };
    return this.statuses.map((status) => checkViewOf(status, context));
  }

  /** "Run now": probes at once, off the poll path; flap control counts it like any probe. */
  async runCheck(checkId: string): Promise<CheckRunOutcome> {
    const status = this.statuses.find((s) => s.id === checkId);
    if (!status) throw new SourceError('rejected', `there is no check "${checkId}" here`);
    await this.scheduler.runNow(status);
    const result = status.last?.result;
    return result
      ? { ok: result.ok, summary: result.summary }
      : { ok: false, summary: 'the source stopped before the probe came back' };
  }

  /** Probes every check once, now, and counts what passes: flap control does not apply here. */
  async testConnection(signal: AbortSignal): Promise<ConnectionReport> {
    const limit = new ConcurrencyLimit(maxConcurrentProbes);
    setMaxListeners(maxConcurrentProbes + 1, signal);
    const results = await Promise.all(
      this.statuses.map((status) =>
        limit.run(async () => ({ status, result: await this.probe(status.check, signal) })),
      ),
    );
    const failing = results.filter(({ result }) => !result.ok);
    const count = `${results.length} check${results.length === 1 ? '' : 's'}`;
    if (failing.length === 0) return { summary: `${count}, all passing` };
    const first = failing[0]!;
    return {
      summary:
        `${count}: ${results.length - failing.length} passing, ${failing.length} failing ` +
        `(${first.status.check.name}: ${first.result.summary}${failing.length > 1 ? ', …' : ''})`,
    };
  }

  dispose(): void {
    this.scheduler.stop();
    if (this.started) {
      const byId = new Map(this.statuses.map((status) => [status.id, status]));
      this.options.handover?.leave(this.id, new KeptStatuses(byId));
    }
  }

  /** A check whose settings did not change keeps its standing (flap state, acks) over a restart. */
  private takeOver(): void {
    const kept = this.options.handover?.take(this.id);
    if (!(kept instanceof KeptStatuses)) return;
    this.statuses.forEach((status, index) => {
      const before = kept.byId.get(status.id);
      if (before && sameSettings(before, status)) this.statuses[index] = before;
    });
  }
}

/** Parsed settings come out of one schema in one key order, so equal text is equal settings. */
const sameSettings = (a: CheckStatus, b: CheckStatus) =>
  JSON.stringify([a.check, a.settings]) === JSON.stringify([b.check, b.settings]);

export const createHealthChecksSource: ProviderFactory<'health-checks'> = (
  config,
  _secrets,
  deps,
) =>
  new HealthChecksSource({
    config,
    clock: deps.clock,
    responderName: deps.responderName,
    handover: deps.handover,
    checksChanged: deps.checksChanged,
  });
