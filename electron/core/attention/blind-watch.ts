import type { SourceStatus } from '../../common/model/source-status.js';
import { formatClockTime } from '../../common/time-format.js';
import type { Clock, TimerHandle } from '../ports/clock.js';

export interface BlindAlert {
  sourceId: string;
  title: string;
  body: string;
}

export interface BlindWatchOptions {
  clock: Clock;
  raise(alert: BlindAlert): void;
  clear(sourceId: string): void;
  /** How often each source is polled, in ms: "two intervals" is measured in these. */
  intervalOf(sourceId: string): number | undefined;
  timeZone?: string;
}

/**
 * Never silent: a blind source we have not been able to read for more than two poll intervals
 * raises one alert for that stretch of blindness, saying since when, and clears it when the
 * source answers again. The moment comes on its own timer, not with the next poll, which may be
 * a minute away (a rejected token, a provider's Retry-After). A source that has not answered
 * since it started counts from when it was first seen blind.
 */
export class BlindWatch {
  private readonly raised = new Set<string>();
  private readonly firstSeenBlind = new Map<string, number>();
  private latest: readonly SourceStatus[] = [];
  private timer?: TimerHandle;

  constructor(private readonly options: BlindWatchOptions) {}

  update(sources: readonly SourceStatus[]): void {
    const now = this.options.clock.now();
    this.latest = sources;
    const present = new Set(sources.map((s) => s.id));
    for (const id of [...this.firstSeenBlind.keys()]) {
      if (!present.has(id)) this.firstSeenBlind.delete(id);
    }
    for (const id of [...this.raised]) if (!present.has(id)) this.clear(id);
    let nextDue: number | undefined;
    for (const source of sources) {
      if (source.health !== 'blind') {
        this.firstSeenBlind.delete(source.id);
        this.clear(source.id);
        continue;
      }
      if (!this.firstSeenBlind.has(source.id)) this.firstSeenBlind.set(source.id, now);
      const interval = this.options.intervalOf(source.id);
      if (this.raised.has(source.id) || interval === undefined) continue;
      const since = source.lastSuccessAt
        ? Date.parse(source.lastSuccessAt)
        : this.firstSeenBlind.get(source.id)!;
      const due = since + 2 * interval;
      if (now <= due) {
        nextDue = Math.min(nextDue ?? due, due);
        continue;
      }
      this.raised.add(source.id);
      this.options.raise({
        sourceId: source.id,
        title: `Can't reach ${source.name} since ${formatClockTime(since, this.options.timeZone)} — you may miss pages`,
        body: source.lastError ?? 'no answer',
      });
    }
    this.arm(nextDue, now);
  }

  stop(): void {
    this.arm(undefined, 0);
  }

  /** Looks again just after the earliest moment a blind source passes two intervals. */
  private arm(due: number | undefined, now: number): void {
    const { clock } = this.options;
    if (this.timer) clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (due === undefined) return;
    this.timer = clock.setTimeout(
      () => {
        this.timer = undefined;
        this.update(this.latest);
      },
      due - now + 1,
    );
  }

  private clear(sourceId: string): void {
    if (!this.raised.delete(sourceId)) return;
    this.options.clear(sourceId);
  }
}
