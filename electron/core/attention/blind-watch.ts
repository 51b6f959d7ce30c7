import type { SourceStatus } from '../../common/model/source-status.js';
import { formatClockTime } from '../../common/time-format.js';

export interface BlindAlert {
  sourceId: string;
  title: string;
  body: string;
}

export interface BlindWatchOptions {
  raise(alert: BlindAlert): void;
  clear(sourceId: string): void;
  /** How often each source is polled, in ms: "two intervals" is measured in these. */
  intervalOf(sourceId: string): number | undefined;
  timeZone?: string;
}

/**
 * Never silent: a source we have not been able to read for more than two poll intervals raises
 * one alert for that stretch of blindness, saying since when, and clears it when the source
 * answers again. Started-up-blind sources count from when watching began.
 */
export class BlindWatch {
  private readonly raised = new Set<string>();
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly options: BlindWatchOptions) {}

  update(sources: readonly SourceStatus[], now: number): void {
    const present = new Set(sources.map((s) => s.id));
    for (const id of [...this.raised]) if (!present.has(id)) this.clear(id);
    for (const source of sources) {
      if (!this.firstSeen.has(source.id)) this.firstSeen.set(source.id, now);
      if (source.health !== 'blind') {
        this.clear(source.id);
        continue;
      }
      const interval = this.options.intervalOf(source.id);
      const since = source.lastSuccessAt
        ? Date.parse(source.lastSuccessAt)
        : this.firstSeen.get(source.id)!;
      if (this.raised.has(source.id) || interval === undefined || now - since <= 2 * interval)
        continue;
      this.raised.add(source.id);
      this.options.raise({
        sourceId: source.id,
        title: `Can't reach ${source.name} since ${formatClockTime(since, this.options.timeZone)} — you may miss pages`,
        body: source.lastError ?? 'no answer',
      });
    }
  }

  private clear(sourceId: string): void {
    if (!this.raised.delete(sourceId)) return;
    this.options.clear(sourceId);
  }
}
