import { afterEach, describe, expect, it } from 'vitest';
import { nodepingSourceConfigSchema } from '../../../../../electron/common/providers/nodeping.js';
import { NodepingSource } from '../../../../../electron/core/sources/nodeping/nodeping-source.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import type { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { startNodepingFake, type NodepingFake } from '../../../../fakes/nodeping-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';

let fake: NodepingFake;

afterEach(async () => {
  await fake.stop();
});

async function setup(customerId?: string) {
  const clock = new FakeClock();
  fake = await startNodepingFake({ now: () => clock.now() });
  const source = new NodepingSource({
    config: nodepingSourceConfigSchema.parse({
      kind: 'nodeping',
      id: 'np',
      name: 'NodePing',
      apiBaseUrl: `${fake.apiUrl}/`,
      ...(customerId && { customerId }),
    }),
    secrets: { token: fake.token },
    clock,
  });
  return { clock, source };
}

const signal = () => AbortSignal.timeout(5_000);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as SourceError,
  );
const lookups = () => fake.exchanges.filter((e) => /\/checks\/[^/]+$/.test(e.path)).length;

describe('NodePing checks', () => {
  it('raises an active check with state 0, dated by firstdown (ms), its last result the reason', async () => {
    const { source } = await setup();
    const incidents = await source.fetchIncidents(signal());
    // The disabled check is left out although its last state was 0.
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      externalId: `${fake.primaryId}-0J2HSIRF`,
      title: 'Checkout API is failing',
      status: 'triggered',
      urgency: 'high',
      createdAt: '2026-11-22T08:53:00.000Z',
      labels: { monitor: 'nodeping', type: 'HTTP', target: 'https://api.shop.example/health' },
      annotations: {
        summary: 'Checkout API is failing: Connection refused',
        lastResult: 'Connection refused',
        resultCode: 'Error',
        downSince: '2026-11-22T08:53:00.000Z',
        testedEvery: '1 min',
      },
    });
    expect(fake.exchanges.at(-1)!.query).toEqual([['lastresult', 'true']]);
  });

  it('asks for a failure’s last result once, and again for a new failure', async () => {
    const { source } = await setup();
    await source.fetchIncidents(signal());
    await source.fetchIncidents(signal());
    expect(lookups()).toBe(1);
    fake.checks[fake.primaryId]![0]!.firstdown! += 60_000;
    await source.fetchIncidents(signal());
    expect(lookups()).toBe(2);
  });

  it('reads a sub-account, and lists a check muted in NodePing at low urgency', async () => {
    const { source } = await setup('201911191821A7ZKQ');
    const [staging] = await source.fetchIncidents(signal());
    expect(fake.exchanges[0]!.query).toEqual([['customerid', fake.subAccountId]]);
    expect(staging).toMatchObject({
      title: 'Staging API is failing',
      urgency: 'low',
      annotations: { muted: 'yes', resultCode: '503' },
    });
  });

  it('keeps an ack through a refusal and forgets it once the check passes', async () => {
    const { source } = await setup();
    const [failing] = await source.fetchIncidents(signal());
    await source.act(failing!, { type: 'ack' });
    fake.refuseWith({ status: 403, error: 'Access denied' });
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth', status: 403 });
    expect(refused.message).toBe('NodePing refused the API token (HTTP 403): Access denied');
    fake.refuseWith(null);
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('acknowledged');

    fake.checks[fake.primaryId]![0]!.state = 1;
    expect(await source.fetchIncidents(signal())).toEqual([]);
    fake.checks[fake.primaryId]![0]!.state = 0;
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('triggered');
  });
});

describe('refusals', () => {
  it('reads an error body under a 200 as a refusal, never as an empty account', async () => {
    const { source } = await setup('NOSUCHACCOUNT');
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'rejected', status: 200 });
    expect(refused.message).toBe(
      'NodePing refused the request: No such sub-account: NOSUCHACCOUNT',
    );
  });

  it('takes an expired token’s words as a credential problem whatever the status', async () => {
    const { source } = await setup();
    fake.refuseWith({ status: 200, error: `Invalid token ${fake.token}` });
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth' });
    expect(refused.message).toBe('NodePing refused the API token: Invalid token [redacted]');
  });

  it('reads a 429 as throttling', async () => {
    const { source } = await setup();
    fake.refuseWith({ status: 429, error: 'Too many requests' });
    expect(await failure(source.fetchIncidents(signal()))).toMatchObject({
      kind: 'rate-limited',
      status: 429,
    });
  });

  it('sends the token as the Basic username only', async () => {
    const { source } = await setup();
    await source.fetchIncidents(signal());
    for (const exchange of fake.exchanges) {
      expect(exchange.headers?.authorization).toBe(
        `Basic ${Buffer.from(`${fake.token}:`).toString('base64')}`,
      );
      expect(exchange.query.flat()).not.toContain(fake.token);
    }
  });
});

describe('odd checks and Test connection', () => {
  it('costs only the check it cannot read', async () => {
    const { source } = await setup();
    Object.assign(fake.oddItems, {
      'X-1': { label: 'no id', enable: 'active', state: 0 },
      'X-2': 'not a check',
      'X-3': {
        _id: 'X-3',
        enable: 'active',
        state: 0,
        label: null,
        parameters: { target: 'db.shop.example:5432' },
        firstdown: 'soon',
        mute: 'maybe',
      },
    });
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(signal(), findings);
    expect(incidents.map((i) => [i.title, i.createdAt, i.urgency])).toEqual([
      ['Checkout API is failing', '2026-11-22T08:53:00.000Z', 'high'],
      ['db.shop.example:5432 is failing', '2026-11-22T09:00:00.000Z', 'high'],
    ]);
    expect(findings.notes[0]).toMatch(/^2 checks could not be read: _id: /);
    expect(findings.notes[1]).toMatch(/^the last result of NodePing check X-3 could not be read/);
  });

  it('names the account and counts the checks by state', async () => {
    const { source } = await setup();
    expect(await source.testConnection(signal())).toEqual({
      summary: 'NodePing account Acme Ops: 3 checks (1 failing, 1 passing, 1 disabled)',
      identity: 'Acme Ops',
      allowedActions: ['ack'],
    });
  });
});

describe('NodePing checks on the Checks page', () => {
  it('lists every check; a failing one carries its last message and its incident', async () => {
    const { source } = await setup();
    const incidents = await source.fetchIncidents(signal());
    const views = source.checks();
    expect(views.length).toBeGreaterThan(incidents.length);
    const failing = views.find((view) => view.state === 'down')!;
    expect(failing).toMatchObject({
      sourceKind: 'nodeping',
      name: 'Checkout API',
      canRunNow: false,
    });
    expect(failing.incidentKey).toBe(incidents.find((i) => i.service === 'Checkout API')!.key);
    expect(failing.last?.ok).toBe(false);
    expect(views.find((view) => view.name === 'Marketing site')).toMatchObject({ state: 'up' });
  });
});
