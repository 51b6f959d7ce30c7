import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentAction } from '../../electron/common/model/action.js';
import type { Incident } from '../../electron/common/model/incident.js';
import { opsgenieSourceConfigSchema } from '../../electron/common/providers/opsgenie.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { OpsgenieSource } from '../../electron/core/sources/opsgenie/opsgenie-source.js';
import type { SourceTimeline } from '../../electron/core/sources/source.js';
import { fakeUsername, startOpsgenieFake, type OpsgenieFake } from '../fakes/opsgenie-fake.js';
import { ApiContract, startRecordingProxy, type Exchange } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * Contract test (Opsgenie's API ends on 2027-04-05; delete with electron/core/sources/opsgenie/):
 * a whole session of OpsgenieSource against the fake, through a recording proxy, and every
 * request sent and every answer given checked against Opsgenie's official Swagger 2.0 spec.
 * The fake is only worth trusting while its answers conform, and the source only while it
 * sends what the API takes. The proxy also plays a corporate proxy: the fake's paging links
 * name its own host, which the source must not follow. Without the spec only the checks
 * against it skip: coverage, authentication and paging are read from the recording alone.
 */

const specFile = specPath('opsgenie-v2.swagger.json');

const ids = {
  checkout: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  replication: '8418d193-2dab-4490-b331-8c02cdd196b7',
  disk: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
  certificate: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
  backup: '0b9e7c5a-3d1f-4e2b-8a6c-4f8d0e2b4a37',
};

/** Every operation the source uses; the session must exercise each. */
const operations: [string, RegExp][] = [
  ['GET', /^\/v2\/account$/],
  ['GET', /^\/v2\/alerts$/],
  ['GET', /^\/v2\/alerts\/[^/]+$/],
  ['GET', /^\/v2\/alerts\/requests\/[^/]+$/],
  ['GET', /^\/v2\/alerts\/[^/]+\/notes$/],
  ['GET', /^\/v2\/alerts\/[^/]+\/logs$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/acknowledge$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/close$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/snooze$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/assign$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/escalate$/],
  ['POST', /^\/v2\/alerts\/[^/]+\/notes$/],
  ['GET', /^\/v2\/escalations$/],
  ['GET', /^\/v2\/users\/[^/]+\/schedules$/],
  ['GET', /^\/v2\/users\/[^/]+\/teams$/],
  ['GET', /^\/v2\/schedules\/on-calls$/],
  ['GET', /^\/v2\/schedules\/[^/]+\/timeline$/],
];

let contract: ApiContract;
let fake: OpsgenieFake;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let checkoutTimeline: SourceTimeline;

function sourceVia(url: string, token: string): OpsgenieSource {
  const config = opsgenieSourceConfigSchema.parse({
    kind: 'opsgenie',
    id: 'og',
    name: 'Opsgenie',
    region: 'eu',
    username: fakeUsername,
    apiBaseUrl: url,
  });
  return new OpsgenieSource({ config, secrets: { token }, clock: systemClock });
}

const deadline = () => AbortSignal.timeout(10_000);

beforeAll(async () => {
  if (specFile) contract = await ApiContract.load(specFile);
  fake = await startOpsgenieFake();
  proxy = await startRecordingProxy(fake.url);
  const source = sourceVia(proxy.url, fake.apiKey);

  await source.testConnection(deadline());
  const incidents = new Map(
    (await source.fetchIncidents(deadline())).map((i): [string, Incident] => [i.externalId, i]),
  );
  const since = Date.parse('2026-11-22T09:00:00Z');
  await source.fetchShifts({ since, until: since + 14 * 24 * 60 * 60_000 }, deadline());

  const act = (id: string, action: IncidentAction, mayHaveBeenSent = false) =>
    source.act(incidents.get(id)!, action, deadline(), {
      actionId: crypto.randomUUID(),
      mayHaveBeenSent,
    });
  await act(ids.checkout, { type: 'ack' });
  await act(ids.replication, { type: 'ack' }, true);
  await act(ids.disk, { type: 'snooze', minutes: 30 });
  await act(ids.certificate, {
    type: 'reassign',
    target: { kind: 'user', id: 'sam@acme.example' },
  });
  await act(ids.certificate, {
    type: 'reassign',
    target: { kind: 'user', id: '2f5cd9a3-8f0d-4bd6-8e7d-a5b0f7bbb9a3' },
  });
  await act(ids.certificate, {
    type: 'reassign',
    target: { kind: 'escalation-policy', id: 'esc-database' },
  });
  await act(ids.replication, { type: 'escalate' });
  await act(ids.checkout, { type: 'escalate' });
  await act(ids.checkout, { type: 'note', text: 'Rolled back deploy 4512' }, true);
  await act(ids.backup, { type: 'resolve' });
  checkoutTimeline = await source.readTimeline(incidents.get(ids.checkout)!, deadline());

  // Refusals are answers too: each must have the shape the spec gives it.
  await sourceVia(proxy.url, 'not-the-key')
    .fetchIncidents(deadline())
    .catch(() => undefined);
  for (const status of [429, 500]) {
    fake.setFault({ status, headers: { 'X-RateLimit-Period-In-Sec': '5' } });
    await source.fetchIncidents(deadline()).catch(() => undefined);
  }
  fake.setFault(null);
});

afterAll(async () => {
  await proxy?.stop();
  await fake?.stop();
});

describe('Opsgenie contract (opsgenie-oas swagger.json)', () => {
  it.skipIf(!specFile)(
    'holds for every request the source sent and every answer the fake gave',
    () => {
      expect(proxy.exchanges.length).toBeGreaterThan(30);
      const problems = proxy.exchanges.flatMap((exchange) => contract.check(exchange));
      expect(problems).toEqual([]);
    },
  );

  it('covered every operation the source uses, and refusals as well as successes', () => {
    for (const [method, pattern] of operations) {
      const used = proxy.exchanges.some((e) => e.method === method && pattern.test(e.path));
      expect(used, `${method} ${pattern}`).toBe(true);
    }
    const statuses = new Set(proxy.exchanges.map((e) => e.status));
    expect([...statuses].sort()).toEqual([200, 202, 401, 404, 429, 500]);
  });

  it("read the alert's log and notes as one timeline, each note once", () => {
    expect(checkoutTimeline.partial).toBeUndefined();
    expect(checkoutTimeline.entries.map((e) => e.kind)).toEqual([
      'opened',
      'acknowledged',
      'escalated',
      'note',
      'note',
    ]);
    // The escalation's own note, then the one typed: each once, though the log lists both too.
    expect(checkoutTimeline.entries[4]).toMatchObject({
      text: expect.stringContaining('Rolled back deploy 4512'),
      by: fakeUsername,
    });
  });

  it('authenticated every request the way the spec’s security scheme says', () => {
    const keys = proxy.exchanges
      .filter((e) => e.status !== 401)
      .map((e) => e.headers?.authorization);
    expect(new Set(keys)).toEqual(new Set([`GenieKey ${fake.apiKey}`]));
  });

  it('followed paging through the configured host, never the host named in the link', () => {
    const pages = proxy.exchanges.filter((e) => e.path === '/v2/alerts' && e.status === 200);
    expect(pages.map((e) => new URLSearchParams(e.query).get('offset'))).toContain('5');
    const link = JSON.parse(pages[0]!.responseBody).paging.next as string;
    expect(new URL(link).origin).toBe(fake.url);
  });
});

describe.skipIf(!specFile)('the contract check itself', () => {
  const recorded = (method: string, suffix: string): Exchange => {
    const found = proxy.exchanges.find((e) => e.method === method && e.path.endsWith(suffix));
    if (!found) throw new Error(`no ${method} …${suffix} recorded`);
    return found;
  };

  it('fails a snooze without endTime', () => {
    const snooze = recorded('POST', '/snooze');
    const { endTime: _, ...body } = JSON.parse(snooze.requestBody) as Record<string, unknown>;
    const problems = contract.check({ ...snooze, requestBody: JSON.stringify(body) });
    expect(problems.join('\n')).toMatch(/endTime/);
  });

  it('fails a page larger than the API allows', () => {
    const list = recorded('GET', '/v2/alerts');
    const query = list.query.map(([k, v]): [string, string] => [k, k === 'limit' ? '500' : v]);
    expect(contract.check({ ...list, query }).join('\n')).toMatch(/limit/);
  });

  it('fails an assign whose owner is not a recipient, and an unknown sort field', () => {
    const assign = recorded('POST', '/assign');
    const body = { owner: 'sam@acme.example', user: fakeUsername };
    expect(contract.check({ ...assign, requestBody: JSON.stringify(body) })).not.toEqual([]);

    const list = recorded('GET', '/v2/alerts');
    const query = list.query.map(([k, v]): [string, string] => [k, k === 'sort' ? 'priority' : v]);
    expect(contract.check({ ...list, query })).not.toEqual([]);
  });

  it('fails a fake answer missing what the spec requires', () => {
    const timeline = recorded('GET', '/timeline');
    const { expandable: _, ...rest } = JSON.parse(timeline.responseBody) as Record<string, unknown>;
    const problems = contract.check({ ...timeline, responseBody: JSON.stringify(rest) });
    expect(problems.join('\n')).toMatch(/expandable/);

    const accepted = recorded('POST', '/acknowledge');
    const { requestId: _id, ...noId } = JSON.parse(accepted.responseBody) as Record<
      string,
      unknown
    >;
    expect(contract.check({ ...accepted, responseBody: JSON.stringify(noId) })).not.toEqual([]);
  });
});
