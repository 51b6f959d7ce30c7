import type { PollReport } from '../poll-report.js';
import { toSourceError } from '../source-error.js';
import type { HealthchecksClient } from './healthchecks-client.js';
import { pingListSchema, type PingList } from './healthchecks-schemas.js';

/** Enough of a job's output to see why it failed; the rest stays on Healthchecks.io. */
export const maxOutputBytes = 4 * 1024;

/** What the incident shows of the failing ping: plain text, and whether it was cut. */
export interface FailureOutput {
  text: string;
  truncated: boolean;
}

/**
 * The body of the ping that failed a down check (a job that reported `/fail` with its output),
 * fetched once per outage: two calls when a check goes down, none while it stays down. Only a
 * read-write key can ask (the calls need the uuid), and a failure to fetch costs only this detail.
 */
export class FailureOutputs {
  private readonly known = new Map<string, FailureOutput | undefined>();

  constructor(private readonly client: HealthchecksClient) {}

  get(uuid: string): FailureOutput | undefined {
    return this.known.get(uuid);
  }

  /** Fetches what is new among `down` (uuids) and forgets checks no longer down. */
  async update(down: readonly string[], signal: AbortSignal, report: PollReport): Promise<void> {
    for (const uuid of [...this.known.keys()]) if (!down.includes(uuid)) this.known.delete(uuid);
    for (const uuid of down.filter((id) => !this.known.has(id))) {
      try {
        this.known.set(uuid, await this.fetch(uuid, signal));
      } catch (error) {
        report.note(`a failing check's output could not be read: ${toSourceError(error).message}`);
      }
    }
  }

  private async fetch(uuid: string, signal: AbortSignal): Promise<FailureOutput | undefined> {
    const check = `checks/${encodeURIComponent(uuid)}`;
    const { pings } = await this.client.get(`${check}/pings/`, [], pingListSchema, signal);
    const failed = lastFailure(pings);
    if (failed === undefined) return undefined;
    const body = await this.client.getTextHead(
      `${check}/pings/${failed}/body`,
      maxOutputBytes,
      signal,
    );
    const text = plainText(body.text);
    return text ? { text, truncated: body.truncated } : undefined;
  }
}

/** The newest `fail` ping, unless a success came after it (then this outage is not its doing). */
function lastFailure(pings: PingList['pings']): number | undefined {
  for (const ping of pings) {
    if (ping?.type === 'success') return undefined;
    if (ping?.type === 'fail') return ping.n;
  }
  return undefined;
}

/**
 * A job's output as text a window can show as is: line breaks and tabs stay, every other
 * control or bidi-format character goes (they could reshape what is around it).
 */
function plainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (char) => (char === '\n' || char === '\t' ? char : ''))
    .trim();
}
