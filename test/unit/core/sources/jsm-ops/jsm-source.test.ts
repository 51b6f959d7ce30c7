import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext, IncidentAction } from '../../../../../electron/common/model/action.js';
import type { Incident } from '../../../../../electron/common/model/incident.js';
import { jsmOpsSourceConfigSchema } from '../../../../../electron/common/providers/jsm-ops.js';
import { systemClock, type Clock } from '../../../../../electron/core/ports/clock.js';
import { JsmOpsSource } from '../../../../../electron/core/sources/jsm-ops/jsm-source.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import {
  fakeEscalationIds,
  startJsmOpsFake,
  type FakeJsmAlert,
  type JsmFake,
  type JsmFakeOptions,
} from '../../../../fakes/jsm-ops-fake.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * JsmOpsSource against the loopback fake: the cloudId and "me" looked up from the site,
 * mapping, paging and its ceiling, every action confirmed through its request status,
 * idempotent retries, Test connection's scopes, shifts, and Atlassian's refusals. The clock runs
 * 20 times faster, so pacing and status polls stay real but quick.
 */

const ids = {
  checkout: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  replication: '8418d193-2dab-4490-b331-8c02cdd196b7',
  disk: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
  certificate: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
  backup: '0b9e7c5a-3d1f-4e2b-8a6c-4f8d0e2b4a37',
  webhooks: '5d7f9b1c-2e4a-4c6e-9b8d-0a2c4e6f8b51',
  search: '9e1c3a5b-7d9f-4b2d-8e0a-6c8e0a2c4e73',
};

let fake: JsmFake;
let source: JsmOpsSource;

async function start(options: JsmFakeOptions = {}, config: Record<string, unknown> = {}) {
  await fake?.stop();
  fake = await startJsmOpsFake(options);
  source = sourceFor(fake.token, config);
}

function sourceFor(token: string | undefined, config: Record<string, unknown> = {}) {
  const parsed = jsmOpsSourceConfigSchema.parse({
    kind: 'jsm-ops',
    id: 'jsm',
    name: 'JSM',
    siteUrl: fake.url,
    email: fake.email,
    apiBaseUrl: fake.url,
    ...config,
  });
  return new JsmOpsSource({ config: parsed, secrets: { token }, clock: acceleratedClock(20) });
}

/** Real time, sped up: timers fire `factor` times sooner and now() runs `factor` times faster. */
function acceleratedClock(factor: number): Clock {
  const begin = Date.now();
  return {
    now: () => begin + (Date.now() - begin) * factor,
    setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms / factor),
    clearTimeout: (handle) => systemClock.clearTimeout(handle),
  };
}

const deadline = (ms = 5_000) => AbortSignal.timeout(ms);
const context = (mayHaveBeenSent = false): ActionContext => ({
  actionId: crypto.randomUUID(),
  mayHaveBeenSent,
});

async function incident(id: string): Promise<Incident> {
  const found = (await source.fetchIncidents(deadline())).find((i) => i.externalId === id);
  if (!found) throw new Error(`no incident ${id}`);
  return found;
}

async function act(id: string, action: IncidentAction, ctx = context()): Promise<void> {
  const target = await incident(id);
  fake.requests.length = 0;
  await source.act(target, action, deadline(), ctx);
}

const posts = (suffix: string) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

beforeEach(() => start());
afterEach(() => fake.stop());

describe('fetchIncidents', () => {
  it('lists every open alert across both pages under the cloudId, newest first', async () => {
    const incidents = await source.fetchIncidents(deadline());
    expect(incidents.map((i) => i.number)).toEqual([
      '1791',
      '1790',
      '1789',
      '1788',
      '1787',
      '1786',
      '1785',
    ]);
    const lists = fake.requests.filter((r) => r.path.endsWith('/v1/alerts'));
    expect(lists.map((r) => r.path)).toEqual([
      `/jsm/ops/api/${fake.cloudId}/v1/alerts`,
      `/jsm/ops/api/${fake.cloudId}/v1/alerts`,
    ]);
    expect(lists.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '5']);
    expect(Object.fromEntries(lists[0]!.query)).toEqual({
      query: 'NOT status:closed',
      offset: '0',
      size: '100',
      sort: 'createdAt',
      order: 'desc',
    });
  });

  it('maps priority to urgency (P1–P2 high by default), owner, responders and extras', async () => {
    const byNumber = new Map((await source.fetchIncidents(deadline())).map((i) => [i.number, i]));
    expect(byNumber.get('1791')).toMatchObject({
      title: 'Checkout API 5xx rate above 5%',
      webUrl: `${fake.url}/jira/ops/alerts/${ids.checkout}`,
      service: 'checkout-api',
      status: 'triggered',
      urgency: 'high',
      severity: 'P1',
      assignedToMe: true,
      assignees: ['Dana Scully'],
      labels: { service: 'checkout', env: 'prod', region: 'eu-west-1', alias: 'checkout-5xx' },
      annotations: { description: 'Error budget burning at 14x; see the dashboard.' },
      links: [{ label: 'runbook_url', url: 'https://runbooks.acme.example/checkout-5xx' }],
      capabilities: { ack: true, resolve: true, escalate: true, note: true, silence: false },
    });
    expect(byNumber.get('1790')).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-22T08:37:00.000Z',
      assignees: ['Sam Rivera'],
      assignedToMe: false,
      urgency: 'high',
    });
    expect(byNumber.get('1789')).toMatchObject({
      status: 'acknowledged',
      urgency: 'low',
      labels: { snoozed: 'true' },
    });
    // Routed to my accountId with no owner: still mine.
    expect(byNumber.get('1788')).toMatchObject({ assignedToMe: true, urgency: 'low' });
    expect(byNumber.get('1786')).toMatchObject({
      assignedToMe: false,
      capabilities: { escalate: true },
    });
    expect(byNumber.get('1787')).toMatchObject({ capabilities: { escalate: false } });
  });

  it('takes the high-urgency threshold from the settings', async () => {
    await start({}, { highUpTo: 'P4' });
    const byNumber = new Map((await source.fetchIncidents(deadline())).map((i) => [i.number, i]));
    expect(byNumber.get('1788')?.urgency).toBe('high');
    expect(byNumber.get('1787')?.urgency).toBe('low');
    await start({}, { highUpTo: 'P1' });
    const strict = new Map((await source.fetchIncidents(deadline())).map((i) => [i.number, i]));
    expect(strict.get('1790')?.urgency).toBe('low');
  });

  it('looks the cloudId and "me" up once, not on every poll', async () => {
    await source.fetchIncidents(deadline());
    await source.fetchIncidents(deadline());
    expect(fake.requests.filter((r) => r.path === '/_edge/tenant_info')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/rest/api/3/myself')).toHaveLength(1);
  });

  it('stops at the 20,000 offset ceiling, asking only what fits under it, and says so', async () => {
    const many = Array.from({ length: 20_050 }, (_, i) => generated(i));
    let jumped = false;
    await start({
      alerts: many,
      pageSize: 100,
      // Once, the link leaps to just under the ceiling, as a deep list would reach it.
      pagingNext: (next) =>
        jumped ? next : ((jumped = true), next.replace(/offset=\d+/, 'offset=19950')),
    });
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(deadline(20_000), findings);
    const lists = fake.requests.filter((r) => r.path.endsWith('/v1/alerts'));
    expect(lists.map((r) => Object.fromEntries(r.query))).toMatchObject([
      { offset: '0', size: '100' },
      { offset: '19950', size: '50' },
    ]);
    expect(lists.every((r) => r.status === 200)).toBe(true);
    expect(incidents).toHaveLength(150);
    expect(findings.notes).toEqual([
      'JSM lists no alert past the 20,000th; showing the 150 alerts read so far',
    ]);
  });

  it('never follows a paging link elsewhere: only its offset is taken', async () => {
    await start({ pagingNext: (next) => `https://evil.example${next}` });
    const incidents = await source.fetchIncidents(deadline());
    expect(incidents).toHaveLength(7);
    expect(fake.requests.filter((r) => r.path.endsWith('/v1/alerts'))).toHaveLength(2);
  });

  it('ends a list whose link leads elsewhere, and notes it', async () => {
    await start({ pagingNext: () => '/v1/schedules?offset=5' });
    const findings = new PollFindings();
    expect(await source.fetchIncidents(deadline(), findings)).toHaveLength(5);
    expect(findings.notes[0]).toMatch(/does not lead to its alert list; showing the 5 alerts/);
  });

  it('keeps the alerts it can read when one is malformed, and counts the other', async () => {
    await start();
    fake.alerts.get(ids.backup)!.id = '' as string;
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(deadline(), findings);
    expect(incidents).toHaveLength(6);
    expect(findings.notes).toEqual([expect.stringMatching(/^1 alert could not be read: id:/)]);
  });
});

describe('actions, each confirmed through its request status', () => {
  it('acknowledges with no body and waits for isSuccess', async () => {
    await act(ids.checkout, { type: 'ack' });
    const [ack] = posts('/acknowledge');
    expect(ack?.requestBody).toBe('');
    const polls = fake.requests.filter((r) => r.path.includes('/alerts/requests/'));
    expect(polls.map((r) => r.status)).toEqual([404, 200]);
    expect(fake.alerts.get(ids.checkout)).toMatchObject({ acknowledged: true, status: 'acked' });
  });

  it('unacknowledges an acked alert, which JSM offers for acked alerts only', async () => {
    expect((await incident(ids.replication)).capabilities.unack).toBe(true);
    expect((await incident(ids.checkout)).capabilities.unack).toBe(false);
    expect((await incident(ids.disk)).capabilities.unack).toBe(false);
    await act(ids.replication, { type: 'unack' });
    expect(posts('/unacknowledge').map((r) => r.requestBody)).toEqual(['']);
    expect(fake.alerts.get(ids.replication)).toMatchObject({ acknowledged: false, status: 'open' });
    expect((await incident(ids.replication)).status).toBe('triggered');
  });

  it('closes, snoozes, assigns by accountId and adds a note', async () => {
    await act(ids.backup, { type: 'resolve' });
    expect(fake.alerts.get(ids.backup)?.status).toBe('closed');
    await act(ids.disk, { type: 'snooze', minutes: 30 });
    expect(JSON.parse(posts('/snooze')[0]!.requestBody)).toEqual({
      endTime: expect.stringMatching(/Z$/),
    });
    await act(ids.certificate, {
      type: 'reassign',
      target: { kind: 'user', id: fake.users[1]!.accountId },
    });
    expect(JSON.parse(posts('/assign')[0]!.requestBody)).toEqual({
      accountId: fake.users[1]!.accountId,
    });
    expect(fake.alerts.get(ids.certificate)?.owner).toBe('Sam Rivera');
    await act(ids.checkout, { type: 'note', text: 'Rolled back deploy 4512' });
    // A note is synchronous: no request status is polled.
    expect(fake.requests.some((r) => r.path.includes('/alerts/requests/'))).toBe(false);
    expect(fake.notesOf(ids.checkout).map((n) => n.note)).toEqual([
      expect.stringMatching(/^Rolled back deploy 4512\n\n\(onwatch ref [0-9a-f]{8}\)$/),
    ]);
  });

  it('escalates along the routed escalation, or the only one of a routed team', async () => {
    await act(ids.replication, { type: 'escalate' });
    expect(fake.escalationsOf(ids.replication)).toEqual([fakeEscalationIds.database]);
    await act(ids.webhooks, { type: 'escalate' });
    expect(fake.escalationsOf(ids.webhooks)).toEqual([fakeEscalationIds.payments]);
    expect(fake.notesOf(ids.webhooks).map((n) => n.note)).toEqual([
      expect.stringMatching(/^Escalated from Onwatch \(onwatch ref /),
    ]);
  });

  it('refuses to guess between two escalations', async () => {
    const error = await sourceFailure(act(ids.search, { type: 'escalate' }));
    expect(error.message).toBe(
      'the alert is routed to 2 escalations; reassign it to the one you mean',
    );
    expect(posts('/escalate')).toEqual([]);
  });

  it('reports a request status that says it failed as refused, in JSM’s words', async () => {
    fake.nextOutcome({ isSuccess: false, status: 'User not found' });
    const error = await sourceFailure(
      act(ids.certificate, { type: 'reassign', target: { kind: 'user', id: 'nobody' } }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('JSM did not apply the action: User not found');
  });

  it('reports a request never processed as a timeout, not as done', async () => {
    fake.nextOutcome('pending');
    const target = await incident(ids.disk);
    const error = await sourceFailure(
      source.act(target, { type: 'snooze', minutes: 5 }, deadline(1_500), context()),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/accepted the action .* but had not processed it in time/);
  });

  it('retries a lost ack exactly once: the alert’s state says it already happened', async () => {
    await act(ids.checkout, { type: 'ack' });
    await act(ids.checkout, { type: 'ack' }, context(true));
    expect(posts('/acknowledge')).toEqual([]);
  });

  it('a retried note or escalation that already landed is not sent again', async () => {
    const note = context();
    await act(ids.checkout, { type: 'note', text: 'Paged the DBA' }, note);
    await act(
      ids.checkout,
      { type: 'note', text: 'Paged the DBA' },
      { ...note, mayHaveBeenSent: true },
    );
    expect(posts('/notes')).toEqual([]);
    const escalation = context();
    await act(ids.replication, { type: 'escalate' }, escalation);
    await act(ids.replication, { type: 'escalate' }, { ...escalation, mayHaveBeenSent: true });
    expect(posts('/escalate')).toEqual([]);
    expect(fake.escalationsOf(ids.replication)).toHaveLength(1);
  });

  it('refuses an assignment by email: JSM assigns by accountId', async () => {
    const error = await sourceFailure(
      act(ids.certificate, { type: 'reassign', target: { kind: 'user', id: 'sam@acme.example' } }),
    );
    expect(error.message).toBe('JSM assigns by Atlassian accountId, not by email');
  });
});

describe('testConnection', () => {
  it('names the site, the user, the scopes that work and what they allow', async () => {
    const report = await source.testConnection(deadline());
    expect(report.summary).toBe(
      `JSM Operations on ${new URL(fake.url).host} (cloud ${fake.cloudId}), 7 open alerts. ` +
        'Scopes: read alerts yes, write alerts yes, read config yes',
    );
    expect(report.identity).toBe(`Dana Scully (accountId ${fake.me.accountId})`);
    expect(report.allowedActions).toEqual([
      'ack',
      'unack',
      'resolve',
      'snooze',
      'reassign',
      'escalate',
      'note',
    ]);
    // The write probe went to an alert that cannot exist, and wrote nothing.
    const probe = posts('/notes');
    expect(probe.map((r) => [r.path.split('/').at(-2), r.status])).toEqual([
      ['onwatch-write-check', 404],
    ]);
  });

  it('says what a read-only token without config access means for the actions', async () => {
    fake.setScopes(['read:ops-alert']);
    const report = await source.testConnection(deadline());
    expect(report.summary).toMatch(
      /Scopes: read alerts yes, write alerts no, read config no \(alerts can only be watched, not acted on; no schedules or on-call, and no escalating along a team\)$/,
    );
    expect(report.allowedActions).toEqual([]);
  });

  it('refuses a host that is not an Atlassian site with the way forward', async () => {
    fake.setFault({ status: 404, body: '<html>Not here</html>' }, { path: '/_edge/tenant_info' });
    const error = await sourceFailure(source.testConnection(deadline()));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(
      /named no cloud id at \/_edge\/tenant_info: is it your Atlassian site/,
    );
  });
});

describe('refusals in plain words', () => {
  it('a wrong token blinds the source', async () => {
    const error = await sourceFailure(sourceFor('wrong').fetchIncidents(deadline()));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^JSM: email or API token rejected/);
  });

  it('a missing scope names the scope; on a poll it blinds, on an action it refuses', async () => {
    fake.setScopes(['write:ops-alert', 'read:ops-config']);
    const poll = await sourceFailure(source.fetchIncidents(deadline()));
    expect(poll.kind).toBe('auth');
    expect(poll.message).toBe(
      'JSM: the API token lacks the scope read:ops-alert:jira-service-management: Unauthorized; scope does not match',
    );
    fake.setScopes(['read:ops-alert', 'read:ops-config']);
    const ack = await sourceFailure(act(ids.checkout, { type: 'ack' }));
    expect(ack.kind).toBe('rejected');
    expect(ack.message).toMatch(/lacks the scope write:ops-alert:jira-service-management/);
  });

  it('a plan without the feature (402) and a forbidden user (403)', async () => {
    fake.setFault({ status: 402 }, { method: 'POST' });
    const plan = await sourceFailure(act(ids.checkout, { type: 'ack' }));
    expect(plan).toMatchObject({ kind: 'rejected', status: 402 });
    expect(plan.message).toBe(
      "JSM: the site's plan does not include this feature: Your plan does not include this feature",
    );
    fake.setFault({ status: 403 }, { method: 'GET', path: /\/v1\/alerts$/ });
    const read = await sourceFailure(source.fetchIncidents(deadline()));
    expect(read).toMatchObject({ kind: 'auth', status: 403 });
    expect(read.message).toMatch(/^JSM: your Atlassian user may not do this/);
  });

  it('throttling honours Retry-After when present, and reads well without it', async () => {
    fake.setFault({ status: 429, headers: { 'Retry-After': '7' } }, { path: /\/v1\/alerts$/ });
    const paced = await sourceFailure(source.fetchIncidents(deadline()));
    expect(paced).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000 });
    expect(paced.message).toBe('rate limited by Atlassian (HTTP 429), retry in 7 s');
    await start();
    fake.setFault({ status: 429 }, { path: /\/v1\/alerts$/ });
    const bare = await sourceFailure(source.fetchIncidents(deadline()));
    expect(bare).toMatchObject({ kind: 'rate-limited', retryAfterMs: undefined });
    expect(bare.message).toBe('rate limited by Atlassian (HTTP 429)');
  });

  it('never echoes the token a server sends back', async () => {
    fake.setFault(
      { status: 400, body: { errors: [{ title: `bad token ${fake.token}` }] } },
      { path: /\/v1\/alerts$/ },
    );
    const error = await sourceFailure(source.fetchIncidents(deadline()));
    expect(error.message).not.toContain(fake.token);
    expect(error.message).toContain('[redacted]');
  });
});

describe('fetchShifts', () => {
  it('reads each schedule’s timeline, keeps those I am on, and names people once', async () => {
    const since = Date.parse('2026-11-22T00:00:00Z');
    const shifts = await source.fetchShifts(
      { since, until: since + 3 * 24 * 60 * 60_000 },
      deadline(),
    );
    expect(new Set(shifts.map((s) => s.scheduleName))).toEqual(new Set(['Payments primary']));
    const mine = shifts.filter((s) => s.isMe);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.userName === 'Dana Scully')).toBe(true);
    expect(new Set(shifts.map((s) => s.userName))).toEqual(
      new Set(['Dana Scully', 'Sam Rivera', 'Lee Chen']),
    );
    const lookups = fake.requests.filter((r) => r.path === '/rest/api/3/user');
    expect(lookups).toHaveLength(3);
  });
});

function generated(index: number): FakeJsmAlert {
  const created = new Date(Date.parse('2026-11-22T09:00:00Z') - index * 1000).toISOString();
  return {
    id: `gen-${index}`,
    tinyId: String(100_000 + index),
    alias: `gen-${index}`,
    message: `Generated alert ${index}`,
    status: 'open',
    acknowledged: false,
    snoozed: false,
    tags: [],
    extraProperties: {},
    createdAt: created,
    updatedAt: created,
    source: 'test',
    owner: '',
    priority: 'P3',
    responders: [],
  };
}
