import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/ports/clock.js';
import { SharedLimits } from '../../electron/core/sources/rate-limit/shared-limits.js';
import {
  StatuspageClient,
  type StatuspageClientOptions,
} from '../../electron/core/statuspage/statuspage-client.js';
import {
  startStatuspageFake,
  type StatuspageFake,
  type StatuspageFakeOptions,
} from '../fakes/statuspage-fake.js';

/*
 * The client against the loopback fake, over real sockets: the key's budget keeps it inside
 * the one-per-second limit, a 420/429 is waited out (as long as Retry-After says), lists are
 * read page by page and item by item, and refusals reach the form in plain words.
 */

const running: StatuspageFake[] = [];
afterEach(async () => {
  for (const fake of running.splice(0)) await fake.stop();
});

async function fakeWith(options: StatuspageFakeOptions) {
  const fake = await startStatuspageFake(options);
  running.push(fake);
  return fake;
}

const clientFor = (fake: StatuspageFake, options: Partial<StatuspageClientOptions> = {}) =>
  new StatuspageClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    clock: systemClock,
    limits: new SharedLimits(),
    ...options,
  });
const signal = () => AbortSignal.timeout(15_000);

describe('StatuspageClient', () => {
  it('sends the key as OAuth in the Authorization header, never in the URL', async () => {
    const fake = await fakeWith({});
    await clientFor(fake).listPages(signal());
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe(`OAuth ${fake.apiKey}`);
    expect(fake.requests[0]!.query).toEqual([]);
  });

  it('stays inside the rate limit that refuses a client without a budget', async () => {
    // Scaled ten times: ten per second over a rolling second.
    const fake = await fakeWith({ rateLimit: { limit: 10, windowMs: 1_000 } });
    const hasty = fake.issueKey();
    const answers = await Promise.all(
      Array.from({ length: 15 }, () =>
        fetch(`${fake.baseUrl}/pages`, { headers: { Authorization: `OAuth ${hasty}` } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 420, 429]));
    const throttledBefore = fake.throttled;

    const client = clientFor(fake, {
      budget: { perSecond: 10, burst: 3, windowMs: 1_000, marginMs: 50 },
    });
    const started = Date.now();
    // Reads and writes share the key's one budget.
    await Promise.all([
      ...Array.from({ length: 20 }, () => client.listPages(signal())),
      client.createIncident(
        fake.pages.internal,
        { name: 'VPN drops', status: 'investigating' },
        signal(),
      ),
    ]);
    expect(fake.throttled).toBe(throttledBefore);
    // 21 calls at ten per second after a burst of three take well over a second.
    expect(Date.now() - started).toBeGreaterThan(1_500);
  });

  it('waits as long as Retry-After asks when it is throttled anyway, then succeeds', async () => {
    const fake = await fakeWith({
      rateLimit: { limit: 1, windowMs: 1_000 },
      retryAfterSeconds: 1,
      throttleStatus: 420,
    });
    // A budget far more generous than the fake, as a key shared with another tool would be.
    const client = clientFor(fake, {
      budget: { perSecond: 100, burst: 10, windowMs: 1_000, marginMs: 0 },
    });
    await client.listPages(signal());
    const started = Date.now();
    const pages = await client.listPages(signal());
    expect(pages.items).toHaveLength(2);
    expect(fake.throttled).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('reads every page of a list, and knows a short page is the last', async () => {
    const fake = await fakeWith({ pageSize: 3 });
    const client = clientFor(fake, { pageSize: 3 });
    const components = await client.listComponents(fake.pages.public, signal());
    expect(components.items.map((c) => c.id)).toEqual([
      'grpapi000001',
      'cmpcheckout1',
      'cmppayments1',
      'cmpsearch001',
      'cmpwebsite01',
      'grpjobs00001',
      'cmporders001',
      'cmpemails001',
    ]);
    expect(fake.requests.map((r) => new URLSearchParams(r.query).get('page'))).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('keeps the items that make sense and counts the rest', async () => {
    const fake = await fakeWith({});
    fake.setFault({
      status: 200,
      body: [
        { id: 'inc1', name: 'Fine', status: 'investigating', created_at: '2026-11-22T09:00:00Z' },
        { id: 'inc2', name: 'No date', status: 'investigating' },
        {
          id: 'inc3',
          name: 'Odd status but fine',
          status: 'brand_new_status',
          created_at: '2026-11-22T09:00:00Z',
          components: null,
        },
        'not an incident',
      ],
    });
    const listed = await clientFor(fake).listUnresolvedIncidents(fake.pages.public, signal());
    expect(listed.items.map((i) => i.id)).toEqual(['inc1', 'inc3']);
    expect(listed.skipped).toBe(2);
  });

  it('says in plain words what went wrong, without the key', async () => {
    const fake = await fakeWith({});
    const client = clientFor(fake);
    await expect(
      client.createIncident(fake.pages.public, { name: 'x'.repeat(256) }, signal()),
    ).rejects.toMatchObject({
      kind: 'rejected',
      message: 'Statuspage refused it: Name is too long (maximum is 255 characters)',
    });
    await expect(
      client.createIncident(
        fake.pages.public,
        { name: 'x', components: { grpapi000001: 'major_outage' } },
        signal(),
      ),
    ).rejects.toMatchObject({
      kind: 'rejected',
      message: 'Statuspage refused it: API is a component group',
    });
    await expect(
      clientFor(fake, { apiKey: 'not-the-key' }).listPages(signal()),
    ).rejects.toMatchObject({
      kind: 'auth',
      message: 'Statuspage did not accept the API key (HTTP 401)',
    });
    fake.setFault({ status: 502, body: { message: `proxy saw OAuth ${fake.apiKey}` } });
    const failure = await client.listPages(signal()).catch((error: Error) => error);
    expect(failure).toMatchObject({ kind: 'server' });
    expect(String((failure as Error).message)).not.toContain(fake.apiKey);
  });
});
