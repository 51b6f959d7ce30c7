import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../electron/common/model/action.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { SharedLimits } from '../../electron/core/sources/rate-limit/shared-limits.js';
import {
  reachablePages,
  readStatusPage,
} from '../../electron/core/statuspage/status-page-reader.js';
import { StatuspageClient } from '../../electron/core/statuspage/statuspage-client.js';
import {
  StatuspageWriter,
  type StatuspageEntry,
  type StatuspageWrite,
} from '../../electron/core/statuspage/statuspage-writer.js';
import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage-fake.js';
import { ApiContract, startRecordingProxy, type Exchange } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * Contract test: a whole session of the Statuspage client and writer against the loopback
 * fake, through a recording proxy, and every request Onwatch sends and every answer the fake
 * gives checked against Atlassian's own OpenAPI spec. The fake is only a stand-in worth
 * trusting if its answers pass; the client's mistakes the real API would tolerate are caught.
 *
 * The spec is mended in memory where the vendor's file is wrong (specs/README.md): three
 * impossible `type` values, and a group's `components` typed as a string that its own example
 * and the live API give as an array of ids. The spec also declares no 420 or 429 (the rate
 * limit's answers, in its own text), and no error at all for reading or changing one incident;
 * such answers are checked against the spec's ErrorEntity instead.
 */

const specFile = specPath('statuspage-v1.openapi.json');

type Json = Record<string, unknown>;

/** The vendor's typos, each asserted present so a new spec that fixes them is noticed. */
function repairStatuspageSpec(spec: Json): void {
  const schemas = (spec.components as Json).schemas as Record<string, Json>;
  const metadata = (schemas.Incident!.properties as Record<string, Json>).metadata!;
  expect(metadata.type).toBe('Object');
  metadata.type = 'object';
  const paths = spec.paths as Record<string, Record<string, { parameters?: Json[] }>>;
  const mended: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const parameter of item.get?.parameters ?? []) {
      const schema = parameter.schema as Json | undefined;
      if (schema && (schema.type === 'PartialStartDate' || schema.type === 'PartialEndDate')) {
        schema.type = 'string';
        mended.push(`${path} ${String(parameter.name)}`);
      }
    }
  }
  expect(mended).toHaveLength(4);
  const group = schemas.GroupComponent!.properties as Record<string, Json>;
  expect(group.components).toMatchObject({ type: 'string', example: ['abc123', 'abc124'] });
  group.components = { type: 'array', items: { type: 'string' } };
}

/** Operations that declare only their 200, or no 420/429: their refusals are ErrorEntity. */
function undeclaredRefusal(exchange: Exchange): boolean {
  const oneIncident = /^\/v1\/pages\/[^/]+\/incidents\/[^/]+$/.test(exchange.path);
  const known = ['unresolved', 'upcoming', 'scheduled', 'active_maintenance'].some((list) =>
    exchange.path.endsWith(`/incidents/${list}`),
  );
  return (
    exchange.status === 420 ||
    exchange.status === 429 ||
    (oneIncident && !known && exchange.status >= 400)
  );
}

describe.skipIf(!specFile)('Statuspage contract (API v1 spec)', () => {
  let contract: ApiContract;
  let fake: StatuspageFake;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

  const problems = (exchange: Exchange): string[] => {
    const found = contract.check(exchange);
    if (!undeclaredRefusal(exchange)) return found;
    const undeclared = `${exchange.method} ${exchange.path}: status ${exchange.status} is not in the spec`;
    const asErrorEntity = contract.check({
      method: 'GET',
      path: '/v1/pages',
      query: [],
      requestBody: '',
      status: 401,
      responseBody: exchange.responseBody,
    });
    return [...found.filter((p) => p !== undeclared), ...asErrorEntity];
  };

  const client = (apiKey = fake.apiKey) =>
    new StatuspageClient({
      apiKey,
      baseUrl: `${proxy.url}/v1`,
      clock: systemClock,
      limits: new SharedLimits(),
      // Faster than Statuspage's one per second, within the fake's scaled limit.
      budget: { perSecond: 50, burst: 5, windowMs: 1_000, marginMs: 50 },
      pageSize: 3,
    });
  const signal = () => AbortSignal.timeout(10_000);

  beforeAll(async () => {
    contract = await ApiContract.load(specFile!, { repair: repairStatuspageSpec });
    fake = await startStatuspageFake({ pageSize: 3, rateLimit: { limit: 60, windowMs: 1_000 } });
    proxy = await startRecordingProxy(new URL(fake.baseUrl).origin);
  });

  afterAll(async () => {
    await proxy?.stop();
    await fake?.stop();
  });

  it('sends and parses only what the spec allows, across a whole session', async () => {
    const api = client();
    const pageId = fake.pages.public;
    const target = { statusPageId: 'acme', pageId };
    const writer = new StatuspageWriter({ apiFor: () => api, clock: systemClock, log: silentLog });
    let n = 0;
    const write = async (body: StatuspageWrite, mayHaveBeenSent = false) => {
      const entry: StatuspageEntry = {
        id: `c0ffee00-0000-4000-8000-00000000000${++n}`,
        createdAt: Date.now(),
        statusPageId: 'acme',
        pageId,
        write: body,
      };
      const context: ActionContext = { actionId: entry.id, mayHaveBeenSent };
      await writer.deliver(entry, context);
      return entry;
    };

    expect(await reachablePages(api, signal())).toEqual([
      { id: fake.pages.public, name: 'Acme Status', components: 6 },
      { id: fake.pages.internal, name: 'Acme Internal', components: 2 },
    ]);
    const view = await readStatusPage(api, target, signal(), Date.now());
    expect(view.skipped).toBe(0);
    expect((await api.listComponentGroups(pageId, signal())).items).toHaveLength(2);

    const key = '5b3f9d4e-8c1a-4f6b-9e2d-7a1c3b5d9f01';
    await write({
      type: 'create-incident',
      key,
      draft: {
        name: 'Elevated errors on Checkout',
        status: 'investigating',
        body: 'We are investigating elevated errors on Checkout.',
        components: { cmpcheckout1: 'partial_outage' },
        deliverNotifications: true,
        impactOverride: 'minor',
      },
      pagingIncident: { key: 'pd:PINC001', title: 'Checkout API 5xx rate above 5%' },
    });
    // The same create, resent as if its answer had been lost: found, not posted again.
    await write(
      {
        type: 'create-incident',
        key,
        draft: {
          name: 'Elevated errors on Checkout',
          status: 'investigating',
          body: 'We are investigating elevated errors on Checkout.',
          components: { cmpcheckout1: 'partial_outage' },
          deliverNotifications: true,
        },
      },
      true,
    );
    const created = fake.incidents(pageId)[0]!;
    const update = {
      type: 'update-incident' as const,
      incidentId: created.id,
      draft: {
        status: 'identified' as const,
        body: 'A bad deploy; rolling back.',
        components: { cmpcheckout1: 'degraded_performance' as const },
        deliverNotifications: false,
      },
    };
    await write(update);
    await write(update, true);
    await write({
      type: 'update-incident',
      incidentId: created.id,
      draft: {
        status: 'resolved',
        body: 'This incident has been resolved.',
        components: { cmpcheckout1: 'operational' },
        deliverNotifications: true,
      },
    });

    const mkey = '0d6f2a8b-4c3e-4b1a-8f5d-2e7c9a1b3d05';
    const start = Date.now() + 8 * 24 * 3_600_000;
    await write({
      type: 'schedule-maintenance',
      key: mkey,
      draft: {
        name: 'Payments failover test',
        body: 'We will fail Payments over to the standby region.',
        componentIds: ['cmppayments1'],
        scheduledFor: new Date(start).toISOString(),
        scheduledUntil: new Date(start + 3_600_000).toISOString(),
        deliverNotifications: true,
        remindPrior: true,
        autoInProgress: false,
        autoCompleted: false,
        notifyAtStart: true,
        notifyAtEnd: false,
      },
    });
    const maintenance = fake.incidents(pageId)[0]!;
    for (const status of ['in_progress', 'verifying', 'completed'] as const) {
      await write({
        type: 'advance-maintenance',
        incidentId: maintenance.id,
        step: {
          status,
          body: `Now ${status}.`,
          componentIds: ['cmppayments1'],
          deliverNotifications: true,
        },
      });
    }
    // A maintenance create resent after a lost answer looks among maintenances and the search.
    await write(
      {
        type: 'schedule-maintenance',
        key: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        draft: {
          name: 'Never sent',
          body: '',
          componentIds: [],
          scheduledFor: new Date(start).toISOString(),
          scheduledUntil: new Date(start + 3_600_000).toISOString(),
          deliverNotifications: false,
          remindPrior: false,
          autoInProgress: true,
          autoCompleted: true,
          notifyAtStart: false,
          notifyAtEnd: false,
        },
      },
      true,
    );

    const calls = new Set(
      proxy.exchanges.map(
        (e) =>
          `${e.method} ${e.path.replace(/\/pages\/[^/]+/, '/pages/{page}').replace(/\/incidents\/(?!unresolved|upcoming|active_maintenance)[^/]+$/, '/incidents/{id}')} ${e.status}`,
      ),
    );
    expect([...calls].sort()).toEqual([
      'GET /v1/pages 200',
      'GET /v1/pages/{page}/component-groups 200',
      'GET /v1/pages/{page}/components 200',
      'GET /v1/pages/{page}/incident_templates 200',
      'GET /v1/pages/{page}/incidents 200',
      'GET /v1/pages/{page}/incidents/active_maintenance 200',
      'GET /v1/pages/{page}/incidents/unresolved 200',
      'GET /v1/pages/{page}/incidents/upcoming 200',
      'GET /v1/pages/{page}/incidents/{id} 200',
      'PATCH /v1/pages/{page}/incidents/{id} 200',
      'POST /v1/pages/{page}/incidents 201',
    ]);
    // Paging really happened: the components took more than one request.
    expect(
      proxy.exchanges.filter((e) => e.path.endsWith('/components')).map((e) => e.query),
    ).toContainEqual([
      ['page', '3'],
      ['per_page', '3'],
    ]);
    expect(proxy.exchanges.flatMap(problems)).toEqual([]);
  });

  it("answers refusals in the spec's error shape", async () => {
    const before = proxy.exchanges.length;
    const at = (path: string) => `${proxy.url}/v1/pages/${fake.pages.public}${path}`;
    const auth = { Authorization: `OAuth ${fake.apiKey}` };
    await fetch(at('/incidents/unresolved'), { headers: { Authorization: 'OAuth wrong-key' } });
    await fetch(at('/incidents/doesnotexist'), { headers: auth });
    await fetch(at('/incidents'), {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ incident: { name: 'x'.repeat(256) } }),
    });
    const hasty = fake.issueKey();
    await Promise.all(
      Array.from({ length: 64 }, () =>
        fetch(at('/components'), { headers: { Authorization: `OAuth ${hasty}` } }),
      ),
    );

    const recorded = proxy.exchanges.slice(before);
    expect(recorded.slice(0, 3).map((e) => e.status)).toEqual([401, 404, 422]);
    expect(new Set(recorded.slice(3).map((e) => e.status))).toEqual(new Set([200, 420, 429]));
    expect(recorded.flatMap(problems)).toEqual([]);
  });

  describe('the check fails on violations', () => {
    const send = async (method: string, path: string, body?: unknown) => {
      const before = proxy.exchanges.length;
      await fetch(`${proxy.url}/v1/pages/${fake.pages.public}${path}`, {
        method,
        headers: {
          Authorization: `OAuth ${fake.apiKey}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const recorded = proxy.exchanges.slice(before);
      expect(recorded).toHaveLength(1);
      return contract.check(recorded[0]!).join('\n');
    };

    it('catches an incident without a name', async () => {
      expect(await send('POST', '/incidents', { incident: { status: 'investigating' } })).toMatch(
        /request body: \/incident must have required property 'name'/,
      );
    });

    it('catches a status Statuspage does not have', async () => {
      expect(await send('POST', '/incidents', { incident: { name: 'x', status: 'open' } })).toMatch(
        /request body: \/incident\/status must be equal to one of the allowed values/,
      );
    });

    it('catches components linked as a string', async () => {
      const incident = { name: 'x', component_ids: 'cmpcheckout1' };
      expect(await send('POST', '/incidents', { incident })).toMatch(
        /request body: \/incident\/component_ids must be array/,
      );
    });

    it('catches notifications asked for in words', async () => {
      const id = fake.incidents(fake.pages.public)[0]!.id;
      expect(
        await send('PATCH', `/incidents/${id}`, { incident: { deliver_notifications: 'yes' } }),
      ).toMatch(/\/incident\/deliver_notifications must be boolean/);
    });

    it('catches `limit` where the list pages with `per_page`', async () => {
      expect(await send('GET', '/incidents/unresolved?limit=5')).toMatch(
        /unknown query parameter "limit"/,
      );
    });

    it('catches a page larger than the spec allows', async () => {
      expect(await send('GET', '/components?per_page=5000')).toMatch(
        /query parameter "per_page": \/ must be <= 1100/,
      );
    });
  });
});
