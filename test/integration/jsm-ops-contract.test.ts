import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentAction } from '../../electron/common/model/action.js';
import type { IncidentNote, SourceTimeline } from '../../electron/core/sources/source.js';
import type { Incident } from '../../electron/common/model/incident.js';
import { jsmOpsSourceConfigSchema } from '../../electron/common/providers/jsm-ops.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { JsmOpsSource } from '../../electron/core/sources/jsm-ops/jsm-source.js';
import { fakeEscalationIds, startJsmOpsFake, type JsmFake } from '../fakes/jsm-ops-fake.js';
import { ApiContract, startRecordingProxy, type Exchange } from '../support/api-contract.js';
import { declareCloudId } from '../support/jsm-spec.js';
import { specPath } from '../support/spec-location.js';

/*
 * Contract test: a whole session of JsmOpsSource against the fake, through a recording proxy
 * that stands for both the Atlassian site and api.atlassian.com, and every Operations request
 * sent and every answer given checked against Atlassian's OpenAPI file. The site's own calls
 * (tenant info, the Jira user API) are not in that file; their shape is checked here by hand.
 */

const specFile = specPath('jsm-ops-v1.openapi.json');

const ids = {
  checkout: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  replication: '8418d193-2dab-4490-b331-8c02cdd196b7',
  disk: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
  certificate: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
  backup: '0b9e7c5a-3d1f-4e2b-8a6c-4f8d0e2b4a37',
};

const v1 = '^/jsm/ops/api/[^/]+/v1';
/** Every Operations call the source makes; the session must exercise each. */
const operations: [string, RegExp][] = [
  ['GET', new RegExp(`${v1}/alerts$`)],
  ['GET', new RegExp(`${v1}/alerts/[^/]+$`)],
  ['GET', new RegExp(`${v1}/alerts/requests/[^/]+$`)],
  ['GET', new RegExp(`${v1}/alerts/[^/]+/notes$`)],
  ['GET', new RegExp(`${v1}/alerts/[^/]+/logs$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/notes$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/acknowledge$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/unacknowledge$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/close$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/snooze$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/assign$`)],
  ['POST', new RegExp(`${v1}/alerts/[^/]+/escalate$`)],
  ['GET', new RegExp(`${v1}/teams$`)],
  ['GET', new RegExp(`${v1}/teams/[^/]+/escalations$`)],
  ['GET', new RegExp(`${v1}/schedules$`)],
  ['GET', new RegExp(`${v1}/schedules/[^/]+/timeline$`)],
];

let contract: ApiContract;
let fake: JsmFake;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let checkoutNotes: IncidentNote[] = [];
let replicationTimeline: SourceTimeline;

function sourceVia(url: string, token: string): JsmOpsSource {
  const config = jsmOpsSourceConfigSchema.parse({
    kind: 'jsm-ops',
    id: 'jsm',
    name: 'JSM',
    siteUrl: url,
    email: fake.email,
    apiBaseUrl: url,
  });
  return new JsmOpsSource({ config, secrets: { token }, clock: systemClock });
}

const deadline = () => AbortSignal.timeout(10_000);
const opsExchanges = () => proxy.exchanges.filter((e) => e.path.startsWith('/jsm/ops/'));

beforeAll(async () => {
  if (specFile) contract = await ApiContract.load(specFile, { repair: declareCloudId });
  fake = await startJsmOpsFake();
  proxy = await startRecordingProxy(fake.url);
  const source = sourceVia(proxy.url, fake.token);

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
  await act(ids.replication, { type: 'unack' });
  await act(ids.replication, { type: 'ack' }, true);
  await act(ids.disk, { type: 'snooze', minutes: 30 });
  await act(ids.certificate, {
    type: 'reassign',
    target: { kind: 'user', id: fake.users[1]!.accountId },
  });
  await act(ids.certificate, {
    type: 'reassign',
    target: { kind: 'escalation-policy', id: fakeEscalationIds.database },
  });
  await act(ids.replication, { type: 'escalate' });
  await act(ids.checkout, { type: 'escalate' });
  await act(ids.checkout, { type: 'note', text: 'Rolled back deploy 4512' }, true);
  await act(ids.checkout, { type: 'note', text: 'Onwatch shift report follows' });
  checkoutNotes = await source.readNotes(incidents.get(ids.checkout)!, deadline());
  replicationTimeline = await source.readTimeline(incidents.get(ids.replication)!, deadline());
  await act(ids.backup, { type: 'resolve' });

  // Refusals are answers too: each must have the shape the spec gives it.
  await sourceVia(proxy.url, 'not-the-token')
    .fetchIncidents(deadline())
    .catch(() => undefined);
});

afterAll(async () => {
  await proxy?.stop();
  await fake?.stop();
});

describe('JSM Operations contract (Atlassian OpenAPI, jsm-ops-v1.openapi.json)', () => {
  it('reads back the notes on an alert for the handoff, oldest first', () => {
    expect(checkoutNotes.map((note) => note.content.split('\n')[0])).toEqual([
      expect.stringMatching(/^Escalated from Onwatch/),
      'Rolled back deploy 4512',
      'Onwatch shift report follows',
    ]);
    expect(checkoutNotes[2]).toMatchObject({ author: expect.any(String) });
  });

  it("reads an alert's log and notes as one timeline, oldest first, each note once", () => {
    expect(replicationTimeline.partial).toBeUndefined();
    expect(replicationTimeline.entries.map((e) => [e.kind, e.text.split('\n')[0]])).toEqual([
      ['opened', expect.stringMatching(/^Alert created via /)],
      ['acknowledged', 'Alert acknowledged via Web'],
      ['unacknowledged', 'Alert unacknowledged via API'],
      ['acknowledged', 'Alert acknowledged via API'],
      ['escalated', 'Alert escalated via API'],
      ['note', expect.stringMatching(/^Escalated from Onwatch/)],
    ]);
  });

  it.skipIf(!specFile)('holds for every Operations request sent and every answer given', () => {
    expect(opsExchanges().length).toBeGreaterThan(30);
    const problems = opsExchanges().flatMap((exchange) => contract.check(exchange));
    expect(problems).toEqual([]);
  });

  it('covered every operation the source uses, and refusals as well as successes', () => {
    for (const [method, pattern] of operations) {
      const used = opsExchanges().some((e) => e.method === method && pattern.test(e.path));
      expect(used, `${method} ${pattern}`).toBe(true);
    }
    const statuses = new Set(proxy.exchanges.map((e) => e.status));
    expect([...statuses].sort()).toEqual([200, 202, 401, 404]);
  });

  it('asked the site for its cloudId without a credential, and only once', () => {
    const lookups = proxy.exchanges.filter((e) => e.path === '/_edge/tenant_info');
    // Each source looked it up once: the one in session, and the one with the wrong token.
    expect(lookups).toHaveLength(2);
    expect(lookups.every((e) => e.headers?.authorization === undefined)).toBe(true);
    const paths = new Set(opsExchanges().map((e) => e.path.split('/')[4]));
    expect(paths).toEqual(new Set([fake.cloudId]));
  });

  it('authenticated every other request with Basic email:token', () => {
    const basic = `Basic ${Buffer.from(`${fake.email}:${fake.token}`).toString('base64')}`;
    const sent = proxy.exchanges
      .filter((e) => e.path !== '/_edge/tenant_info' && e.status !== 401)
      .map((e) => e.headers?.authorization);
    expect(new Set(sent)).toEqual(new Set([basic]));
  });

  it('read "me" and names through the Jira site API', () => {
    const site = proxy.exchanges.filter((e) => e.path.startsWith('/rest/api/3/'));
    expect(site.some((e) => e.path === '/rest/api/3/myself' && e.status === 200)).toBe(true);
    const lookups = site.filter((e) => e.path === '/rest/api/3/user');
    expect(lookups.length).toBeGreaterThan(0);
    // The cache asks once per person however many shifts they hold.
    const asked = lookups.map((e) => new URLSearchParams(e.query).get('accountId'));
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('sent acknowledge, unacknowledge and close without a body, as the spec has none', () => {
    const bare = opsExchanges().filter((e) => /\/(acknowledge|unacknowledge|close)$/.test(e.path));
    expect(bare.length).toBeGreaterThan(0);
    expect(bare.every((e) => e.requestBody === '')).toBe(true);
  });
});

describe.skipIf(!specFile)('the contract check itself', () => {
  const recorded = (method: string, suffix: string): Exchange => {
    const found = opsExchanges().find((e) => e.method === method && e.path.endsWith(suffix));
    if (!found) throw new Error(`no ${method} …${suffix} recorded`);
    return found;
  };

  it('fails a snooze without endTime, and an assign by owner instead of accountId', () => {
    const snooze = recorded('POST', '/snooze');
    expect(contract.check({ ...snooze, requestBody: '{}' }).join('\n')).toMatch(/endTime/);
    const assign = recorded('POST', '/assign');
    const body = JSON.stringify({ owner: { username: 'sam@acme.example' } });
    expect(contract.check({ ...assign, requestBody: body }).join('\n')).toMatch(/accountId/);
  });

  it('fails a page larger than the API allows, and Opsgenie’s `limit`', () => {
    const list = recorded('GET', '/v1/alerts');
    const big = list.query.map(([k, v]): [string, string] => [k, k === 'size' ? '500' : v]);
    expect(contract.check({ ...list, query: big }).join('\n')).toMatch(/size/);
    const opsgenie = list.query.map(([k, v]): [string, string] => [k === 'size' ? 'limit' : k, v]);
    expect(contract.check({ ...list, query: opsgenie }).join('\n')).toMatch(/limit/);
  });

  it('fails an acknowledge that carries a note, and a request status of the wrong type', () => {
    const ack = recorded('POST', '/acknowledge');
    const withNote = { ...ack, requestBody: '{"note":"x"}', contentType: 'application/json' };
    expect(contract.check(withNote)).not.toEqual([]);
    const status = opsExchanges().find(
      (e) => e.path.includes('/alerts/requests/') && e.status === 200,
    )!;
    const wrong = JSON.stringify({ isSuccess: 'yes' });
    expect(contract.check({ ...status, responseBody: wrong }).join('\n')).toMatch(/isSuccess/);
  });
});
