import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../electron/common/model/incident.js';
import { splunkOnCallSourceConfigSchema } from '../../electron/common/providers/splunk-oncall.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { SplunkOnCallSource } from '../../electron/core/sources/splunk-oncall/splunk-oncall-source.js';
import {
  startSplunkOnCallFake,
  type FakeExchange,
  type SplunkOnCallFake,
} from '../fakes/splunk-oncall-fake.js';

/*
 * Contract test: Splunk On-Call publishes no spec we can pin, so the contract is our own
 * JSON Schema, written from PROVIDERS.md §3. Every request SplunkOnCallSource sends and
 * every answer the fake gives during a whole session must match it; the fake is only worth
 * trusting while that holds, and the source only while it sends what the API takes.
 */

const schemaFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../support/schemas/splunk-oncall.schema.json',
);

/** One call we make, and the $defs that describe it. */
interface Operation {
  method: string;
  path: RegExp;
  query: string;
  request?: string;
  /** The 200's body; none means the 200 has no body. */
  response?: string;
}

const operations: Operation[] = [
  {
    method: 'GET',
    path: /^\/api-public\/v1\/incidents$/,
    query: 'noQuery',
    response: 'listIncidentsResponse',
  },
  {
    method: 'PATCH',
    path: /^\/api-public\/v1\/incidents\/(ack|resolve)$/,
    query: 'noQuery',
    request: 'ackOrResolveRequest',
    response: 'ackOrResolveResponse',
  },
  {
    method: 'POST',
    path: /^\/api-public\/v1\/incidents\/reroute$/,
    query: 'noQuery',
    request: 'rerouteRequest',
    response: 'rerouteResponse',
  },
  {
    method: 'GET',
    path: /^\/api-public\/v1\/oncall\/current$/,
    query: 'noQuery',
    response: 'onCallCurrentResponse',
  },
  {
    method: 'GET',
    path: /^\/api-public\/v2\/team\/[^/]+\/oncall\/schedule$/,
    query: 'teamScheduleQuery',
    response: 'teamScheduleResponse',
  },
  // Cover (COVERAGE.md §3): the absence, its per-policy assignments, and take on-call.
  { method: 'GET', path: /^\/api-public\/v2\/user$/, query: 'noQuery', response: 'usersResponse' },
  {
    method: 'GET',
    path: /^\/api-public\/v1\/overrides$/,
    query: 'noQuery',
    response: 'overrideListResponse',
  },
  {
    method: 'POST',
    path: /^\/api-public\/v1\/overrides$/,
    query: 'noQuery',
    request: 'overrideRequest',
    response: 'overrideCreatedResponse',
  },
  { method: 'DELETE', path: /^\/api-public\/v1\/overrides\/[^/]+$/, query: 'noQuery' },
  {
    method: 'GET',
    path: /^\/api-public\/v1\/overrides\/[^/]+\/assignments$/,
    query: 'noQuery',
    response: 'assignmentListResponse',
  },
  {
    method: 'PUT',
    path: /^\/api-public\/v1\/overrides\/[^/]+\/assignments\/[^/]+$/,
    query: 'noQuery',
    request: 'assignmentRequest',
    response: 'assignment',
  },
  {
    method: 'PATCH',
    path: /^\/api-public\/v1\/policies\/[^/]+\/oncall\/user$/,
    query: 'noQuery',
    request: 'takeRequest',
    response: 'takeResponse',
  },
];

function operationOf(exchange: FakeExchange): Operation | undefined {
  return operations.find((o) => o.method === exchange.method && o.path.test(exchange.path));
}

class SplunkOnCallContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly id: string;

  constructor(schemaText: string) {
    const schema = JSON.parse(schemaText) as { $id: string };
    addFormats.default(this.ajv);
    this.ajv.addSchema(schema);
    this.id = schema.$id;
  }

  /** What is wrong with one exchange; empty when nothing is. */
  check(exchange: FakeExchange): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    const operation = operationOf(exchange);
    if (!operation) return [`${where}: not an operation in the contract`];
    return [
      ...this.validate(
        `${where} headers`,
        operation.request ? 'writeHeaders' : 'requestHeaders',
        exchange.headers,
      ),
      // Query values are text on the wire; numbers are compared as numbers.
      ...this.validate(
        `${where} query`,
        operation.query,
        Object.fromEntries(
          Object.entries(exchange.query).map(([k, v]) => [k, /^-?\d+$/.test(v) ? Number(v) : v]),
        ),
      ),
      ...this.checkBody(where, operation, exchange.body),
      ...this.checkAnswer(exchange),
    ];
  }

  /** The answer alone, for requests the source did not send. */
  checkAnswer(exchange: FakeExchange): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    const operation = operationOf(exchange);
    if (!operation) return [`${where}: not an operation in the contract`];
    const definition = exchange.status === 200 ? operation.response : 'errorResponse';
    if (definition === undefined) {
      return exchange.responseBody === ''
        ? []
        : [`${where} response ${exchange.status}: a body where the call answers none`];
    }
    return this.validateJson(
      `${where} response ${exchange.status}`,
      definition,
      exchange.responseBody,
    );
  }

  private checkBody(where: string, operation: Operation, body: string): string[] {
    if (!operation.request) return body ? [`${where}: sends a body the call does not take`] : [];
    return this.validateJson(`${where} request body`, operation.request, body);
  }

  private validateJson(what: string, definition: string, text: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [`${what}: not JSON`];
    }
    return this.validate(what, definition, value);
  }

  private validate(what: string, definition: string, value: unknown): string[] {
    const validate = this.ajv.getSchema(`${this.id}#/$defs/${definition}`);
    if (!validate) return [`${what}: no definition ${definition}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e: ErrorObject) => `${what}: ${e.instancePath || '/'} ${e.message}`,
    );
  }
}

const hour = 3_600_000;
const contract = new SplunkOnCallContract(readFileSync(schemaFile, 'utf8'));
const signal = () => AbortSignal.timeout(10_000);
const first = { actionId: 'contract-1', mayHaveBeenSent: false };
const again = { actionId: 'contract-1', mayHaveBeenSent: true };

function sourceFor(fake: SplunkOnCallFake, apiKey = fake.apiKey) {
  return new SplunkOnCallSource({
    config: splunkOnCallSourceConfigSchema.parse({
      kind: 'splunk-oncall',
      id: 'vo-contract',
      name: 'Contract',
      apiId: fake.apiId,
      username: fake.users[0],
      apiBaseUrl: fake.url,
    }),
    secrets: { token: apiKey },
    clock: systemClock,
  });
}

describe('Splunk On-Call contract (hand-written JSON Schema)', () => {
  let fake: SplunkOnCallFake;
  let throttled: SplunkOnCallFake;

  beforeAll(async () => {
    fake = await startSplunkOnCallFake({ apiId: 'contract-api' });
    throttled = await startSplunkOnCallFake({ apiId: 'contract-throttled', rateLimitPerMinute: 3 });
  });

  afterAll(async () => {
    await fake?.stop();
    await throttled?.stop();
  });

  it('sends and answers only what the contract allows, across a whole session', async () => {
    const source = sourceFor(fake);
    const byNumber = async (n: string) =>
      (await source.fetchIncidents(signal())).find((i) => i.externalId === n)!;
    const gone: Incident = { ...(await byNumber('1201')), externalId: '1203', number: '#1203' };

    await source.testConnection(signal());
    await source.act(await byNumber('1201'), { type: 'ack' }, signal(), first);
    await source.act(await byNumber('1201'), { type: 'ack' }, signal(), again);
    await source.act(await byNumber('1202'), { type: 'resolve' }, signal(), first);
    await source.act(gone, { type: 'ack' }, signal(), first); // refused: already resolved
    const toCarol = { type: 'reassign', target: { kind: 'user', id: 'carol' } } as const;
    await source.act(await byNumber('1204'), toCarol, signal(), first);
    const toDb = { type: 'reassign', target: { kind: 'escalation-policy', id: 'pol-db' } } as const;
    await source.act(await byNumber('1201'), toDb, signal(), first);
    const now = Date.now();
    const shifts = await source.fetchShifts({ since: now, until: now + 7 * 86_400_000 }, signal());
    expect(shifts.some((s) => s.isMe)).toBe(true);

    // Error answers belong to the contract too: a wrong key, and no key at all.
    await expect(sourceFor(fake, 'wrong-key').fetchIncidents(signal())).rejects.toMatchObject({
      kind: 'auth',
    });
    await fetch(`${fake.url}/api-public/v1/incidents`);
    const bare = fake.requests.pop()!;
    expect(bare.status).toBe(401);
    expect(contract.checkAnswer(bare)).toEqual([]);

    // The session must have exercised every operation, or this proves little.
    const seen = new Set(fake.requests.map((e) => `${e.method} ${e.path}`));
    expect([...seen].sort()).toEqual([
      'GET /api-public/v1/incidents',
      'GET /api-public/v1/oncall/current',
      'GET /api-public/v2/team/team-db/oncall/schedule',
      'GET /api-public/v2/team/team-ops/oncall/schedule',
      'PATCH /api-public/v1/incidents/ack',
      'PATCH /api-public/v1/incidents/resolve',
      'POST /api-public/v1/incidents/reroute',
    ]);
    expect(new Set(fake.requests.map((e) => e.status))).toEqual(new Set([200, 403]));
    expect(fake.requests.flatMap((e) => contract.check(e))).toEqual([]);
  });

  it('answers a burst with a 403 the contract allows, which the source reads as throttling', async () => {
    const source = sourceFor(throttled);
    for (let i = 0; i < 3; i++) await source.fetchIncidents(signal());
    await expect(source.fetchIncidents(signal())).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(throttled.requests.map((e) => e.status)).toEqual([200, 200, 200, 403]);
    expect(throttled.requests.flatMap((e) => contract.check(e))).toEqual([]);
  });

  it('covers an absence, assigns its policies and takes on-call, all within the contract', async () => {
    const coverFake = await startSplunkOnCallFake({ apiId: 'contract-cover' });
    try {
      const { coverage } = sourceFor(coverFake);
      const now = Date.now();
      const target = {
        coverId: 'c1',
        scheduleId: 'pol-ops-primary',
        requestedAt: now,
        start: Math.floor((now + 10 * hour) / 1000) * 1000,
        end: Math.floor((now + 12 * hour) / 1000) * 1000,
        coverUser: { id: 'bob', name: 'Bob Example' },
        forUser: { name: 'alice' },
      };
      expect((await coverage.teammates(signal())).map((t) => t.id)).toEqual([
        'bob',
        'carol',
        'dave',
      ]);
      expect(await coverage.findCover(target, signal())).toBeUndefined();
      expect(await coverage.createCover(target, signal())).toEqual({});
      // Found again after a lost answer: already assigned, so nothing is sent twice.
      expect(await coverage.findCover(target, signal())).toEqual({});
      await coverage.removeCover(target, now, signal());
      // A policy this key may not assign: refused (403), reported as still unassigned.
      coverFake.refuseAssignments(['pol-ops-primary']);
      expect(await coverage.createCover({ ...target, coverId: 'c2' }, signal())).toEqual({
        unassignedPolicies: ['pol-ops-primary'],
      });
      // Within 30 minutes: take on-call, and hand it back.
      const soon = { ...target, coverId: 'c3', start: now + 5 * 60_000 };
      await coverage.createCover(soon, signal());
      await coverage.removeCover(soon, now, signal());

      const calls = coverFake.requests.map(
        (e) => `${e.method} ${e.path.replace(/ovr-[^/]+/, '{id}')} ${e.status}`,
      );
      expect([...new Set(calls)].sort()).toEqual([
        'DELETE /api-public/v1/overrides/{id} 200',
        'GET /api-public/v1/overrides 200',
        'GET /api-public/v1/overrides/{id}/assignments 200',
        'GET /api-public/v2/user 200',
        'PATCH /api-public/v1/policies/pol-ops-primary/oncall/user 200',
        'POST /api-public/v1/overrides 200',
        'PUT /api-public/v1/overrides/{id}/assignments/pol-ops-primary 200',
        'PUT /api-public/v1/overrides/{id}/assignments/pol-ops-primary 403',
      ]);
      // One assignment made in all: the retry found it done.
      expect(calls.filter((c) => c.startsWith('PUT') && c.endsWith('200'))).toHaveLength(1);
      expect(coverFake.requests.flatMap((e) => contract.check(e))).toEqual([]);
    } finally {
      await coverFake.stop();
    }
  });

  describe('the checker itself fails on violations', () => {
    const headers = { 'x-vo-api-id': 'id', 'x-vo-api-key': 'key' };
    const ack: FakeExchange = {
      method: 'PATCH',
      path: '/api-public/v1/incidents/ack',
      query: {},
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'alice', incidentNames: ['1201'], message: 'ack' }),
      status: 200,
      responseBody: JSON.stringify({
        results: [{ incidentNumber: '1201', entityId: 'x', cmdAccepted: true, message: 'ok' }],
      }),
    };
    const schedule: FakeExchange = {
      method: 'GET',
      path: '/api-public/v2/team/team-ops/oncall/schedule',
      query: { daysForward: '14' },
      headers,
      body: '',
      status: 200,
      responseBody: JSON.stringify({
        team: { name: 'Ops', slug: 'team-ops' },
        schedules: [
          {
            policy: { name: 'Ops Primary', slug: 'pol-ops' },
            schedule: [
              {
                rolls: [
                  {
                    start: '2026-11-22T00:00:00Z',
                    end: '2026-11-29T00:00:00Z',
                    isRoll: true,
                    onCallUser: { username: 'alice' },
                  },
                ],
              },
            ],
          },
        ],
      }),
    };

    it('accepts valid exchanges', () => {
      expect(contract.check(ack)).toEqual([]);
      expect(contract.check(schedule)).toEqual([]);
    });

    it('rejects an ack without userName, and incident numbers sent as numbers', () => {
      const problems = contract.check({
        ...ack,
        body: JSON.stringify({ incidentNames: [1201], message: 'ack' }),
      });
      expect(problems).toEqual([
        "PATCH /api-public/v1/incidents/ack request body: / must have required property 'userName'",
        'PATCH /api-public/v1/incidents/ack request body: /incidentNames/0 must be string',
      ]);
    });

    it('rejects unknown body fields, a missing key header and a body without content type', () => {
      const problems = contract
        .check({
          ...ack,
          headers: { 'x-vo-api-id': 'id' },
          body: JSON.stringify({ userName: 'alice', incidentNames: ['1'], note: 'typo' }),
        })
        .join('\n');
      expect(problems).toMatch(/headers: \/ must have required property 'x-vo-api-key'/);
      expect(problems).toMatch(/headers: \/ must have required property 'content-type'/);
      expect(problems).toMatch(/request body: \/ must NOT have additional properties/);
    });

    it('rejects a response without cmdAccepted', () => {
      const problems = contract.check({
        ...ack,
        responseBody: JSON.stringify({ results: [{ incidentNumber: '1201' }] }),
      });
      expect(problems).toEqual([
        "PATCH /api-public/v1/incidents/ack response 200: /results/0 must have required property 'cmdAccepted'",
      ]);
    });

    it('rejects an out-of-range or misspelt schedule parameter', () => {
      expect(contract.check({ ...schedule, query: { daysForward: '31' } })).toEqual([
        'GET /api-public/v2/team/team-ops/oncall/schedule query: /daysForward must be <= 30',
      ]);
      expect(contract.check({ ...schedule, query: { daysFwd: '14' } })).toEqual([
        'GET /api-public/v2/team/team-ops/oncall/schedule query: / must NOT have additional properties',
      ]);
    });

    it('rejects assignments wrapped in an object, and an assignment body with a typo', () => {
      const list: FakeExchange = {
        method: 'GET',
        path: '/api-public/v1/overrides/ovr-1/assignments',
        query: {},
        headers,
        body: '',
        status: 200,
        responseBody: JSON.stringify({ assignments: [{ policy: 'pol-ops', assigned: false }] }),
      };
      expect(contract.check(list)).toEqual([
        'GET /api-public/v1/overrides/ovr-1/assignments response 200: / must be array',
      ]);
      const put: FakeExchange = {
        method: 'PUT',
        path: '/api-public/v1/overrides/ovr-1/assignments/pol-ops',
        query: {},
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'bob' }),
        status: 200,
        responseBody: JSON.stringify({ policy: 'pol-ops', user: 'bob', assigned: true }),
      };
      expect(contract.check(put).join('\n')).toMatch(/must have required property 'username'/);
    });

    it('rejects an absence without its time zone, and a body on the DELETE answer', () => {
      const post: FakeExchange = {
        method: 'POST',
        path: '/api-public/v1/overrides',
        query: {},
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'alice',
          start: '2026-11-22T10:00:00Z',
          end: '2026-11-22T12:00:00Z',
        }),
        status: 200,
        responseBody: JSON.stringify({
          schedule: {
            publicId: 'ovr-1',
            user: { username: 'alice' },
            start: '2026-11-22T10:00:00Z',
            end: '2026-11-22T12:00:00Z',
          },
        }),
      };
      expect(contract.check(post)).toEqual([
        "POST /api-public/v1/overrides request body: / must have required property 'timezone'",
      ]);
      const remove: FakeExchange = {
        method: 'DELETE',
        path: '/api-public/v1/overrides/ovr-1',
        query: {},
        headers,
        body: '',
        status: 200,
        responseBody: '{}',
      };
      expect(contract.check(remove)).toEqual([
        'DELETE /api-public/v1/overrides/ovr-1 response 200: a body where the call answers none',
      ]);
    });

    it('rejects a roll without its times, and a call outside the contract', () => {
      const broken = JSON.parse(schedule.responseBody);
      delete broken.schedules[0].schedule[0].rolls[0].end;
      expect(contract.check({ ...schedule, responseBody: JSON.stringify(broken) })).toEqual([
        "GET /api-public/v2/team/team-ops/oncall/schedule response 200: /schedules/0/schedule/0/rolls/0 must have required property 'end'",
      ]);
      expect(
        contract.check({ ...schedule, path: '/api-public/v1/team/team-ops/oncall/schedule' }),
      ).toEqual([
        'GET /api-public/v1/team/team-ops/oncall/schedule: not an operation in the contract',
      ]);
    });
  });
});
