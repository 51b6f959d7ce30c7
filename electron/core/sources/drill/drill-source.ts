import { incidentKey, noCapabilities, type Incident } from '../../../common/model/incident.js';
import type { Clock } from '../../ports/clock.js';
import type { ProviderFactory } from '../source-factory.js';
import type { Shift } from '../../../common/model/shift.js';
import type { CheckView } from '../../../common/contract/checks-state.js';
import type {
  CheckRunOutcome,
  ConnectionReport,
  IncidentAction,
  Source,
  SourceTimeline,
  TimeWindow,
} from '../source.js';
import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { SourceError } from '../source-error.js';
import { drillCycleSeconds, drillScript, type DrillPage } from './drill-script.js';
import { DrillCover } from './drill-cover.js';
import { PracticeChecks } from './practice-checks.js';

const hourMs = 60 * 60_000;
const drillTurnMs = 12 * hourMs;
const drillRotation = {
  id: 'drill-rotation',
  name: 'Drill rotation',
  teammate: 'Sam Okafor (practice)',
};

interface Occurrence {
  page: DrillPage;
  externalId: string;
  startsAt: number;
  resolvesAt?: number;
}

/**
 * Built-in practice pages, replayed every cycle from when the source started, and (when given)
 * practice checks against an endpoint of its own that it takes down once a cycle. Acks and
 * resolves are kept in memory: a drill is rehearsal, not a record.
 */
export class DrillSource implements Source {
  private readonly startedAt: number;
  private readonly acknowledgedAt = new Map<string, number>();
  private readonly resolved = new Set<string>();

  private readonly practice?: PracticeChecks;
  /** Cover on the practice rotation, made and removed as on a real schedule. */
  readonly coverage = new DrillCover();

  constructor(
    readonly id: string,
    private readonly clock: Clock,
    private readonly responderName: () => string,
    practice?: { checksChanged?: () => void },
  ) {
    this.startedAt = clock.now();
    if (practice) {
      this.practice = new PracticeChecks({
        sourceId: id,
        clock,
        cycleStart: this.startedAt,
        cycleSeconds: drillCycleSeconds,
        checksChanged: practice.checksChanged,
      });
    }
  }

  async fetchIncidents(): Promise<Incident[]> {
    await this.practice?.start();
    const now = this.clock.now();
    const pages = this.occurrencesUpTo(now)
      .filter(
        (o) =>
          !this.resolved.has(o.externalId) && (o.resolvesAt === undefined || o.resolvesAt > now),
      )
      .map((o) => this.toIncident(o));
    return [...pages, ...(this.practice?.incidents(this.responderName()) ?? [])];
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    if (this.practice?.owns(incident.externalId)) {
      if (action.type !== 'ack') {
        throw new SourceError('rejected', 'a practice check resolves itself once it passes again');
      }
      if (!this.practice.acknowledge(incident.externalId)) {
        throw new SourceError('rejected', 'this practice check has recovered since');
      }
      return;
    }
    const open = (await this.fetchIncidents()).some((i) => i.externalId === incident.externalId);
    if (!open) throw new SourceError('rejected', 'this drill incident has already resolved');
    if (action.type === 'ack') {
      if (!this.acknowledgedAt.has(incident.externalId)) {
        this.acknowledgedAt.set(incident.externalId, this.clock.now());
      }
    } else {
      this.resolved.add(incident.externalId);
    }
  }

  /**
   * A short history from the script, so a new user sees the timeline: the page fired, paged
   * the responder and, once acknowledged here, who acknowledged it.
   */
  async readTimeline(incident: Incident): Promise<SourceTimeline> {
    const practice = this.practice?.owns(incident.externalId);
    const occurrence = this.occurrencesUpTo(this.clock.now()).find(
      (o) => o.externalId === incident.externalId,
    );
    if (!practice && !occurrence) {
      throw new SourceError('rejected', 'this drill incident is not in the script');
    }
    const entries: TimelineEntry[] = [
      {
        at: incident.createdAt,
        kind: 'opened',
        text: practice ? 'The practice check failed' : "Fired by the drill's script",
        by: 'Drill',
      },
      {
        at: incident.createdAt,
        kind: 'notified',
        text: `Paged ${this.responderName()} (practice)`,
        by: 'Drill',
      },
    ];
    if (incident.acknowledgedAt) {
      entries.push({
        at: incident.acknowledgedAt,
        kind: 'acknowledged',
        text: 'Acknowledged in Onwatch',
        by: this.responderName(),
      });
    }
    return { entries };
  }

  /**
   * A practice rotation: the responder is on call from the hour the drill started, for twelve
   * hours, then a practice teammate, turn about. It makes the Schedule page, the shift
   * reminders, Get cover and the shift report something a new user can try without an account.
   */
  async fetchShifts(window: TimeWindow): Promise<Shift[]> {
    const first = Math.floor(this.startedAt / hourMs) * hourMs;
    const shifts: Shift[] = [];
    const firstTurn = Math.max(0, Math.floor((window.since - first) / drillTurnMs));
    for (let turn = firstTurn; first + turn * drillTurnMs < window.until; turn++) {
      const start = first + turn * drillTurnMs;
      const mine = turn % 2 === 0;
      shifts.push({
        sourceId: this.id,
        scheduleId: drillRotation.id,
        scheduleName: drillRotation.name,
        userName: mine ? this.responderName() : drillRotation.teammate,
        isMe: mine,
        start: new Date(start).toISOString(),
        end: new Date(start + drillTurnMs).toISOString(),
      });
    }
    return this.coverage.laidOver(shifts);
  }

  checks(): CheckView[] {
    return this.practice?.views() ?? [];
  }

  async runCheck(checkId: string): Promise<CheckRunOutcome> {
    const outcome = await this.practice?.run(checkId);
    if (!outcome) throw new SourceError('rejected', `the drill has no check "${checkId}"`);
    return outcome;
  }

  dispose(): void {
    void this.practice?.stop();
  }

  async testConnection(): Promise<ConnectionReport> {
    return {
      summary: `Drill: ${drillScript.length} practice pages every ${drillCycleSeconds / 60} minutes`,
    };
  }

  private occurrencesUpTo(now: number): Occurrence[] {
    const cycleMs = drillCycleSeconds * 1000;
    const elapsed = now - this.startedAt;
    const currentCycle = Math.floor(elapsed / cycleMs);
    const occurrences: Occurrence[] = [];
    // The previous cycle's pages may still be open (unacked pages stay until handled).
    for (let cycle = Math.max(0, currentCycle - 1); cycle <= currentCycle; cycle++) {
      for (const page of drillScript) {
        const startsAt = this.startedAt + cycle * cycleMs + page.atSeconds * 1000;
        if (startsAt > now) continue;
        occurrences.push({
          page,
          externalId: `${page.slug}-${cycle + 1}`,
          startsAt,
          resolvesAt:
            page.resolvesAfterSeconds === undefined
              ? undefined
              : startsAt + page.resolvesAfterSeconds * 1000,
        });
      }
    }
    return occurrences;
  }

  private toIncident({ page, externalId, startsAt }: Occurrence): Incident {
    const ackedAt = this.acknowledgedAt.get(externalId);
    return {
      key: incidentKey(this.id, externalId),
      sourceId: this.id,
      externalId,
      number: `DRILL-${externalId}`,
      title: page.title,
      service: page.service,
      status: ackedAt === undefined ? 'triggered' : 'acknowledged',
      urgency: page.urgency,
      severity: page.severity,
      createdAt: new Date(startsAt).toISOString(),
      acknowledgedAt: ackedAt === undefined ? undefined : new Date(ackedAt).toISOString(),
      assignedToMe: true,
      assignees: ackedAt === undefined ? [] : [this.responderName()],
      labels: { ...page.labels, drill: 'true' },
      annotations: page.annotations,
      links: [],
      capabilities: { ...noCapabilities, ack: true, resolve: true },
    };
  }
}

/** The drill as Onwatch runs it: with practice checks, which need a loopback port. */
export const createDrillSource: ProviderFactory<'drill'> = (config, _secrets, deps) =>
  new DrillSource(config.id, deps.clock, deps.responderName, {
    checksChanged: deps.checksChanged,
  });
