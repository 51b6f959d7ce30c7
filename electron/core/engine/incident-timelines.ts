import type { IncidentTimeline } from '../../common/model/incident-timeline.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock } from '../ports/clock.js';
import type { SourceTimeline } from '../sources/source.js';
import { withTimeout } from './with-timeout.js';

interface TimelineReader {
  read(incident: Incident, signal: AbortSignal): Promise<SourceTimeline>;
  timeoutMs: number;
}

export interface IncidentTimelinesOptions {
  clock: Clock;
  incident(key: string): Incident | undefined;
  /** How to read one running source's timeline; undefined where it has none Onwatch reads. */
  timelineReader(sourceId: string): TimelineReader | undefined;
  /** The provider's name ("Splunk On-Call"), for saying whose history is not read. */
  providerName(sourceId: string): string | undefined;
}

/**
 * An incident's history as its provider tells it, read when the responder opens the incident
 * (or asks again), within the source's timeout: never on the poll path. A failure is an
 * answer in words, not an error: the rest of the detail is shown all the same.
 */
export class IncidentTimelines {
  constructor(private readonly options: IncidentTimelinesOptions) {}

  async read(key: string): Promise<IncidentTimeline> {
    const { options } = this;
    const incident = options.incident(key);
    if (!incident) return { available: false, why: 'That incident is no longer open.' };
    const reader = options.timelineReader(incident.sourceId);
    if (!reader) {
      const provider = options.providerName(incident.sourceId);
      return {
        available: false,
        why: provider
          ? `Onwatch does not read incident history from ${provider}.`
          : 'Its source is not running, so its history cannot be read.',
      };
    }
    try {
      const timeline = await withTimeout(options.clock, reader.timeoutMs, (signal) =>
        reader.read(incident, signal),
      );
      return {
        available: true,
        entries: timeline.entries,
        ...(timeline.partial && { partial: timeline.partial }),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { available: false, why: `The history could not be read: ${message}` };
    }
  }
}
