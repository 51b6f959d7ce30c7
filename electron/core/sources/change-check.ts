import type { Incident } from '../../common/model/incident.js';
import type { Clock } from '../ports/clock.js';
import { PollFindings, type PollReport } from './poll-report.js';

export interface ChangeCheckOptions {
  clock: Clock;
  /** The source's own poll interval: everything is read at least this often, as without a lane. */
  fullEveryMs: () => number;
  /** How many requests the source has sent so far, all kinds together. */
  requestsSent: () => number;
  /** Requests a minute, all told, above which the source stops looking between full reads. */
  budgetPerMinute: number;
}

/** A full read slightly early counts as on time: polls do not land on the millisecond. */
const onTimeShare = 0.9;
const minuteMs = 60_000;

/**
 * The fast lane of a provider whose full read costs several requests from a shared budget:
 * polled sooner than the source's own interval, it takes one cheap look at a signal that moves
 * when a page arrives (the newest open incident, how many are open) and reads everything only
 * when the signal moved. Everything is read, as without the lane, when the own interval has
 * passed (what the signal cannot see, an ack made elsewhere, is never staler than without the
 * lane) and after `readAfresh` (an action, a Refresh). A look that would take the source past
 * its budget is skipped: the lane slows, the key is never throttled. Polled at its own pace, a
 * source sends exactly what it sent before: no looks.
 */
/** What a full read found, kept for the polls that only look: its gaps are still there. */
interface FullRead {
  incidents: Incident[];
  notes: readonly string[];
}

export class ChangeCheck {
  private last?: { result: FullRead; signal?: string; at: number };
  private afresh = true;
  /** Whether the last poll came early, so the fast lane is on and needs a signal to compare. */
  private fast = false;
  /** When each request of the last minute was sent, as far as polls saw them. */
  private readonly sentAt: number[] = [];
  private counted = 0;

  constructor(private readonly options: ChangeCheckOptions) {}

  /** The next poll reads everything, whatever the signal says. */
  readAfresh(): void {
    this.afresh = true;
  }

  /** The open incidents, read by `readAll` or as the last read found them; see the class. */
  async incidents(
    report: PollReport,
    look: () => Promise<string>,
    readAll: (report: PollReport) => Promise<Incident[]>,
  ): Promise<Incident[]> {
    const { incidents, notes } = await this.poll(look, async () => {
      const findings = new PollFindings();
      return { incidents: await readAll(findings), notes: findings.notes };
    });
    for (const note of notes) report.note(note);
    return incidents;
  }

  private async poll(look: () => Promise<string>, readAll: () => Promise<FullRead>) {
    const { clock, fullEveryMs, budgetPerMinute } = this.options;
    const now = clock.now();
    this.countRequests(now);
    const last = this.last;
    if (!last || this.afresh || now - last.at >= fullEveryMs() * onTimeShare) {
      const signal = this.fast ? await look() : undefined;
      this.fast = false;
      return this.readEverything(now, signal, readAll);
    }
    this.fast = true;
    if (last.signal === undefined) return this.readEverything(now, await look(), readAll);
    if (this.sentAt.length >= budgetPerMinute) return last.result;
    const signal = await look();
    this.countRequests(clock.now());
    return signal === last.signal ? last.result : this.readEverything(now, signal, readAll);
  }

  /** The signal is taken first: a page arriving during the read moves it for the next look. */
  private async readEverything(
    at: number,
    signal: string | undefined,
    readAll: () => Promise<FullRead>,
  ): Promise<FullRead> {
    this.afresh = false;
    try {
      const result = await readAll();
      this.last = { result, at, ...(signal !== undefined && { signal }) };
      return result;
    } catch (error) {
      this.afresh = true;
      throw error;
    } finally {
      this.countRequests(this.options.clock.now());
    }
  }

  private countRequests(now: number): void {
    const sent = this.options.requestsSent();
    for (; this.counted < sent; this.counted++) this.sentAt.push(now);
    while (this.sentAt.length > 0 && this.sentAt[0]! <= now - minuteMs) this.sentAt.shift();
  }
}
