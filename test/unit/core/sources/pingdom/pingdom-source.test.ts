import { afterEach, describe, expect, it } from 'vitest';
import { pingdomSourceConfigSchema } from '../../../../../electron/common/providers/pingdom.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import { PingdomSource } from '../../../../../electron/core/sources/pingdom/pingdom-source.js';
import type { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { startPingdomFake, type PingdomFake } from '../../../../fakes/pingdom-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';

let fake: PingdomFake;
let source: PingdomSource;

afterEach(async () => {
  source.dispose();
  await fake.stop();
});

async function setup(options: { shortLimit?: number; tags?: string } = {}) {
  const clock = new FakeClock();
  fake = await startPingdomFake({ now: () => clock.now(), shortLimit: options.shortLimit });
  source = new PingdomSource({
    config: pingdomSourceConfigSchema.parse({
      kind: 'pingdom',
      id: 'pingdom',
      name: 'Pingdom',
      apiBaseUrl: `${fake.apiUrl}/`,
      ...(options.tags && { tags: options.tags }),
    }),
    secrets: { token: fake.token },
    clock,
  });
  return { clock };
}

const signal = () => AbortSignal.timeout(5_000);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as SourceError,
  );
const paths = () => fake.exchanges.map((e) => e.path.replace('/api/3.1', ''));

describe('Pingdom statuses', () => {
  it('raises only down, from lastdownstart, with the newest down result’s words', async () => {
    await setup();
    const incidents = await source.fetchIncidents(signal());
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      externalId: '85975',
      title: 'Checkout API is down',
      service: 'Checkout API',
      status: 'triggered',
      urgency: 'high',
      createdAt: '2026-11-22T08:51:00.000Z',
      labels: { monitor: 'pingdom', check: '85975', type: 'http', hostname: 'api.shop.example' },
      annotations: {
        summary: 'Checkout API is down: Connection timed out after 30 seconds',
        downSince: '2026-11-22T08:51:00.000Z',
        lastResponseTime: '0 ms',
        testedEvery: '1 min',
      },
    });
    // Re-testing (unconfirmed_down), no data (unknown) and paused checks raise nothing.
    expect(fake.exchanges.at(-1)!.query).toEqual([
      ['status', 'down'],
      ['limit', '1'],
    ]);
  });

  it('asks for an outage’s error once, and again only for a new outage', async () => {
    await setup();
    await source.fetchIncidents(signal());
    await source.fetchIncidents(signal());
    expect(paths().filter((p) => p.startsWith('/results/'))).toHaveLength(1);
    fake.checks[0]!.lastdownstart += 900;
    await source.fetchIncidents(signal());
    expect(paths().filter((p) => p.startsWith('/results/'))).toHaveLength(2);
  });

  it('costs one request a poll while nothing is down', async () => {
    await setup();
    fake.checks[0]!.status = 'up';
    await source.fetchIncidents(signal());
    await source.fetchIncidents(signal());
    expect(paths()).toEqual(['/checks', '/checks']);
  });

  it('leaves out a down check a maintenance window covers now', async () => {
    const { clock } = await setup();
    const now = Math.floor(clock.now() / 1000);
    fake.maintenance.push({
      id: 3,
      description: 'DB move',
      from: now - 60,
      to: now + 600,
      checks: [85975],
    });
    expect(await source.fetchIncidents(signal())).toEqual([]);
    expect(paths()).toEqual(['/checks', '/maintenance.occurrences', '/maintenance']);
  });

  it('sends the tag filter as Pingdom reads it', async () => {
    await setup({ tags: ' staging , checkout ' });
    await source.fetchIncidents(signal());
    expect(fake.exchanges[0]!.query).toEqual([['tags', 'staging,checkout']]);
  });
});

describe('acks kept by Onwatch', () => {
  it('holds an ack through a refused token and forgets it once the check is up', async () => {
    await setup();
    const [down] = await source.fetchIncidents(signal());
    await source.act(down!, { type: 'ack' });
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('acknowledged');

    fake.checks[0]!.status = 'up';
    await source.fetchIncidents(signal());
    fake.checks[0]!.status = 'down';
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('triggered');
  });

  it('says a revoked token is refused, in words, without the token', async () => {
    await setup();
    fake.revoke();
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth', status: 401 });
    expect(refused.message).toBe(
      'Pingdom refused the API token (HTTP 401): Invalid identification: revoked, expired, or without Read access',
    );
    expect(refused.message).not.toContain(fake.token);
  });
});

describe('request budgets', () => {
  it('holds every request until the short budget resets once Pingdom says it is spent', async () => {
    const { clock } = await setup({ shortLimit: 2 });
    fake.checks[0]!.status = 'up';
    await source.fetchIncidents(signal());
    const findings = new PollFindings();
    await source.fetchIncidents(signal(), findings);
    expect(findings.notes).toEqual([
      'Pingdom allows 1 more requests before its short limit resets',
    ]);
    const throttled = await failure(source.fetchIncidents(signal()));
    expect(throttled).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3_600_000 });
    expect(throttled.message).toBe(
      'Pingdom request limit exceeded (HTTP 429): Request limit exceeded, try again later, retry in 1 h',
    );

    // Nothing is sent while the budget is spent: the limiter refuses at once, with the wait.
    const held = await failure(source.fetchIncidents(signal()));
    expect(held).toMatchObject({ kind: 'rate-limited' });
    expect(held.message).toMatch(/^Pingdom's request budget is used up; next request in 1 h/);
    expect(fake.exchanges).toHaveLength(3);

    await clock.advance(3_600_000); // the short budget resets
    await source.fetchIncidents(signal());
    expect(fake.exchanges.at(-1)!.status).toBe(200);
  });
});

describe('odd checks and Test connection', () => {
  it('costs only the check it cannot read, and notes a status it does not know', async () => {
    await setup();
    fake.oddItems.push(
      { name: 'no id', status: 'down' },
      { id: 'abc', status: 'down' },
      { id: 99, status: 'down', name: null, hostname: 'db.shop.example', lastdownstart: 'x' },
      { id: 100, status: 'sideways' },
    );
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(signal(), findings);
    expect(incidents.map((i) => [i.title, i.createdAt])).toEqual([
      ['Checkout API is down', '2026-11-22T08:51:00.000Z'],
      // No readable down-since: dated when Onwatch first saw it.
      ['db.shop.example is down', '2026-11-22T09:00:00.000Z'],
    ]);
    expect(findings.notes).toEqual([
      '2 checks could not be read: id: expected a numeric id',
      '1 Pingdom check has a status Onwatch does not know: not shown as down',
    ]);
  });

  it('names the account by its owner and counts the checks by state', async () => {
    await setup();
    expect(await source.testConnection(signal())).toEqual({
      summary:
        'Pingdom account of Dana Ops: 5 checks (1 down, 1 up, 1 re-testing, 1 paused, 1 no data)',
      identity: 'Dana Ops',
      allowedActions: ['ack'],
    });
  });
});

describe('Pingdom checks on the Checks page', () => {
  it('lists every check with its state; only the down one has an incident', async () => {
    await setup();
    const incidents = await source.fetchIncidents(signal());
    const views = source.checks();
    expect(views.map((view) => [view.name, view.state])).toEqual(
      expect.arrayContaining([
        ['Checkout API', 'down'],
        ['Marketing site', 'up'],
        ['Mail relay', 'pending'],
        ['Legacy FTP', 'paused'],
        ['Status page', 'unknown'],
      ]),
    );
    const down = views.find((view) => view.state === 'down')!;
    expect(down).toMatchObject({
      sourceKind: 'pingdom',
      target: 'api.shop.example',
      canRunNow: false,
    });
    expect(down.incidentKey).toBe(incidents[0]!.key);
    expect(views.filter((view) => view.incidentKey)).toHaveLength(1);
  });
});
