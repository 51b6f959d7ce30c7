import { afterEach, describe, expect, it } from 'vitest';
import { opsgenieSourceConfigSchema } from '../../../../../electron/common/providers/opsgenie.js';
import { systemClock, type Clock } from '../../../../../electron/core/ports/clock.js';
import { OpsgenieSource } from '../../../../../electron/core/sources/opsgenie/opsgenie-source.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import {
  fakeUsername,
  startOpsgenieFake,
  type OpsgenieFake,
  type OpsgenieFakeOptions,
} from '../../../../fakes/opsgenie-fake.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * Answers Opsgenie's spec allows but its service rarely sends: times no Date can hold, alerts
 * missing a field or holding an odd one, paging links that lead nowhere, counts that make no
 * sense. One odd alert costs that alert, never the source.
 */

const ids = {
  checkout: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  replication: '8418d193-2dab-4490-b331-8c02cdd196b7',
};

let fake: OpsgenieFake;

afterEach(async () => {
  await fake.stop();
});

async function sourceFor(options: OpsgenieFakeOptions = {}, clock: Clock = systemClock) {
  fake = await startOpsgenieFake(options);
  const config = opsgenieSourceConfigSchema.parse({
    kind: 'opsgenie',
    id: 'og',
    name: 'Opsgenie',
    region: 'eu',
    username: fakeUsername,
    apiBaseUrl: fake.url,
  });
  return new OpsgenieSource({ config, secrets: { token: fake.apiKey }, clock });
}

const deadline = () => AbortSignal.timeout(10_000);
const listRequests = () => fake.requests.filter((r) => r.path === '/v2/alerts');
/** The fake's live alert, to be made odd in ways its types do not allow. */
const raw = (id: string) => fake.alerts.get(id) as unknown as Record<string, unknown>;

describe('one alert at a time', () => {
  it('keeps an acknowledged alert whose ackTime no Date can hold, without an ack time', async () => {
    const source = await sourceFor();
    Object.assign(raw(ids.checkout), {
      acknowledged: true,
      report: { ackTime: -9007199254740991, acknowledgedBy: 'sam' },
    });
    const findings = new PollFindings();

    const incidents = await source.fetchIncidents(deadline(), findings);

    const acked = incidents.find((i) => i.externalId === ids.checkout);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      title: 'Checkout API 5xx rate above 5%',
    });
    expect(acked?.acknowledgedAt).toBeUndefined();
    expect(incidents).toHaveLength(7);
    expect(findings.notes).toEqual([]);
  });

  it('keeps an alert without createdAt, dated by its last update', async () => {
    const source = await sourceFor();
    delete raw(ids.checkout).createdAt;

    const incidents = await source.fetchIncidents(deadline());

    const kept = incidents.find((i) => i.externalId === ids.checkout);
    expect(kept?.createdAt).toBe(fake.alerts.get(ids.checkout)!.updatedAt);
    expect(incidents).toHaveLength(7);
  });

  it('dates an alert without any time by when Onwatch first saw it, poll after poll', async () => {
    let now = Date.parse('2026-11-22T09:30:00Z');
    const clock: Clock = { ...systemClock, now: () => now };
    const source = await sourceFor({}, clock);
    Object.assign(raw(ids.checkout), { createdAt: 'yesterday-ish', updatedAt: null });

    const first = await source.fetchIncidents(deadline());
    now += 30_000;
    const second = await source.fetchIncidents(deadline());

    const at = (list: typeof first) => list.find((i) => i.externalId === ids.checkout)?.createdAt;
    expect(at(first)).toBe('2026-11-22T09:30:00.000Z');
    expect(at(second)).toBe(at(first));
  });

  it('leaves out alerts it cannot read and counts them on the source', async () => {
    const source = await sourceFor();
    raw(ids.checkout).id = 1791;
    raw(ids.replication).id = '';
    const findings = new PollFindings();

    const incidents = await source.fetchIncidents(deadline(), findings);

    expect(incidents).toHaveLength(5);
    expect(findings.notes).toHaveLength(1);
    expect(findings.notes[0]).toMatch(/^2 alerts could not be read: id: /);
  });

  it('fails the poll when not one alert can be read', async () => {
    const source = await sourceFor();
    for (const alert of fake.alerts.values()) (alert as unknown as { id: unknown }).id = null;

    const error = await sourceFailure(source.fetchIncidents(deadline()));

    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^none of the 7 alerts could be read: id: /);
  });
});

describe('paging links', () => {
  it('ends the list at a next link that is no link, and says so', async () => {
    const source = await sourceFor({ pagingNext: () => 'string' });
    const findings = new PollFindings();

    const incidents = await source.fetchIncidents(deadline(), findings);

    expect(incidents).toHaveLength(5);
    expect(listRequests()).toHaveLength(1);
    expect(findings.notes).toEqual([
      "Opsgenie's next-page link does not lead to its alert list (127.0.0.1:" +
        `${new URL(fake.url).port}/string); showing the 5 alerts read so far`,
    ]);
  });

  it('stops at a page that brings nothing new', async () => {
    // Every next link leads back to the first page.
    const source = await sourceFor({
      pagingNext: (next) => {
        next.searchParams.set('offset', '0');
        return next.href;
      },
    });
    const findings = new PollFindings();

    const incidents = await source.fetchIncidents(deadline(), findings);

    expect(incidents).toHaveLength(5);
    expect(listRequests()).toHaveLength(2);
    expect(findings.notes).toEqual([
      'Opsgenie said more follow, but page 2 brought nothing new; showing the 5 alerts read so far',
    ]);
  });
});

describe('testConnection', () => {
  it('counts the open alerts Onwatch would show, whatever the count endpoint says', async () => {
    const source = await sourceFor();
    fake.setFault(
      { status: 200, body: { data: { count: -2147483648 }, took: 0.01, requestId: 'r' } },
      '/v2/alerts/count',
    );

    const { summary } = await source.testConnection(deadline());

    expect(summary).toBe(
      'Opsgenie (EU via ' + new URL(fake.url).host + '), account acme, 7 open alerts',
    );
  });
});
