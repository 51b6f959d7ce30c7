import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentAction } from '../../../../../electron/common/model/action.js';
import type { Incident } from '../../../../../electron/common/model/incident.js';
import { SharedLimits } from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import { splunkOnCallSourceConfigSchema } from '../../../../../electron/common/providers/splunk-oncall.js';
import { SplunkOnCallSource } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-source.js';
import {
  startSplunkOnCallFake,
  type SplunkOnCallFake,
  type SplunkOnCallFakeOptions,
} from '../../../../fakes/splunk-oncall-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { startLoopbackServer, type LoopbackServer } from '../../../../support/loopback-server.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * SplunkOnCallSource against the loopback fake, on a fake clock shared by both so the
 * 60 calls/min budget and the fake's own limit can be driven without sleeping. Sources on
 * one clock share a budget per API id, so each test's fresh clock starts with a full one.
 */

const day = 24 * 60 * 60_000;
let apiIds = 0;
let fake: SplunkOnCallFake | undefined;
let stub: LoopbackServer | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  await stub?.stop();
  stub = undefined;
});

async function setup(fakeOptions: SplunkOnCallFakeOptions = {}) {
  const clock = new FakeClock();
  const apiId = `unit-api-${++apiIds}`;
  fake = await startSplunkOnCallFake({ apiId, now: () => clock.now(), ...fakeOptions });
  const running = fake;
  // Sources of one core share the provider budgets, as the source registry hands them out.
  const rateLimits = new SharedLimits();
  const source = (apiKey: string | undefined) =>
    new SplunkOnCallSource({
      config: splunkOnCallSourceConfigSchema.parse({
        kind: 'splunk-oncall',
        id: 'vo',
        name: 'Splunk On-Call',
        apiId,
        username: 'alice',
        apiBaseUrl: `${running.url}/`,
      }),
      secrets: { token: apiKey },
      clock,
      rateLimits,
    });
  return { clock, fake: running, source: source(running.apiKey), sourceWithKey: source };
}

const signal = () => AbortSignal.timeout(5_000);
const sent = { actionId: 'a-1', mayHaveBeenSent: false };
const resent = { actionId: 'a-1', mayHaveBeenSent: true };

async function incident(source: SplunkOnCallSource, number: string): Promise<Incident> {
  const found = (await source.fetchIncidents(signal())).find((i) => i.externalId === number);
  if (!found) throw new Error(`incident ${number} not listed`);
  return found;
}

/** An incident the source never listed, e.g. one that never existed. */
const unlisted = (number: string): Incident => ({
  key: `vo:${number}`,
  sourceId: 'vo',
  externalId: number,
  number: `#${number}`,
  title: 'gone',
  status: 'triggered',
  urgency: 'high',
  createdAt: '2026-11-22T09:00:00.000Z',
  assignedToMe: true,
  assignees: [],
  labels: {},
  links: [],
  capabilities: { ack: true, resolve: true, reassign: true } as Incident['capabilities'],
});

const calls = (f: SplunkOnCallFake) => f.requests.map((r) => `${r.method} ${r.path}`);

describe('SplunkOnCallSource: incidents', () => {
  it('lists open incidents with both credentials, dropping resolved ones', async () => {
    const { fake, source } = await setup();
    const incidents = await source.fetchIncidents(signal());
    expect(incidents.map((i) => [i.number, i.status, i.assignedToMe])).toEqual([
      ['#1201', 'triggered', true],
      ['#1202', 'acknowledged', true],
      ['#1204', 'triggered', false],
    ]);
    expect(incidents[0]).toMatchObject({
      title: 'Disk /var 95% full on db-1',
      service: 'postgres',
      urgency: 'high',
      labels: { host: 'db-1', routingKey: 'database', pagedPolicies: 'pol-db' },
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/api-public/v1/incidents' });
    expect(request!.headers['x-vo-api-id']).toBe(fake.apiId);
    expect(request!.headers['x-vo-api-key']).toBe(fake.apiKey);
  });

  it('shows an incident listed twice once, as the louder of the two', async () => {
    const { fake, source } = await setup();
    fake.incidents.push({ ...fake.incidents[0]!, currentPhase: 'acknowledged' });
    fake.incidents.unshift({ ...fake.incidents[0]!, currentPhase: 'acknowledged' });
    const listed = (await source.fetchIncidents(signal())).filter((i) => i.externalId === '1201');
    expect(listed.map((i) => i.status)).toEqual(['triggered']);
  });

  it('needs the API key before calling anything', async () => {
    const { fake, sourceWithKey } = await setup();
    const error = await sourceFailure(sourceWithKey(undefined).fetchIncidents(signal()));
    expect(error.kind).toBe('config');
    expect(fake.requests).toEqual([]);
  });
});

describe('SplunkOnCallSource: actions', () => {
  it('acks with the username, the incident number and a note', async () => {
    const { fake, source } = await setup();
    await source.act(await incident(source, '1201'), { type: 'ack' }, signal(), sent);
    const patch = fake.requests.at(-1)!;
    expect(patch).toMatchObject({ method: 'PATCH', path: '/api-public/v1/incidents/ack' });
    expect(patch.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(patch.body)).toEqual({
      userName: 'alice',
      incidentNames: ['1201'],
      message: 'Acknowledged in Onwatch',
    });
    expect((await incident(source, '1201')).status).toBe('acknowledged');
  });

  it('resolves, and the incident leaves the list', async () => {
    const { fake, source } = await setup();
    await source.act(await incident(source, '1202'), { type: 'resolve' }, signal(), sent);
    expect(JSON.parse(fake.requests.at(-1)!.body)).toEqual({
      userName: 'alice',
      incidentNames: ['1202'],
      message: 'Resolved in Onwatch',
    });
    expect(fake.requests.at(-1)!.path).toBe('/api-public/v1/incidents/resolve');
    const numbers = (await source.fetchIncidents(signal())).map((i) => i.externalId);
    expect(numbers).not.toContain('1202');
  });

  it('checks each incident on its own: one accepted, one refused', async () => {
    const { fake, source } = await setup();
    const [accepted, refused] = await Promise.allSettled([
      source.act(await incident(source, '1204'), { type: 'ack' }, signal(), sent),
      source.act(unlisted('9999'), { type: 'ack' }, signal(), sent),
    ]);
    expect(accepted.status).toBe('fulfilled');
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: {
        kind: 'rejected',
        message: 'Splunk On-Call refused to acknowledge incident #9999: Incident 9999 not found',
      },
    });
    expect(fake.incidents.find((i) => i.incidentNumber === '1204')!.currentPhase).toBe(
      'acknowledged',
    );
  });

  it('counts an action that had already happened as done', async () => {
    const { fake, source } = await setup();
    const resolved = unlisted('1203'); // resolved by someone else since we last looked
    await source.act(resolved, { type: 'ack' }, signal(), sent);
    await source.act(resolved, { type: 'resolve' }, signal(), sent);
    const acked = await incident(source, '1202');
    await source.act(acked, { type: 'ack' }, signal(), sent);
    expect(calls(fake).filter((c) => c.startsWith('PATCH'))).toHaveLength(3);
  });

  it('looks before resending an action whose first attempt may have landed', async () => {
    const { fake, source } = await setup();
    const target = await incident(source, '1201');
    await source.act(target, { type: 'ack' }, signal(), sent);
    fake.requests.length = 0;
    await source.act(target, { type: 'ack' }, signal(), resent);
    expect(calls(fake)).toEqual(['GET /api-public/v1/incidents']);
    // Not done yet: it looks, then sends.
    await source.act(target, { type: 'resolve' }, signal(), resent);
    expect(calls(fake).slice(1)).toEqual([
      'GET /api-public/v1/incidents',
      'PATCH /api-public/v1/incidents/resolve',
    ]);
  });

  it('reroutes to a user or an escalation policy', async () => {
    const { fake, source } = await setup();
    const target = await incident(source, '1204');
    const toCarol: IncidentAction = { type: 'reassign', target: { kind: 'user', id: 'carol' } };
    await source.act(target, toCarol, signal(), sent);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api-public/v1/incidents/reroute',
    });
    expect(JSON.parse(fake.requests.at(-1)!.body)).toEqual({
      userName: 'alice',
      reroutes: [{ incidentNumber: '1204', targets: [{ type: 'User', slug: 'carol' }] }],
    });
    const toDb: IncidentAction = {
      type: 'reassign',
      target: { kind: 'escalation-policy', id: 'pol-db' },
    };
    await source.act(target, toDb, signal(), sent);
    expect(JSON.parse(fake.requests.at(-1)!.body).reroutes[0].targets).toEqual([
      { type: 'EscalationPolicy', slug: 'pol-db' },
    ]);
    expect((await incident(source, '1204')).assignees).toEqual(['bob', 'carol']);
    // Resent after an unknown outcome: carol is already paged, so nothing is sent.
    fake.requests.length = 0;
    await source.act(target, toCarol, signal(), resent);
    expect(calls(fake)).toEqual(['GET /api-public/v1/incidents']);
  });

  it('reports a refused reroute with the reason', async () => {
    const { source } = await setup();
    const target = await incident(source, '1204');
    const toNobody: IncidentAction = { type: 'reassign', target: { kind: 'user', id: 'zed' } };
    const error = await sourceFailure(source.act(target, toNobody, signal(), sent));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'Splunk On-Call refused to reroute incident #1204: Unknown User zed',
    );
    const resolved = unlisted('1203');
    const toBob: IncidentAction = { type: 'reassign', target: { kind: 'user', id: 'carol' } };
    const refused = await sourceFailure(source.act(resolved, toBob, signal(), sent));
    expect(refused.message).toMatch(/Incident 1203 is resolved$/);
  });

  it('refuses actions Splunk On-Call has no API for, without calling it', async () => {
    const { fake, source } = await setup();
    const target = unlisted('1201');
    for (const action of [
      { type: 'snooze', minutes: 30 },
      { type: 'escalate' },
      { type: 'note', text: 'hi' },
      { type: 'silence', minutes: 30 },
    ] as IncidentAction[]) {
      expect((await sourceFailure(source.act(target, action, signal(), sent))).kind).toBe(
        'rejected',
      );
    }
    expect(fake.requests).toEqual([]);
  });
});

describe('SplunkOnCallSource: one answer about several incidents', () => {
  /** Answers every PATCH with `results` and every GET with `incidents`. */
  async function stubbed(results: unknown[], incidents: unknown[] = []) {
    const requests: string[] = [];
    stub = await startLoopbackServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.method === 'GET' ? { incidents } : { results }));
    });
    const source = new SplunkOnCallSource({
      config: splunkOnCallSourceConfigSchema.parse({
        kind: 'splunk-oncall',
        id: 'vo',
        name: 'Splunk On-Call',
        apiId: `unit-api-${++apiIds}`,
        username: 'alice',
        apiBaseUrl: stub.url,
      }),
      secrets: { token: 'key' },
      clock: new FakeClock(),
    });
    return { source, requests };
  }

  it('takes only its own incident’s verdict from the results', async () => {
    const mine = { incidentNumber: '1', entityId: 'a', cmdAccepted: true, message: 'ok' };
    const other = { incidentNumber: '2', entityId: 'b', cmdAccepted: false, message: 'no' };
    const { source } = await stubbed([other, mine]);
    await expect(
      source.act(unlisted('1'), { type: 'ack' }, signal(), sent),
    ).resolves.toBeUndefined();
  });

  it('refuses when its own verdict is a refusal, even if another incident was accepted', async () => {
    const mine = { incidentNumber: '1', cmdAccepted: false, message: 'User is not paged' };
    const other = { incidentNumber: '2', cmdAccepted: true };
    const { source, requests } = await stubbed(
      [mine, other],
      [{ incidentNumber: '1', currentPhase: 'triggered' }],
    );
    const error = await sourceFailure(source.act(unlisted('1'), { type: 'ack' }, signal(), sent));
    expect(error).toMatchObject({ kind: 'rejected' });
    expect(error.message).toMatch(/acknowledge incident #1: User is not paged$/);
    // The refusal text is not documented, so the incident's phase was checked too.
    expect(requests).toEqual([
      'PATCH /api-public/v1/incidents/ack',
      'GET /api-public/v1/incidents',
    ]);
  });

  it('accepts a refusal whose incident turns out to be acknowledged already', async () => {
    const mine = { incidentNumber: '1', cmdAccepted: false, message: 'Cannot transition' };
    const { source } = await stubbed([mine], [{ incidentNumber: '1', currentPhase: 'ACKED' }]);
    await expect(
      source.act(unlisted('1'), { type: 'ack' }, signal(), sent),
    ).resolves.toBeUndefined();
  });

  it('treats an answer that does not mention its incident as unconfirmed', async () => {
    const { source } = await stubbed([{ incidentNumber: '2', cmdAccepted: true }]);
    const error = await sourceFailure(source.act(unlisted('1'), { type: 'ack' }, signal(), sent));
    expect(error).toMatchObject({ kind: 'bad-response' });
  });
});

describe('SplunkOnCallSource: connection test and shifts', () => {
  it('tests the connection with the cheap on-call call', async () => {
    const { fake, source } = await setup();
    await expect(source.testConnection(signal())).resolves.toEqual({
      summary: 'Splunk On-Call, 2 teams on call now',
      identity: 'alice',
      allowedActions: ['ack', 'resolve', 'reassign'],
    });
    expect(calls(fake)).toEqual(['GET /api-public/v1/oncall/current']);
  });

  it('builds shifts from team schedules, overrides applied, and caches them', async () => {
    const { clock, fake, source } = await setup();
    const now = clock.now();
    const window = { since: now - day, until: now + 14 * day };
    const shifts = await source.fetchShifts(window, signal());
    expect(calls(fake)).toEqual([
      'GET /api-public/v1/oncall/current',
      'GET /api-public/v2/team/team-ops/oncall/schedule',
      'GET /api-public/v2/team/team-db/oncall/schedule',
    ]);
    expect(fake.requests[1]!.query).toEqual({ daysForward: '14' });
    const line = (s: (typeof shifts)[number]) =>
      `${s.scheduleName}: ${s.userName}${s.isMe ? ' (me)' : ''} ${offset(s.start)}→${offset(s.end!)}`;
    const offset = (iso: string) => `${Math.round((Date.parse(iso) - hourOf(now)) / 3_600_000)}h`;
    expect(shifts.map(line)).toEqual([
      'Ops / Ops Primary: alice (me) -24h→48h',
      'Ops / Ops Primary: bob 48h→96h',
      'Ops / Ops Primary: alice (me) 96h→120h', // alice covers one of bob's days
      'Ops / Ops Primary: bob 120h→216h',
      'Ops / Ops Primary: alice (me) 216h→384h',
      'Database / DB on call: carol -72h→-1h',
      'Database / DB on call: bob -1h→6h', // bob covers carol right now
      'Database / DB on call: carol 6h→96h',
      'Database / DB on call: dave 96h→264h',
    ]);

    await clock.advance(4 * 60_000);
    await source.fetchShifts(window, signal());
    expect(fake.requests).toHaveLength(3);
    await clock.advance(60_000);
    await source.fetchShifts(window, signal());
    expect(fake.requests).toHaveLength(6);
  });

  it('asks for as many days as the window needs, up to 30', async () => {
    const { clock, fake, source } = await setup();
    const now = clock.now();
    const shifts = await source.fetchShifts({ since: now, until: now + 2 * day }, signal());
    expect(shifts.every((s) => Date.parse(s.start) < now + 2 * day)).toBe(true);
    await source.fetchShifts({ since: now, until: now + 45 * day }, signal());
    expect(fake.requests.map((r) => r.query.daysForward)).toEqual([
      undefined,
      '14',
      '14',
      undefined,
      '30',
      '30',
    ]);
  });
});

describe('SplunkOnCallSource: rate limits and faults', () => {
  it('makes the 61st call in a minute wait for a free slot instead of being throttled', async () => {
    const { clock, fake, source } = await setup();
    for (let i = 0; i < 60; i++) {
      if (i > 0) await clock.advance(1_000);
      await source.fetchIncidents(signal());
    }
    await clock.advance(500);
    const sixtyFirst = source.fetchIncidents(signal());
    await clock.advance(0);
    expect(fake.requests).toHaveLength(60);
    await clock.advance(500);
    await expect(sixtyFirst).resolves.toHaveLength(3);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('shares the budget between sources with the same API id', async () => {
    const { fake, source, sourceWithKey } = await setup();
    const other = sourceWithKey(fake.apiKey);
    for (let i = 0; i < 30; i++) {
      await source.fetchIncidents(signal());
      await other.fetchIncidents(signal());
    }
    const error = await sourceFailure(other.testConnection(signal()));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000 });
    expect(fake.requests).toHaveLength(60);
  });

  it('lets go of the shared budget when the last source using it is disposed', async () => {
    const { fake } = await setup();
    const rateLimits = new SharedLimits();
    const config = splunkOnCallSourceConfigSchema.parse({
      kind: 'splunk-oncall',
      id: 'vo',
      name: 'Splunk On-Call',
      apiId: fake.apiId,
      username: 'alice',
      apiBaseUrl: fake.url,
    });
    const make = () =>
      new SplunkOnCallSource({
        config,
        secrets: { token: fake.apiKey },
        clock: new FakeClock(),
        rateLimits,
      });
    const [a, b] = [make(), make()];
    expect(rateLimits.size).toBe(1);
    a.dispose();
    expect(rateLimits.size).toBe(1);
    b.dispose();
    expect(rateLimits.size).toBe(0);
  });

  it('reads a 403 after a burst as throttling, with no wait of its own, and recovers', async () => {
    const { clock, fake, source } = await setup({ rateLimitPerMinute: 55 });
    for (let i = 0; i < 55; i++) await source.fetchIncidents(signal());
    const error = await sourceFailure(source.fetchIncidents(signal()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 403, retryAfterMs: undefined });
    expect(error.message).toBe(
      'Splunk On-Call is throttling this API id (HTTP 403 after recent calls)',
    );
    expect(fake.requests.at(-1)!.status).toBe(403);
    // Splunk On-Call named no wait, so nothing is paused: the engine's next probe, one interval
    // on, reaches the provider, and is answered as soon as the provider's minute has passed.
    await clock.advance(30_000);
    expect((await sourceFailure(source.fetchIncidents(signal()))).kind).toBe('rate-limited');
    expect(fake.requests).toHaveLength(57);
    await clock.advance(30_000);
    await expect(source.fetchIncidents(signal())).resolves.toHaveLength(3);
  });

  it('pauses the API id for as long as a throttling 403 asks', async () => {
    const { clock } = await setup();
    stub = await startLoopbackServer((_req, res) => {
      res.writeHead(403, { 'Retry-After': '20' }).end('{"message":"Rate limit reached"}');
    });
    const throttled = new SplunkOnCallSource({
      config: splunkOnCallSourceConfigSchema.parse({
        kind: 'splunk-oncall',
        id: 'vo',
        name: 'Splunk On-Call',
        apiId: 'stubbed-api',
        username: 'alice',
        apiBaseUrl: stub.url,
      }),
      secrets: { token: 'stub-key-0123456789' },
      clock,
      rateLimits: new SharedLimits(),
    });
    const error = await sourceFailure(throttled.fetchIncidents(signal()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 403, retryAfterMs: 20_000 });
    expect(error.message).toContain('throttling this API id');
    expect(error.message).toContain('retry in 20 s');
    const paused = await sourceFailure(throttled.fetchIncidents(signal()));
    expect(paused.kind).toBe('rate-limited');
    expect(paused.retryAfterMs).toBe(20_000);
  });

  it('reads a 403 soon after this key worked as throttling by another client', async () => {
    const { fake, source } = await setup({ rateLimitPerMinute: 10 });
    await source.fetchIncidents(signal());
    const headers = { 'X-VO-Api-Id': fake.apiId, 'X-VO-Api-Key': fake.apiKey };
    for (let i = 0; i < 9; i++) {
      await fetch(`${fake.url}/api-public/v1/oncall/current`, { headers });
    }
    const error = await sourceFailure(source.fetchIncidents(signal()));
    expect(error.kind).toBe('rate-limited');
  });

  it('reads a 403 on the first call as a rejected key', async () => {
    const { fake, sourceWithKey } = await setup();
    const error = await sourceFailure(sourceWithKey('wrong-key').fetchIncidents(signal()));
    expect(error).toMatchObject({
      kind: 'auth',
      status: 403,
      message: 'API id or key rejected (HTTP 403)',
    });
    expect(error.message).not.toContain('wrong-key');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not let another key’s success excuse a 403', async () => {
    const { source, sourceWithKey } = await setup();
    await source.fetchIncidents(signal());
    const error = await sourceFailure(sourceWithKey('replaced-key').fetchIncidents(signal()));
    expect(error.kind).toBe('auth');
  });

  it('reads 401 as missing credentials', async () => {
    const { fake, source } = await setup();
    fake.setFault({ status: 401, body: { message: 'Authentication parameters missing' } });
    const error = await sourceFailure(source.fetchIncidents(signal()));
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error.message).toMatch(/missing \(HTTP 401\)/);
  });

  it('reads 429 as throttling, leaving the timing to the engine when no Retry-After is given', async () => {
    const { fake, source } = await setup();
    fake.setFault({ status: 429 });
    const error = await sourceFailure(source.fetchIncidents(signal()));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: undefined });
    fake.setFault(null);
    await expect(source.fetchIncidents(signal())).resolves.toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ['a server error', { status: 500 }, 'server'],
    ['a malformed answer', 'malformed', 'bad-response'],
    ['an answer of the wrong shape', { status: 200, body: { incidents: 'none' } }, 'bad-response'],
    ['a 400', { status: 400, body: { message: 'bad request' } }, 'rejected'],
  ] as const)('reports %s clearly and recovers once it clears', async (_what, fault, kind) => {
    const { fake, source } = await setup();
    fake.setFault(fault);
    expect((await sourceFailure(source.fetchIncidents(signal()))).kind).toBe(kind);
    fake.setFault(null);
    await expect(source.fetchIncidents(signal())).resolves.toHaveLength(3);
  });

  it('reports a provider that does not answer as a timeout, and recovers', async () => {
    const { fake, source } = await setup();
    fake.setFault('timeout');
    const error = await sourceFailure(source.fetchIncidents(AbortSignal.timeout(200)));
    expect(error.kind).toBe('timeout');
    fake.setFault(null);
    await expect(source.fetchIncidents(signal())).resolves.toHaveLength(3);
  });

  it('never retries a write itself: one failed PATCH is one request', async () => {
    const { fake, source } = await setup();
    const target = await incident(source, '1201');
    fake.setFault({ status: 503 });
    expect((await sourceFailure(source.act(target, { type: 'ack' }, signal(), sent))).kind).toBe(
      'server',
    );
    expect(calls(fake).filter((c) => c.startsWith('PATCH'))).toHaveLength(1);
  });
});

function hourOf(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3_600_000;
}
