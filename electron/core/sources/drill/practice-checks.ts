import type { CheckView } from '../../../common/contract/checks-state.js';
import type { Incident } from '../../../common/model/incident.js';
import {
  flapSettingsSchema,
  healthCheckSchema,
  type HealthCheck,
} from '../../../common/providers/health-check-schema.js';
import type { Clock } from '../../ports/clock.js';
import type { Log } from '../../ports/log.js';
import { incidentsOf } from '../health-checks/check-incidents.js';
import { CheckScheduler } from '../health-checks/check-scheduler.js';
import { CheckStatus } from '../health-checks/check-status.js';
import { checkViewOf } from '../health-checks/check-view.js';
import { makeProbe, type Probe } from '../health-checks/probes/run-probe.js';
import type { CheckRunOutcome } from '../source.js';
import { PracticeEndpoint } from './practice-endpoint.js';

/** When, within each drill cycle, the practice endpoint is down: from 3 to 5 minutes in. */
export const practiceOutage = { fromSeconds: 3 * 60, untilSeconds: 5 * 60 };

const flap = flapSettingsSchema.parse({ failAfter: 3, recoverAfter: 2, retryEverySeconds: 5 });

function practiceChecks(port: number): HealthCheck[] {
  const base = `http://127.0.0.1:${port}`;
  return [
    {
      kind: 'http',
      name: 'Practice API',
      url: `${base}/health`,
      intervalSeconds: 10,
      timeoutSeconds: 2,
      json: { path: 'status', equals: 'ok' },
    },
    { kind: 'tcp', name: 'Practice API port', host: '127.0.0.1', port, intervalSeconds: 10 },
  ].map((check) => healthCheckSchema.parse(check));
}

interface PracticeOptions {
  sourceId: string;
  clock: Clock;
  /** Where the drill's cycle began, so the outage lines up with its pages. */
  cycleStart: number;
  cycleSeconds: number;
  checksChanged?: () => void;
  log?: Log;
  /** Tests script the probes; by default the endpoint is really probed. */
  probe?: Probe;
}

/**
 * Real checks against a real endpoint that the drill takes down and brings back once a cycle,
 * so a new responder sees a check go red, page, and recover, with no account and nothing to
 * set up. The endpoint and the probes start with the drill's first poll and stop with it.
 */
export class PracticeChecks {
  private readonly endpoint: PracticeEndpoint;
  private statuses: CheckStatus[] = [];
  private scheduler?: CheckScheduler;
  private starting?: Promise<void>;

  constructor(private readonly options: PracticeOptions) {
    this.endpoint = new PracticeEndpoint(() => this.isDown());
  }

  /** Whether the drill has the endpoint down now. */
  isDown(): boolean {
    const { clock, cycleStart, cycleSeconds } = this.options;
    const elapsed = Math.max(0, clock.now() - cycleStart) / 1000;
    const intoCycle = elapsed % cycleSeconds;
    return intoCycle >= practiceOutage.fromSeconds && intoCycle < practiceOutage.untilSeconds;
  }

  /** Starts the endpoint and the probes once; a failure to listen leaves the drill without them. */
  start(): Promise<void> {
    this.starting ??= this.endpoint.start().then(
      (port) => {
        const { clock } = this.options;
        this.statuses = practiceChecks(port).map((check) => new CheckStatus(check, flap));
        this.scheduler = new CheckScheduler(this.statuses, {
          clock,
          probe: this.options.probe ?? makeProbe(clock),
          retryEveryMs: flap.retryEverySeconds * 1000,
          recorded: () => this.options.checksChanged?.(),
        });
        this.scheduler.start();
      },
      (error: unknown) =>
        this.options.log?.warn(`drill: the practice endpoint could not listen: ${String(error)}`),
    );
    return this.starting;
  }

  incidents(responderName: string): Incident[] {
    const context = {
      sourceId: this.options.sourceId,
      now: this.options.clock.now(),
      responderName,
    };
    return this.statuses.flatMap((status) =>
      incidentsOf(status, context).map((incident) => ({
        ...incident,
        labels: { ...incident.labels, drill: 'true' },
      })),
    );
  }

  /** Acks a practice outage; false when the incident is not one of these checks'. */
  acknowledge(externalId: string): boolean {
    const status = this.statuses.find((s) => externalId.startsWith(`${s.id}:`));
    return status?.acknowledge(externalId, this.options.clock.now()) ?? false;
  }

  owns(externalId: string): boolean {
    return this.statuses.some((s) => externalId.startsWith(`${s.id}:`));
  }

  views(): CheckView[] {
    const context = {
      sourceId: this.options.sourceId,
      sourceKind: 'drill',
      now: this.options.clock.now(),
      editable: false,
    };
    return this.statuses.map((status) => checkViewOf(status, context));
  }

  async run(checkId: string): Promise<CheckRunOutcome | undefined> {
    const status = this.statuses.find((s) => s.id === checkId);
    if (!status || !this.scheduler) return undefined;
    await this.scheduler.runNow(status);
    const result = status.last?.result;
    return result && { ok: result.ok, summary: result.summary };
  }

  async stop(): Promise<void> {
    this.scheduler?.stop();
    await this.endpoint.stop();
  }
}
