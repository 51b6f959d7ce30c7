import type { Clock } from '../../ports/clock.js';
import type { PollReport } from '../poll-report.js';
import type { PingdomClient } from './pingdom-client.js';
import {
  maintenanceSchema,
  occurrencesSchema,
  resultsSchema,
  type PingdomCheck,
} from './pingdom-schemas.js';

/** Maintenance changes rarely; asked only while a check is down, and at most this often. */
const maintenanceCacheMs = 5 * 60_000;
/** New outages whose error text is fetched per poll; the rest wait for the next poll. */
const errorLookupsPerPoll = 3;

/**
 * What the check list leaves out, fetched only while something is down so a quiet account costs
 * one request a poll: which checks a maintenance window covers now, and each outage's error text
 * (fetched once per outage). A lookup that fails costs its detail and a note, never the poll:
 * ringing for a check in maintenance is the safer mistake.
 */
export class PingdomDetails {
  private maintenance?: { at: number; checks: Set<string> };
  /** Error text per outage ("<id>@<down since>"). */
  private errors = new Map<string, string | undefined>();

  constructor(
    private readonly client: PingdomClient,
    private readonly clock: Clock,
  ) {}

  /** Ids of the checks a maintenance occurrence covers now. */
  async inMaintenance(signal: AbortSignal, report: PollReport): Promise<Set<string>> {
    const now = this.clock.now();
    if (this.maintenance && now - this.maintenance.at < maintenanceCacheMs) {
      return this.maintenance.checks;
    }
    try {
      const seconds = String(Math.floor(now / 1000));
      const { occurrences } = await this.client.get(
        '/maintenance.occurrences',
        { from: seconds, to: seconds },
        occurrencesSchema,
        signal,
      );
      const running = new Set(occurrences.map((o) => o.maintenanceid));
      const checks = new Set<string>();
      if (running.size > 0) {
        const { maintenance } = await this.client.get(
          '/maintenance',
          {},
          maintenanceSchema,
          signal,
        );
        for (const window of maintenance) {
          if (running.has(window.id)) for (const id of window.checks?.uptime ?? []) checks.add(id);
        }
      }
      this.maintenance = { at: now, checks };
      return checks;
    } catch (error) {
      report.note(`Pingdom maintenance windows could not be read: ${messageOf(error)}`);
      return this.maintenance?.checks ?? new Set();
    }
  }

  /** Fetches the error text of outages not seen before, a few a poll. */
  async fetchErrors(down: PingdomCheck[], signal: AbortSignal, report: PollReport): Promise<void> {
    const open = new Set(down.map(outageKey));
    for (const key of this.errors.keys()) if (!open.has(key)) this.errors.delete(key);
    const unknown = down.filter((check) => !this.errors.has(outageKey(check)));
    for (const check of unknown.slice(0, errorLookupsPerPoll)) {
      try {
        const { results } = await this.client.get(
          `/results/${encodeURIComponent(check.id)}`,
          { status: 'down', limit: '1' },
          resultsSchema,
          signal,
        );
        const newest = results[0];
        this.errors.set(outageKey(check), newest?.statusdesclong ?? newest?.statusdesc);
      } catch (error) {
        report.note(
          `the error of Pingdom check ${check.id} could not be read: ${messageOf(error)}`,
        );
        return;
      }
    }
  }

  lastError(check: PingdomCheck): string | undefined {
    return this.errors.get(outageKey(check))?.trim() || undefined;
  }
}

/** One outage of one check: a new `lastdownstart` is a new outage, with its own error. */
function outageKey(check: PingdomCheck): string {
  return `${check.id}@${check.lastdownstart ?? ''}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
