import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext, IncidentAction } from '../../../../../electron/common/model/action.js';
import type { Incident } from '../../../../../electron/common/model/incident.js';
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
 * OpsgenieSource against the loopback fake: mapping, paging, every action with its
 * request-status confirmation, idempotent retries, shifts, and the faults a real account
 * produces. The clock runs 20 times faster, so pacing and status polls stay real but quick.
 */

const ids = {
  checkout: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  replication: '8418d193-2dab-4490-b331-8c02cdd196b7',
  disk: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
  certificate: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
  search: '9e1c3a5b-7d9f-4b2d-8e0a-6c8e0a2c4e73',
};

let fake: OpsgenieFake;
let source: OpsgenieSource;
let actionCount = 0;

async function start(options: OpsgenieFakeOptions = {}, token?: string): Promise<void> {
  await fake?.stop();
  fake = await startOpsgenieFake(options);
  source = sourceFor(fake, token ?? fake.apiKey);
}

function sourceFor(target: OpsgenieFake, token: string | undefined): OpsgenieSource {
  const config = opsgenieSourceConfigSchema.parse({
    kind: 'opsgenie',
    id: 'og',
    name: 'Opsgenie',
    region: 'eu',
    username: fakeUsername,
    apiBaseUrl: target.url,
  });
  return new OpsgenieSource({ config, secrets: { token }, clock: acceleratedClock(20) });
}

/** Real time, sped up: timers fire `factor` times sooner and now() runs `factor` times faster. */
function acceleratedClock(factor: number): Clock {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms / factor),
    clearTimeout: (handle) => systemClock.clearTimeout(handle),
  };
}

const deadline = (ms = 5_000) => AbortSignal.timeout(ms);

function context(mayHaveBeenSent = false, actionId?: string): ActionContext {
  return { actionId: actionId ?? `a${++actionCount}-${crypto.randomUUID()}`, mayHaveBeenSent };
}

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

/** The requests sent to `suffix` of an alert, with their bodies parsed. */
function posts(suffix: string) {
  return fake.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith(suffix))
    .map((r) => JSON.parse(r.requestBody) as Record<string, unknown>);
}

beforeEach(() => start());
afterEach(() => fake.stop());

describe('fetchIncidents', () => {
  it('lists every open alert across both pages, newest first, with the GenieKey', async () => {
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
    const lists = fake.requests.filter((r) => r.path === '/v2/alerts');
    expect(lists.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '5']);
    expect(Object.fromEntries(lists[0]!.query)).toEqual({
      query: 'status:open',
      limit: '100',
      offset: '0',
      sort: 'createdAt',
      order: 'desc',
    });
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(
      new Set([`GenieKey ${fake.apiKey}`]),
    );
  });

  it('maps priorities, owners, acks and snoozes', async () => {
    const byNumber = new Map((await source.fetchIncidents(deadline())).map((i) => [i.number, i]));
    expect(byNumber.get('1791')).toMatchObject({
      title: 'Checkout API 5xx rate above 5%',
      service: 'checkout',
      status: 'triggered',
      urgency: 'high',
      severity: 'P1',
      assignedToMe: true,
      labels: { service: 'checkout', env: 'prod', 'customer-facing': 'true' },
      capabilities: { escalate: true },
    });
    expect(byNumber.get('1790')).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-22T08:37:00.000Z',
      assignees: ['sam@acme.example'],
      assignedToMe: false,
      service: 'postgres',
    });
    expect(byNumber.get('1789')).toMatchObject({
      status: 'acknowledged',
      urgency: 'low',
      labels: { snoozed: 'true' },
    });
    expect(byNumber.get('1787')).toMatchObject({ service: 'cron@backup-01', urgency: 'low' });
  });

  it('names my team on alerts routed to it, reading my teams once', async () => {
    const team = async () =>
      (await source.fetchIncidents(deadline())).map((i) => [i.number, i.assignedToMyTeam]);
    const routed = [
      ['1791', 'Payments'],
      ['1790', undefined],
      ['1789', undefined],
      ['1788', undefined],
      ['1787', undefined],
      ['1786', 'Payments'],
      ['1785', undefined],
    ];
    expect(await team()).toEqual(routed);
    expect(await team()).toEqual(routed);
    const asked = fake.requests.filter(
      (r) => r.path === `/v2/users/${encodeURIComponent(fakeUsername)}/teams`,
    );
    expect(asked).toHaveLength(1);
  });

  it('still polls when my teams cannot be read: none when refused, asked again otherwise', async () => {
    const teamsPath = `/v2/users/${encodeURIComponent(fakeUsername)}/teams`;
    const asked = () => fake.requests.filter((r) => r.path === teamsPath).length;
    fake.setFault({ status: 503 }, teamsPath);
    const first = await source.fetchIncidents(deadline());
    expect(first).toHaveLength(7);
    expect(first.some((i) => i.assignedToMyTeam)).toBe(false);
    fake.setFault(null);
    expect((await source.fetchIncidents(deadline())).some((i) => i.assignedToMyTeam)).toBe(true);
    expect(asked()).toBeGreaterThanOrEqual(2);

    await start();
    fake.setFault({ status: 403 }, teamsPath);
    await source.fetchIncidents(deadline());
    fake.setFault(null);
    expect((await source.fetchIncidents(deadline())).some((i) => i.assignedToMyTeam)).toBe(false);
    expect(asked()).toBe(1);
  });

  it('keeps an alert once when a new alert shifts the pages mid-walk', async () => {
    fake.onNextListPage(() =>
      fake.addAlert({
        ...fake.alerts.get(ids.checkout)!,
        id: 'ffeeddcc-0000-4000-8000-000000000001',
        tinyId: '1792',
        createdAt: '2026-11-22T09:00:00.000Z',
      }),
    );
    const incidents = await source.fetchIncidents(deadline());
    const keys = incidents.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(incidents).toHaveLength(7);
  });

  it('never follows a paging link to another host, and pages on by its offset', async () => {
    await start({ linkOrigin: 'http://127.0.0.2:9' });
    const incidents = await source.fetchIncidents(deadline());
    expect(incidents).toHaveLength(7);
    const second = fake.requests.filter((r) => r.path === '/v2/alerts')[1]!;
    expect(new URLSearchParams(second.query).get('offset')).toBe('5');
  });

  it('ends the list at a paging link that leads elsewhere than the alert list, and says so', async () => {
    await start({ pagingNext: (next) => `http://127.0.0.2:9/v2/users${next.search}` });
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(deadline(), findings);
    expect(incidents).toHaveLength(5);
    expect(fake.requests.filter((r) => r.path === '/v2/alerts')).toHaveLength(1);
    expect(findings.notes).toEqual([
      "Opsgenie's next-page link does not lead to its alert list (127.0.0.2:9/v2/users); showing the 5 alerts read so far",
    ]);
  });
});

describe('act', () => {
  it('acknowledges, then polls the request status until Opsgenie has processed it', async () => {
    await act(ids.checkout, { type: 'ack' });
    expect(posts('/acknowledge')).toEqual([{ user: fakeUsername, source: 'Onwatch' }]);
    const polls = fake.requests.filter((r) => r.path.startsWith('/v2/alerts/requests/'));
    expect(polls.map((r) => r.status)).toEqual([404, 200]);
    expect(fake.alerts.get(ids.checkout)!.acknowledged).toBe(true);
  });

  it('waits through several "not processed yet" answers', async () => {
    await start({ pendingPolls: 3 });
    await act(ids.checkout, { type: 'resolve' });
    const polls = fake.requests.filter((r) => r.path.startsWith('/v2/alerts/requests/'));
    expect(polls.map((r) => r.status)).toEqual([404, 404, 404, 200]);
    expect(fake.alerts.get(ids.checkout)!.status).toBe('closed');
    expect((await source.fetchIncidents(deadline())).map((i) => i.externalId)).not.toContain(
      ids.checkout,
    );
  });

  it('reports a refusal with Opsgenie’s reason', async () => {
    const target = await incident(ids.checkout);
    fake.rejectNextAction('User does not have permission to close this alert');
    const error = await sourceFailure(
      source.act(target, { type: 'resolve' }, deadline(), context()),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('User does not have permission to close this alert');
  });

  it('counts acking an acked alert and closing a closed one as done', async () => {
    await act(ids.replication, { type: 'ack' });
    expect(posts('/acknowledge')).toHaveLength(1);

    const target = await incident(ids.checkout);
    await source.act(target, { type: 'resolve' }, deadline(), context());
    await source.act(target, { type: 'resolve' }, deadline(), context());
    expect(fake.alerts.get(ids.checkout)!.status).toBe('closed');
  });

  it('trusts the alert’s state over a refusal it cannot read', async () => {
    const target = await incident(ids.checkout);
    fake.alerts.get(ids.checkout)!.acknowledged = true;
    fake.rejectNextAction('Operation not applied');
    await source.act(target, { type: 'ack' }, deadline(), context());
  });

  it('gives up as a timeout when Opsgenie never confirms in time', async () => {
    await start({ pendingPolls: 1_000 });
    const target = await incident(ids.checkout);
    const error = await sourceFailure(
      source.act(target, { type: 'ack' }, deadline(1_500), context()),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/accepted the action/);
  });

  it('snoozes until now plus the minutes asked, which shows as acknowledged', async () => {
    await act(ids.checkout, { type: 'snooze', minutes: 30 });
    const [body] = posts('/snooze');
    expect(body).toMatchObject({ user: fakeUsername, source: 'Onwatch' });
    const minutes = (Date.parse(String(body!.endTime)) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThan(31);
    expect(await incident(ids.checkout)).toMatchObject({
      status: 'acknowledged',
      labels: { snoozed: 'true' },
    });
  });

  it('reassigns to a user by username or by id', async () => {
    await act(ids.checkout, {
      type: 'reassign',
      target: { kind: 'user', id: 'sam@acme.example' },
    });
    expect(posts('/assign')[0]).toEqual({
      owner: { type: 'user', username: 'sam@acme.example' },
      user: fakeUsername,
      source: 'Onwatch',
    });
    expect(fake.alerts.get(ids.checkout)!.owner).toBe('sam@acme.example');

    await act(ids.checkout, {
      type: 'reassign',
      target: { kind: 'user', id: '2f5cd9a3-8f0d-4bd6-8e7d-a5b0f7bbb9a3' },
    });
    expect(posts('/assign')[0]!.owner).toEqual({
      type: 'user',
      id: '2f5cd9a3-8f0d-4bd6-8e7d-a5b0f7bbb9a3',
    });
    expect(fake.alerts.get(ids.checkout)!.owner).toBe('lee@acme.example');
  });

  it('reassigns to an escalation policy by escalating along it', async () => {
    await act(ids.certificate, {
      type: 'reassign',
      target: { kind: 'escalation-policy', id: 'esc-database' },
    });
    expect(posts('/escalate')[0]).toMatchObject({
      escalation: { type: 'escalation', id: 'esc-database' },
    });
    expect(fake.alerts.get(ids.certificate)!.escalatedTo).toEqual(['esc-database']);
  });

  it('escalates along the policy routed to the alert, or its team’s only policy', async () => {
    await act(ids.replication, { type: 'escalate' });
    expect(fake.alerts.get(ids.replication)!.escalatedTo).toEqual(['esc-database']);

    await act(ids.checkout, { type: 'escalate', level: 3 });
    expect(fake.alerts.get(ids.checkout)!.escalatedTo).toEqual(['esc-payments']);
    expect(fake.requests.some((r) => r.path === '/v2/escalations')).toBe(true);
  });

  it('refuses to guess between policies, or without one', async () => {
    const ambiguous = await sourceFailure(act(ids.search, { type: 'escalate' }));
    expect(ambiguous).toMatchObject({ kind: 'rejected' });
    expect(ambiguous.message).toMatch(/2 escalation policies/);

    expect((await incident(ids.certificate)).capabilities.escalate).toBe(false);
    const none = await sourceFailure(act(ids.certificate, { type: 'escalate' }));
    expect(none.message).toMatch(/reassign it instead/);
    expect(posts('/escalate')).toEqual([]);
  });

  it('adds a note with a reference, and a retry that finds it does not add it again', async () => {
    const ctx = context(false, '3f2b9c1e-6a7d-4e5f-8a9b-0c1d2e3f4a5b');
    await act(ids.checkout, { type: 'note', text: 'Rolled back deploy 4512' }, ctx);
    expect(posts('/notes')).toEqual([
      {
        note: 'Rolled back deploy 4512\n\n(onwatch ref 3f2b9c1e)',
        user: fakeUsername,
        source: 'Onwatch',
      },
    ]);

    await act(
      ids.checkout,
      { type: 'note', text: 'Rolled back deploy 4512' },
      { ...ctx, mayHaveBeenSent: true },
    );
    expect(posts('/notes')).toEqual([]);
    expect(fake.alerts.get(ids.checkout)!.notes).toHaveLength(1);
  });

  it('sends a note on retry when the first attempt never arrived', async () => {
    await act(ids.checkout, { type: 'note', text: 'Paged the DBA' }, context(true));
    expect(posts('/notes')).toHaveLength(1);
    expect(fake.alerts.get(ids.checkout)!.notes).toHaveLength(1);
  });

  it('does not escalate twice when a retry finds its earlier escalation', async () => {
    const ctx = context();
    await act(ids.replication, { type: 'escalate' }, ctx);
    await act(ids.replication, { type: 'escalate' }, { ...ctx, mayHaveBeenSent: true });
    expect(fake.alerts.get(ids.replication)!.escalatedTo).toEqual(['esc-database']);
  });

  it('checks the alert before repeating an ack that may have been sent', async () => {
    fake.alerts.get(ids.checkout)!.acknowledged = true;
    await act(ids.checkout, { type: 'ack' }, context(true));
    expect(posts('/acknowledge')).toEqual([]);
  });

  it('has no silences', async () => {
    const error = await sourceFailure(act(ids.checkout, { type: 'silence', minutes: 60 }));
    expect(error.kind).toBe('rejected');
  });
});

describe('testConnection', () => {
  it('names the region, the account and the open alerts, and whose view it is', async () => {
    const report = await source.testConnection(deadline());
    expect(report).toEqual({
      summary: `Opsgenie (EU via ${new URL(fake.url).host}), account acme, 7 open alerts`,
      identity: fakeUsername,
    });
  });

  it('still passes when the key may not read the account', async () => {
    fake.setFault({ status: 403 }, '/v2/account');
    const report = await source.testConnection(deadline());
    expect(report.summary).toMatch(/\), 7 open alerts$/);
  });
});

describe('fetchShifts', () => {
  const since = Date.parse('2026-11-22T09:00:00Z');
  const window = { since, until: since + 14 * 24 * 60 * 60_000 };

  it('reads the timelines of my schedules and of those I am on call for now', async () => {
    const shifts = await source.fetchShifts(window, deadline());
    const primary = shifts.filter((s) => s.scheduleId === 'sched-payments-primary');
    expect(primary).toHaveLength(14);
    expect(primary[0]).toEqual({
      sourceId: 'og',
      scheduleId: 'sched-payments-primary',
      scheduleName: 'Payments primary',
      userName: 'sam@acme.example',
      userId: 'e07c63f0-dd8c-4ad4-983e-4ee7dc600463',
      isMe: false,
      start: '2026-11-22T09:00:00.000Z',
      end: '2026-11-23T09:00:00.000Z',
    });
    expect(primary.filter((s) => s.isMe).map((s) => s.start.slice(0, 10))).toEqual([
      '2026-11-23',
      '2026-11-26',
      '2026-11-29',
      '2026-12-02',
      '2026-12-05',
    ]);
    const database = shifts.filter((s) => s.scheduleId === 'sched-database');
    expect(database.map((s) => s.userName)).toEqual(['Database', 'Database', 'Database']);

    const timeline = fake.requests.find((r) => r.path.endsWith('/timeline'))!;
    expect(Object.fromEntries(timeline.query)).toEqual({
      intervalUnit: 'days',
      interval: '14',
      date: '2026-11-22T09:00:00.000Z',
    });
  });
});

describe('faults', () => {
  it('reports 429 as rate limited, waiting Opsgenie’s period when it gives one', async () => {
    fake.setFault({ status: 429, headers: { 'X-RateLimit-Period-In-Sec': '7' } });
    const hinted = await sourceFailure(source.fetchIncidents(deadline()));
    expect(hinted).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000 });

    fake.setFault({ status: 429 });
    const bare = await sourceFailure(source.fetchIncidents(deadline()));
    expect(bare.kind).toBe('rate-limited');
    expect(bare.retryAfterMs).toBeUndefined();
  });

  it('reports server errors, hangs and garbage for what they are', async () => {
    fake.setFault({ status: 500 });
    expect((await sourceFailure(source.fetchIncidents(deadline()))).kind).toBe('server');

    fake.setFault('timeout');
    const hung = await sourceFailure(source.fetchIncidents(deadline(300)));
    expect(hung.kind).toBe('timeout');

    fake.setFault('malformed');
    const garbage = await sourceFailure(source.fetchIncidents(deadline()));
    expect(garbage).toMatchObject({ kind: 'bad-response' });
    expect(garbage.message).toMatch(/malformed JSON/);
  });

  it('shows an account switched off after its move to JSM as blind, with the way forward', async () => {
    for (const fault of [
      { status: 410, body: { message: 'Gone', took: 0, requestId: 'r' } },
      {
        status: 403,
        body: {
          message: 'Your account has been migrated to Jira Service Management',
          took: 0,
          requestId: 'r',
        },
      },
    ]) {
      fake.setFault(fault);
      const off = await sourceFailure(source.fetchIncidents(deadline()));
      expect(off).toMatchObject({ kind: 'auth', status: fault.status });
      expect(off.message).toMatch(
        /^Opsgenie answers that this account is switched off .*Move to Jira Service Management/,
      );
    }
  });

  it('explains a rejected key, a missing permission and a plan limit', async () => {
    await start({}, 'not-the-key-0000');
    const badKey = await sourceFailure(source.fetchIncidents(deadline()));
    expect(badKey).toMatchObject({
      kind: 'auth',
      message: 'Opsgenie: GenieKey rejected (or the integration is disabled)',
    });

    await start();
    fake.setFault({
      status: 403,
      body: { message: 'You are not authorized', took: 0, requestId: 'r' },
    });
    const readDenied = await sourceFailure(source.fetchIncidents(deadline()));
    expect(readDenied).toMatchObject({ kind: 'auth', status: 403 });
    expect(readDenied.message).toBe('Opsgenie: this key lacks permission: You are not authorized');

    fake.setFault(null);
    const target = await incident(ids.checkout);
    fake.setFault({ status: 403 });
    const writeDenied = await sourceFailure(
      source.act(target, { type: 'ack' }, deadline(), context()),
    );
    expect(writeDenied.kind).toBe('rejected');
    expect(writeDenied.message).toMatch(/this key lacks permission/);

    fake.setFault({ status: 402 });
    const plan = await sourceFailure(source.act(target, { type: 'ack' }, deadline(), context()));
    expect(plan).toMatchObject({ kind: 'rejected', status: 402 });
    expect(plan.message).toMatch(/plan limit/);
  });

  it('reads a 403 that says the rate limit was reached as throttling, not a missing permission', async () => {
    fake.setFault({
      status: 403,
      body: { message: 'Rate limit reached', took: 0, requestId: 'r' },
    });
    const error = await sourceFailure(source.fetchIncidents(deadline()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 403 });
    expect(error.message).toBe('rate limited by Opsgenie (HTTP 403)');
    expect(error.message).not.toMatch(/permission/);

    fake.setFault({
      status: 403,
      headers: { 'X-RateLimit-State': 'THROTTLED', 'X-RateLimit-Period-In-Sec': '10' },
      body: { message: 'Too many requests', took: 0, requestId: 'r' },
    });
    const marked = await sourceFailure(source.fetchIncidents(deadline()));
    expect(marked).toMatchObject({ kind: 'rate-limited', status: 403, retryAfterMs: 10_000 });
    expect(marked.message).toBe('rate limited by Opsgenie (HTTP 403), retry in 10 s');
  });

  it('shows a 422 with Opsgenie’s message', async () => {
    const target = await incident(ids.checkout);
    fake.setFault({
      status: 422,
      body: { message: 'Note can not be longer than 25000', took: 0, requestId: 'r' },
    });
    const error = await sourceFailure(
      source.act(target, { type: 'note', text: 'x' }, deadline(), context()),
    );
    expect(error).toMatchObject({ kind: 'rejected' });
    expect(error.message).toMatch(/HTTP 422\): Note can not be longer than 25000$/);
  });

  it('never echoes the key in an error', async () => {
    fake.setFault({
      status: 400,
      body: { message: `bad key ${fake.apiKey}`, took: 0, requestId: 'r' },
    });
    const error = await sourceFailure(source.fetchIncidents(deadline()));
    expect(error.message).not.toContain(fake.apiKey);
    expect(error.message).toContain('[redacted]');
  });

  it('says so when no key is configured', async () => {
    source = sourceFor(fake, undefined);
    expect((await sourceFailure(source.fetchIncidents(deadline()))).kind).toBe('config');
    expect(fake.requests).toEqual([]);
  });

  it('recovers once the fault clears, with the same incidents as before', async () => {
    const before = await source.fetchIncidents(deadline());
    for (const fault of [{ status: 503 }, 'timeout', 'malformed'] as const) {
      fake.setFault(fault);
      await sourceFailure(source.fetchIncidents(deadline(300)));
      fake.setFault(null);
      expect(await source.fetchIncidents(deadline())).toEqual(before);
    }
  });
});
