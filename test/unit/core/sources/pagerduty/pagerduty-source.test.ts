import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../../../../electron/common/model/action.js';
import type { Incident } from '../../../../../electron/common/model/incident.js';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { systemClock } from '../../../../../electron/core/ports/clock.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import type { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { startPagerDutyFake, type PagerDutyFake } from '../../../../fakes/pagerduty-fake.js';
import { anIncident } from '../../../../support/incidents.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * PagerDutySource against the loopback fake: what it sends (paths, queries, headers, bodies)
 * and what it makes of the answers. Faults and rate limits: pagerduty-faults.test.ts.
 */

let fake: PagerDutyFake;

beforeEach(async () => {
  fake = await startPagerDutyFake();
});

afterEach(async () => {
  await fake.stop();
});

function source(options: { token?: string; email?: string; pageSize?: number } = {}) {
  const config = pagerDutySourceConfigSchema.parse({
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: options.email ?? fake.me.email,
    apiBaseUrl: fake.baseUrl,
  });
  return new PagerDutySource({
    config,
    secrets: { token: options.token ?? fake.tokens.user },
    clock: systemClock,
  });
}

const signal = () => AbortSignal.timeout(5000);
const firstTry: ActionContext = {
  actionId: '7f3c2a91-0b7e-4c55-9d7e-2f1a9c0d4e11',
  mayHaveBeenSent: false,
};
const retry: ActionContext = { ...firstTry, mayHaveBeenSent: true };

/** An incident as the engine would hold it, for the fake's incident `id`. */
function held(id: string, status: Incident['status'] = 'triggered'): Incident {
  return anIncident({ sourceId: 'pd', externalId: id, status });
}

describe('fetchIncidents', () => {
  it('maps every open incident and leaves resolved ones out', async () => {
    const incidents = await source().fetchIncidents(signal());

    expect(incidents.map((i) => i.externalId)).toEqual(['PINC001', 'PINC002', 'PINC003']);
    const mine = incidents[0]!;
    expect(mine).toMatchObject({
      key: 'pd:PINC001',
      sourceId: 'pd',
      number: '#1042',
      webUrl: 'https://acme.pagerduty.example/incidents/PINC001',
      title: 'Checkout API 5xx rate above 5%',
      service: 'Checkout API',
      status: 'triggered',
      urgency: 'high',
      severity: 'P1',
      assignedToMe: true,
      assignees: ['Jane Doe'],
      links: [
        { label: 'Open in PagerDuty', url: 'https://acme.pagerduty.example/incidents/PINC001' },
      ],
      capabilities: {
        ack: true,
        resolve: true,
        snooze: false,
        reassign: true,
        escalate: true,
        note: true,
        silence: false,
        pause: false,
      },
    });
    expect(mine.labels).toEqual({
      service: 'Checkout API',
      service_id: 'PSVC001',
      escalation_policy: 'Checkout on-call',
      escalation_policy_id: 'PEP0001',
      incident_key: 'checkout-api/5xx-rate',
      incident_number: '1042',
      priority: 'P1',
      urgency: 'high',
    });
    const acked = incidents[2]!;
    expect(acked).toMatchObject({
      status: 'acknowledged',
      urgency: 'low',
      assignedToMe: false,
      assignees: ['Ravi Patel'],
      acknowledgedAt: fake.incident('PINC003').acknowledgements[0]!.at.replace('Z', '.000Z'),
      capabilities: { snooze: true },
    });
    expect(acked.severity).toBeUndefined();
  });

  it('asks for open incidents of all time, with the versioned Accept header and the key', async () => {
    await source().fetchIncidents(signal());

    const list = fake.requests.find((r) => r.path === '/incidents')!;
    expect(list.method).toBe('GET');
    expect(list.query).toEqual([
      ['statuses[]', 'triggered'],
      ['statuses[]', 'acknowledged'],
      ['date_range', 'all'],
      ['limit', '100'],
      ['offset', '0'],
    ]);
    expect(list.headers.authorization).toBe(`Token token=${fake.tokens.user}`);
    expect(list.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(list.headers.from).toBeUndefined();
  });

  it('follows `more` across pages and keeps each incident once', async () => {
    await fake.stop();
    fake = await startPagerDutyFake({ pageSize: 2 });

    const incidents = await source().fetchIncidents(signal());

    expect(incidents.map((i) => i.externalId)).toEqual(['PINC001', 'PINC002', 'PINC003']);
    const offsets = fake.requests
      .filter((r) => r.path === '/incidents')
      .map((r) => new URLSearchParams(r.query).get('offset'));
    expect(offsets).toEqual(['0', '2']);
  });
});

describe('who "me" is', () => {
  it('asks /users/me with a user key, once', async () => {
    const pd = source();
    await pd.fetchIncidents(signal());
    await pd.fetchIncidents(signal());

    expect(fake.requests.filter((r) => r.path === '/users/me')).toHaveLength(1);
    expect(fake.requests.some((r) => r.path === '/users')).toBe(false);
  });

  it('finds the user by exact email with an account key', async () => {
    const pd = source({ token: fake.tokens.account });
    const incidents = await pd.fetchIncidents(signal());

    // Mary-Jane's email contains Jane's, so the search finds both; only the exact one is me.
    const lookup = fake.requests.find((r) => r.path === '/users')!;
    expect(new URLSearchParams(lookup.query).get('query')).toBe('jane@example.com');
    expect(incidents.find((i) => i.externalId === 'PINC001')?.assignedToMe).toBe(true);
    await pd.fetchIncidents(signal());
    expect(fake.requests.filter((r) => r.path === '/users')).toHaveLength(1);
  });

  it('learns my teams with me, so an incident of my team says which', async () => {
    for (const token of [fake.tokens.user, fake.tokens.account]) {
      const incidents = await source({ token }).fetchIncidents(signal());

      // Mei's page is for Payments, one of Jane's teams; Ravi's is for Search, which is not.
      const team = incidents.map((i) => [i.externalId, i.assignedToMe, i.assignedToMyTeam]);
      expect(team).toEqual([
        ['PINC001', true, 'Checkout'],
        ['PINC002', false, 'Payments'],
        ['PINC003', false, undefined],
      ]);
    }
    const asked = fake.requests.filter((r) => r.path === '/users/me' || r.path === '/users');
    expect(asked.map((r) => new URLSearchParams(r.query).getAll('include[]'))).toEqual([
      ['teams'],
      ['teams'],
      ['teams'],
    ]);
  });

  it('says which email matched nobody', async () => {
    const error = await sourceFailure(
      source({ token: fake.tokens.account, email: 'nobody@example.com' }).fetchIncidents(signal()),
    );
    expect(error.kind).toBe('config');
    expect(error.message).toContain('nobody@example.com');
  });
});

describe('act', () => {
  const put = (id: string) => fake.writes('PUT', `/incidents/${id}`);

  it('acknowledges with a reference, the From header and a JSON body', async () => {
    await source().act(held('PINC001'), { type: 'ack' }, signal(), firstTry);

    const [sent] = put('PINC001');
    expect(sent?.body).toEqual({
      incident: { type: 'incident_reference', status: 'acknowledged' },
    });
    expect(sent?.headers.from).toBe('jane@example.com');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(fake.incident('PINC001').status).toBe('acknowledged');
    expect(fake.applied).toEqual([
      expect.objectContaining({
        kind: 'acknowledged',
        incidentId: 'PINC001',
        from: 'jane@example.com',
      }),
    ]);
  });

  it('resolves', async () => {
    await source().act(held('PINC002'), { type: 'resolve' }, signal(), firstTry);

    expect(put('PINC002')[0]?.body).toEqual({
      incident: { type: 'incident_reference', status: 'resolved' },
    });
    expect(fake.incident('PINC002').status).toBe('resolved');
  });

  it('snoozes for the asked minutes, in seconds', async () => {
    await source().act(
      held('PINC003', 'acknowledged'),
      { type: 'snooze', minutes: 30 },
      signal(),
      firstTry,
    );

    const [sent] = fake.writes('POST', '/incidents/PINC003/snooze');
    expect(sent?.body).toEqual({ duration: 1800 });
    expect(sent?.headers.from).toBe('jane@example.com');
    expect(fake.incident('PINC003').snoozedUntil).toBeDefined();
  });

  it('reports why PagerDuty will not snooze a triggered incident', async () => {
    const error = await sourceFailure(
      source().act(held('PINC001'), { type: 'snooze', minutes: 30 }, signal(), firstTry),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('acknowledged');
  });

  it('reassigns to a user or to an escalation policy', async () => {
    const pd = source();
    await pd.act(
      held('PINC001'),
      { type: 'reassign', target: { kind: 'user', id: 'PRAVI02' } },
      signal(),
      firstTry,
    );
    await pd.act(
      held('PINC002'),
      { type: 'reassign', target: { kind: 'escalation-policy', id: 'PEP0001' } },
      signal(),
      firstTry,
    );

    expect(put('PINC001')[0]?.body).toEqual({
      incident: {
        type: 'incident_reference',
        assignments: [{ assignee: { id: 'PRAVI02', type: 'user_reference' } }],
      },
    });
    expect(put('PINC002')[0]?.body).toEqual({
      incident: {
        type: 'incident_reference',
        escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      },
    });
    expect(fake.incident('PINC001').assigneeIds).toEqual(['PRAVI02']);
    expect(fake.incident('PINC002').escalationPolicyId).toBe('PEP0001');
  });

  it('escalates to the asked level, or to level 2', async () => {
    const pd = source();
    await pd.act(held('PINC001'), { type: 'escalate', level: 1 }, signal(), firstTry);
    await pd.act(held('PINC001'), { type: 'escalate' }, signal(), firstTry);

    expect(put('PINC001').map((r) => r.body)).toEqual([
      { incident: { type: 'incident_reference', escalation_level: 1 } },
      { incident: { type: 'incident_reference', escalation_level: 2 } },
    ]);
    expect(fake.incident('PINC001').escalationLevel).toBe(2);
  });

  it('adds a note ending with a reference to the action', async () => {
    await source().act(
      held('PINC002'),
      { type: 'note', text: 'Rolling back 4.12' },
      signal(),
      firstTry,
    );

    const [sent] = fake.writes('POST', '/incidents/PINC002/notes');
    expect(sent?.body).toEqual({
      note: { content: 'Rolling back 4.12\n\n(Onwatch ref 7f3c2a91)' },
    });
    expect(sent?.headers.from).toBe('jane@example.com');
  });

  it('refuses to silence, without a request', async () => {
    const error = await sourceFailure(
      source().act(held('PINC001'), { type: 'silence', minutes: 10 }, signal(), firstTry),
    );
    expect(error.kind).toBe('rejected');
    expect(fake.writes()).toEqual([]);
  });

  it('counts "already acknowledged" (1002) and "already resolved" (1001) as done', async () => {
    const pd = source();
    await pd.act(held('PINC003', 'acknowledged'), { type: 'ack' }, signal(), firstTry);
    await pd.act(held('PINC004'), { type: 'resolve' }, signal(), firstTry);
    await pd.act(held('PINC004'), { type: 'ack' }, signal(), firstTry);

    expect(fake.requests.filter((r) => r.status === 400).map((r) => r.responseBody)).toEqual([
      expect.stringContaining('"code":1002'),
      expect.stringContaining('"code":1001'),
      expect.stringContaining('"code":1001'),
    ]);
    expect(fake.incident('PINC004').status).toBe('resolved');
  });

  it('on a retry, checks first and sends no ack to an incident already acknowledged', async () => {
    await source().act(held('PINC003'), { type: 'ack' }, signal(), retry);

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /incidents/PINC003']);
  });

  it('on a retry, still acks an incident the first attempt never reached', async () => {
    await source().act(held('PINC001'), { type: 'ack' }, signal(), retry);

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /incidents/PINC001',
      'PUT /incidents/PINC001',
    ]);
    expect(fake.ackCount('PINC001')).toBe(1);
  });

  it('never posts a retried note twice when the first attempt landed unanswered', async () => {
    const pd = source();
    const note = { type: 'note' as const, text: 'Paging the DB team' };
    const hold = fake.holdNextWrite();
    const first = pd.act(held('PINC001'), note, AbortSignal.timeout(300), firstTry);
    await hold.arrived;
    expect((await sourceFailure(first)).kind).toBe('timeout');
    hold.apply();

    await pd.act(held('PINC001'), note, signal(), retry);

    expect(fake.writes('POST', '/incidents/PINC001/notes')).toHaveLength(1);
    expect(fake.incident('PINC001').notes.map((n) => n.content)).toEqual([
      'Paging the DB team\n\n(Onwatch ref 7f3c2a91)',
    ]);
  });

  it('posts a retried note whose first attempt never arrived', async () => {
    const pd = source();
    const note = { type: 'note' as const, text: 'Paging the DB team' };
    const hold = fake.holdNextWrite();
    const first = pd.act(held('PINC001'), note, signal(), firstTry);
    await hold.arrived;
    hold.drop();
    expect((await sourceFailure(first)).kind).toBe('unreachable');

    await pd.act(held('PINC001'), note, signal(), retry);

    expect(fake.incident('PINC001').notes).toHaveLength(1);
  });

  it('is refused, not retried, with a read-only key', async () => {
    const error = await sourceFailure(
      source({ token: fake.tokens.readOnly }).act(
        held('PINC001'),
        { type: 'ack' },
        signal(),
        firstTry,
      ),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('does not allow');
    expect(fake.incident('PINC001').status).toBe('triggered');
  });
});

describe('actOnMany', () => {
  it('acknowledges several in one PUT /incidents, skipping what is already done', async () => {
    await source().actOnMany(
      [held('PINC001'), held('PINC002'), held('PINC003', 'acknowledged')],
      'ack',
      signal(),
    );

    const [sent, ...more] = fake.writes('PUT', '/incidents');
    expect(more).toEqual([]);
    expect(sent?.headers.from).toBe('jane@example.com');
    expect(sent?.body).toEqual({
      incidents: [
        { id: 'PINC001', type: 'incident_reference', status: 'acknowledged' },
        { id: 'PINC002', type: 'incident_reference', status: 'acknowledged' },
      ],
    });
    expect(fake.incident('PINC002').status).toBe('acknowledged');
  });

  it('sends at most 250 per request', async () => {
    const template = fake.incident('PINC002');
    const extra = Array.from({ length: 300 }, (_, n) => ({
      ...structuredClone(template),
      id: `PBULK${n}`,
      number: 2000 + n,
    }));
    fake.state.incidents.push(...extra);

    await source().actOnMany(
      extra.map((i) => held(i.id)),
      'resolve',
      signal(),
    );

    const sizes = fake
      .writes('PUT', '/incidents')
      .map((r) => (r.body as { incidents: unknown[] }).incidents.length);
    expect(sizes).toEqual([250, 50]);
    expect(fake.state.incidents.filter((i) => i.status === 'resolved')).toHaveLength(301);
  });

  it('falls back to one at a time when someone acted on one of them meanwhile', async () => {
    fake.incident('PINC002').status = 'acknowledged';

    await source().actOnMany([held('PINC001'), held('PINC002')], 'ack', signal());

    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /incidents',
      'PUT /incidents/PINC001',
      'PUT /incidents/PINC002',
    ]);
    expect(fake.incident('PINC001').status).toBe('acknowledged');
  });
});

describe('acks that arrive together', () => {
  it('sends a lone ack on its own, and those that came meanwhile as one bulk request', async () => {
    const pd = source();
    const acks = ['PINC001', 'PINC002', 'PINC005'].map((id) =>
      pd.act(held(id), { type: 'ack' }, signal(), { ...firstTry, actionId: `a-${id}` }),
    );
    fake.state.incidents.push({
      ...structuredClone(fake.incident('PINC002')),
      id: 'PINC005',
      number: 1005,
    });
    await Promise.all(acks);

    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /incidents/PINC001',
      'PUT /incidents',
    ]);
    expect(
      (fake.writes('PUT', '/incidents')[0]!.body as { incidents: { id: string }[] }).incidents.map(
        (i) => i.id,
      ),
    ).toEqual(['PINC002', 'PINC005']);
    expect(['PINC001', 'PINC002', 'PINC005'].map((id) => fake.ackCount(id))).toEqual([1, 1, 1]);
  });

  it('fails every ack of a bulk request that fails, so the outbox retries each', async () => {
    const pd = source();
    const first = pd.act(held('PINC001'), { type: 'ack' }, signal(), firstTry);
    fake.setFault({ status: 503 });
    const rest = Promise.allSettled([
      pd.act(held('PINC002'), { type: 'ack' }, signal(), firstTry),
      pd.act(held('PINC005'), { type: 'ack' }, signal(), firstTry),
    ]);
    await first.catch(() => {});
    const outcomes = await rest;
    expect(
      outcomes.map((o) => (o.status === 'rejected' ? (o.reason as SourceError).kind : 'ok')),
    ).toEqual(['server', 'server']);
    expect(fake.writes('PUT', '/incidents')).toHaveLength(1);
  });
});

describe('testConnection', () => {
  it('names the user behind a user key and counts open incidents', async () => {
    const report = await source().testConnection(signal());

    expect(report.summary).toBe(
      `PagerDuty (via ${new URL(fake.baseUrl).host}), user key for Jane Doe, 3 open incidents, ` +
        'a read-only key would be refused on first use',
    );
    expect(report.identity).toBe('Jane Doe <jane@example.com>');
    expect(report.allowedActions).toEqual([
      'ack',
      'resolve',
      'snooze',
      'reassign',
      'escalate',
      'note',
    ]);
    expect(fake.writes()).toEqual([]);
  });

  it('says when an account key acts as the configured user', async () => {
    const report = await source({ token: fake.tokens.account }).testConnection(signal());

    expect(report.summary).toContain('account key acting as Jane Doe');
    expect(report.identity).toBe('Jane Doe <jane@example.com>');
  });

  it('allows nothing to a read-only user', async () => {
    fake.state.users.push({
      id: 'POBS005',
      name: 'Olu Observer',
      email: 'olu@example.com',
      role: 'read_only_user',
    });
    const report = await source({
      token: fake.issueToken({ userId: 'POBS005' }),
      email: 'olu@example.com',
    }).testConnection(signal());

    expect(report.allowedActions).toEqual([]);
    expect(report.summary).toContain('read-only user');
  });

  it('flags a user key that belongs to someone else than the configured email', async () => {
    const report = await source({ email: 'ravi@example.com' }).testConnection(signal());

    expect(report.summary).toContain('the key belongs to jane@example.com, not ravi@example.com');
  });

  it('fails as auth with a key PagerDuty does not know', async () => {
    const error = await sourceFailure(source({ token: 'not-a-key' }).testConnection(signal()));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('not-a-key');
  });
});
