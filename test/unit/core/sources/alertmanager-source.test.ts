import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext, IncidentAction } from '../../../../electron/common/model/action.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { type SourceSecrets } from '../../../../electron/common/model/source-secrets.js';
import { alertmanagerSourceConfigSchema } from '../../../../electron/common/providers/alertmanager.js';
import { AlertmanagerSource } from '../../../../electron/core/sources/alertmanager/alertmanager-source.js';
import { PollFindings } from '../../../../electron/core/sources/poll-report.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { startLoopbackServer, type LoopbackServer } from '../../../support/loopback-server.js';
import { sourceFailure } from '../../../support/source-failure.js';

/*
 * AlertmanagerSource against a loopback stand-in, for what a real Alertmanager will not
 * do on demand: malformed answers, races between queries, auth headers. The behaviour
 * against the real thing is in test/integration/alertmanager-source.test.ts.
 */

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: LoopbackServer;
let origin: string;
let seen: Seen[];
let answer: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  server = await startLoopbackServer((req, res, body) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      body,
    });
    answer(req, res);
  });
  origin = server.url;
});

afterAll(() => server.stop());

beforeEach(() => {
  seen = [];
  answer = json({ '/alerts/groups?': grouped([]), '/silences': [] });
});

/** Answers by the first route whose key the request's path (after /api/v2) starts with. */
function json(routes: Record<string, unknown>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').replace(/^.*\/api\/v2/, '');
    const key = Object.keys(routes).find((route) => path.startsWith(route));
    res.writeHead(key ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(key ? JSON.stringify(routes[key]) : '"not found"');
  };
}

function alert(fingerprint: string, state: 'active' | 'suppressed', silencedBy: string[] = []) {
  return {
    annotations: {},
    endsAt: '2026-11-22T09:05:00.000Z',
    fingerprint,
    receivers: [{ name: 'null' }],
    startsAt: '2026-11-22T08:55:00.000Z',
    status: { inhibitedBy: [], silencedBy, state },
    updatedAt: '2026-11-22T08:59:00.000Z',
    labels: { alertname: `Alert-${fingerprint}` },
  };
}

/** Alerts as GET /api/v2/alerts/groups lists them: one group, made by `labels`. */
function grouped(alerts: unknown[], labels: Record<string, string> = {}) {
  return [{ labels, receiver: { name: 'null' }, alerts }];
}

/** A silence as GET /api/v2/silences lists it. */
function silence(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    status: { state: 'active' },
    updatedAt: '2026-11-22T09:00:00Z',
    comment: 'muted by hand',
    createdBy: 'onwatch (alice)',
    startsAt: '2026-11-22T09:00:00Z',
    endsAt: '2026-11-22T10:00:00Z',
    matchers: [{ name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true }],
    ...overrides,
  };
}

function source(
  config: Record<string, unknown> = {},
  secrets: SourceSecrets = {},
): AlertmanagerSource {
  return new AlertmanagerSource({
    config: alertmanagerSourceConfigSchema.parse({
      kind: 'alertmanager',
      id: 'am',
      name: 'Alertmanager',
      baseUrl: origin,
      ...config,
    }),
    secrets,
    responderName: () => 'alice',
    clock: new FakeClock(),
  });
}

const signal = () => AbortSignal.timeout(5000);

describe('AlertmanagerSource.fetchIncidents', () => {
  it('asks for firing and silenced alerts in one request, and for silences only when needed', async () => {
    await source().fetchIncidents(signal());
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v2/alerts/groups?silenced=true&inhibited=false',
    ]);
  });

  it('lists silenced alerts as acknowledged by the silence’s author, and the rest as firing', async () => {
    answer = json({
      '/alerts/groups?': grouped([alert('a', 'active'), alert('c', 'suppressed', ['s1'])]),
      '/silences': [silence('s1', { createdBy: 'bob' })],
    });
    const incidents = await source().fetchIncidents(signal());
    const summary = (i: Incident) => [i.externalId, i.status, i.assignees.join()];
    expect(incidents.map(summary)).toEqual([
      ['a', 'triggered', ''],
      ['c', 'acknowledged', 'bob'],
    ]);
  });

  it('shows as firing an alert no silence mutes, whatever its state says', async () => {
    answer = json({
      '/alerts/groups?': grouped([
        alert('x', 'suppressed', []),
        alert('y', 'active', ['s1']),
        alert('x', 'active'),
      ]),
    });
    const incidents = await source().fetchIncidents(signal());
    expect(incidents.map((i) => [i.externalId, i.status])).toEqual([
      ['x', 'triggered'],
      ['y', 'triggered'],
    ]);
    expect(seen.some((r) => r.url.includes('/silences'))).toBe(false);
  });

  it.each([
    ['http://HOST/am', '/am/api/v2/'],
    ['http://HOST/am/', '/am/api/v2/'],
    ['http://HOST/am/api/v2/', '/am/api/v2/'],
    ['http://HOST', '/api/v2/'],
    ['http://HOST/?x=1#frag', '/api/v2/'],
  ])('finds the API under %s', async (baseUrl, prefix) => {
    await source({ baseUrl: baseUrl.replace('http://HOST', origin) }).fetchIncidents(signal());
    expect(seen.map((r) => r.url.split('?')[0])).toEqual([`${prefix}alerts/groups`]);
  });

  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>'],
    ['not a list', '{"alerts": []}'],
    [
      'an alert without a fingerprint',
      JSON.stringify(grouped([{ ...alert('a', 'active'), fingerprint: undefined }])),
    ],
    [
      'a label that is not a string',
      JSON.stringify(grouped([{ ...alert('a', 'active'), labels: { n: 1 } }])),
    ],
  ])('reports %s as a bad response', async (_name, body) => {
    answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    };
    const error = await sourceFailure(source().fetchIncidents(signal()));
    expect(error.kind).toBe('bad-response');
  });

  it("carries Alertmanager's own groups, each alert once, and no group where routes group by nothing", async () => {
    const byCluster = { alertname: 'Alert-a', cluster: 'eu-1' };
    answer = json({
      '/alerts/groups?': [
        ...grouped([alert('a', 'active'), alert('b', 'active')], byCluster),
        // A second route that also takes `a` (continue: true): the first group keeps it.
        { labels: { team: 'db' }, receiver: { name: 'db-pager' }, alerts: [alert('a', 'active')] },
        ...grouped([alert('c', 'active')]),
      ],
    });
    const incidents = await source().fetchIncidents(signal());
    expect(incidents.map((i) => [i.externalId, i.group?.labels])).toEqual([
      ['a', byCluster],
      ['b', byCluster],
      ['c', undefined],
    ]);
    expect(incidents[0]!.group!.id).toBe(incidents[1]!.group!.id);
    // The same id poll after poll, so a group the responder opened stays open.
    const again = await source().fetchIncidents(signal());
    expect(again[0]!.group).toEqual(incidents[0]!.group);
  });

  it('tells groups with the same labels apart by receiver', async () => {
    const labels = { alertname: 'DiskFull' };
    answer = json({
      '/alerts/groups?': [
        { labels, receiver: { name: 'sre' }, alerts: [alert('a', 'active')] },
        { labels, receiver: { name: 'dba' }, alerts: [alert('b', 'active')] },
      ],
    });
    const [a, b] = await source().fetchIncidents(signal());
    expect(a!.group!.id).not.toBe(b!.group!.id);
  });

  it('leaves out a group it cannot read, counts it, and shows the others', async () => {
    answer = json({
      '/alerts/groups?': [
        { labels: { team: 'sre' }, alerts: [alert('x', 'active')] },
        ...grouped([alert('a', 'active')], { team: 'web' }),
      ],
    });
    const findings = new PollFindings();
    const incidents = await source().fetchIncidents(signal(), findings);
    expect(incidents.map((i) => i.externalId)).toEqual(['a']);
    expect(findings.notes).toEqual([
      expect.stringMatching(/^1 alert group could not be read: receiver/),
    ]);
  });

  it('leaves out an alert it cannot read, counts it, and shows the rest', async () => {
    answer = json({
      '/alerts/groups?': grouped([
        alert('a', 'active'),
        { ...alert('b', 'active'), labels: { alertname: 'B', replicas: 2 } },
        { ...alert('c', 'active'), startsAt: 'not yet', annotations: { summary: ['x'] } },
      ]),
    });
    const findings = new PollFindings();
    const incidents = await source().fetchIncidents(signal(), findings);
    expect(incidents.map((i) => i.externalId)).toEqual(['a', 'c']);
    expect(findings.notes).toEqual([
      '1 alert could not be read: labels: expected a set of string labels',
    ]);
  });

  it('reuses what it made of an unchanged answer, its notes included, and maps a changed one', async () => {
    const unreadable = { ...alert('b', 'active'), labels: { alertname: 'B', replicas: 2 } };
    answer = json({ '/alerts/groups?': grouped([alert('a', 'active'), unreadable]) });
    const am = source();
    const [firstFindings, secondFindings] = [new PollFindings(), new PollFindings()];
    const first = await am.fetchIncidents(signal(), firstFindings);
    const second = await am.fetchIncidents(signal(), secondFindings);
    expect(second).toBe(first);
    expect(secondFindings.notes).toEqual(firstFindings.notes);
    expect(secondFindings.notes).toHaveLength(1);

    answer = json({ '/alerts/groups?': grouped([alert('a', 'active'), alert('c', 'active')]) });
    const third = await am.fetchIncidents(signal());
    expect(third.map((i) => i.externalId)).toEqual(['a', 'c']);
    expect(third[0]).not.toBe(first[0]);
  });

  it('reports malformed silences as a bad response', async () => {
    answer = json({
      '/alerts/groups?': grouped([alert('c', 'suppressed', ['s1'])]),
      '/silences': [{ id: 's1' }],
    });
    expect((await sourceFailure(source().fetchIncidents(signal()))).kind).toBe('bad-response');
  });
});

describe('AlertmanagerSource auth', () => {
  it('sends basic credentials', async () => {
    await source(
      { auth: { type: 'basic', username: 'ops' } },
      { password: 'pa:ss' },
    ).fetchIncidents(signal());
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('ops:pa:ss').toString('base64')}`);
  });

  it('sends a bearer token', async () => {
    await source({ auth: { type: 'bearer' } }, { token: 'tok-123' }).fetchIncidents(signal());
    expect(seen.map((r) => r.authorization)).toEqual(['Bearer tok-123']);
  });

  it('sends nothing without auth', async () => {
    await source().fetchIncidents(signal());
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it('reports a missing secret as a configuration problem, without calling out', async () => {
    const error = await sourceFailure(
      source({ auth: { type: 'bearer' } }).fetchIncidents(signal()),
    );
    expect(error.kind).toBe('config');
    expect(seen).toEqual([]);
  });

  it('refuses credentials inside the base URL', async () => {
    const baseUrl = origin.replace('http://', 'http://ops:hunter2@');
    const error = await sourceFailure(source({ baseUrl }).fetchIncidents(signal()));
    expect(error.kind).toBe('config');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('AlertmanagerSource.act', () => {
  const incident = {
    key: 'am:a',
    externalId: 'a',
    title: 'Disk full',
    labels: { alertname: 'DiskFull' },
  } as unknown as Incident;
  const actionId = '3f2a9c1e-7b4d-4e2a-9f00-123456789abc';
  const firstTry: ActionContext = { actionId, mayHaveBeenSent: false };
  const retry: ActionContext = { actionId, mayHaveBeenSent: true };

  /** GET /silences lists `existing`; POST /silences creates one. */
  function silences(existing: unknown[]) {
    return (req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.method === 'POST' ? { silenceID: 'new' } : existing));
    };
  }

  const posted = () => seen.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));

  it('acks by posting a silence, marked with the action, and waits for its ID', async () => {
    answer = json({ '/silences': { silenceID: 'abc' } });
    await source({ ackSilenceMinutes: 30 }).act(incident, { type: 'ack' }, signal(), firstTry);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/api/v2/silences');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      matchers: [{ name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true }],
      startsAt: '2026-11-22T09:00:00.000Z',
      endsAt: '2026-11-22T09:30:00.000Z',
      createdBy: 'onwatch (alice)',
      comment: 'Acknowledged in Onwatch: Disk full (Onwatch ref 3f2a9c1e)',
    });
  });

  it('silences for the minutes the action asks for, not the ack default', async () => {
    answer = json({ '/silences': { silenceID: 'abc' } });
    const action: IncidentAction = { type: 'silence', minutes: 240 };
    await source({ ackSilenceMinutes: 30 }).act(incident, action, signal(), firstTry);
    expect(posted()).toMatchObject([
      { startsAt: '2026-11-22T09:00:00.000Z', endsAt: '2026-11-22T13:00:00.000Z' },
    ]);
  });

  it('does not count an answer without a silence ID as an ack', async () => {
    answer = json({ '/silences': {} });
    const error = await sourceFailure(source().act(incident, { type: 'ack' }, signal(), firstTry));
    expect(error.kind).toBe('bad-response');
  });

  it('passes on why Alertmanager refused the silence', async () => {
    answer = (_req, res) => {
      res.writeHead(400);
      res.end('silence invalid: end time must not be in the past');
    };
    const error = await sourceFailure(source().act(incident, { type: 'ack' }, signal(), firstTry));
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('end time must not be in the past');
  });

  it('refuses to resolve, since only the rule can', async () => {
    const error = await sourceFailure(
      source().act(incident, { type: 'resolve' }, signal(), firstTry),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'Alertmanager alerts resolve when their rule stops firing; silence it instead',
    );
    expect(seen).toEqual([]);
  });

  it.each<[IncidentAction, string]>([
    [{ type: 'snooze', minutes: 30 }, 'Alertmanager cannot snooze an alert'],
    [
      { type: 'reassign', target: { kind: 'user', id: 'bob' } },
      'Alertmanager cannot reassign an alert',
    ],
    [{ type: 'escalate' }, 'Alertmanager cannot escalate an alert'],
    [{ type: 'note', text: 'looking' }, 'Alertmanager cannot note an alert'],
  ])('refuses %j without calling out', async (action, message) => {
    const error = await sourceFailure(source().act(incident, action, signal(), retry));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(message);
    expect(seen).toEqual([]);
  });

  it('refuses to ack an alert without labels rather than post a silence that cannot match', async () => {
    const error = await sourceFailure(
      source().act({ ...incident, labels: {} }, { type: 'ack' }, signal(), firstTry),
    );
    expect(error.kind).toBe('rejected');
    expect(seen).toEqual([]);
  });

  it('on a first try posts without looking for an earlier silence', async () => {
    answer = silences([silence('s1', { comment: 'x (Onwatch ref 3f2a9c1e)' })]);
    await source().act(incident, { type: 'ack' }, signal(), firstTry);
    expect(seen.map((r) => r.method)).toEqual(['POST']);
  });

  it('on a retry after a lost answer, finds its own silence and posts nothing', async () => {
    answer = silences([
      silence('s0', { comment: 'muted by hand' }),
      silence('s1', { comment: 'Acknowledged in Onwatch: Disk full (Onwatch ref 3f2a9c1e)' }),
    ]);
    await source().act(incident, { type: 'ack' }, signal(), retry);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v2/silences']);
  });

  it.each([
    ['none of ours exists', [silence('s0'), silence('s1', { comment: '(Onwatch ref 99999999)' })]],
    [
      'ours has expired',
      [silence('s1', { comment: '(Onwatch ref 3f2a9c1e)', status: { state: 'expired' } })],
    ],
  ])('on a retry posts the silence when %s', async (_name, existing) => {
    answer = silences(existing);
    await source().act(incident, { type: 'silence', minutes: 10 }, signal(), retry);
    expect(seen.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(posted()[0]?.comment).toContain('(Onwatch ref 3f2a9c1e)');
  });

  it('counts a pending silence of ours as sent', async () => {
    answer = silences([
      silence('s1', { comment: '(Onwatch ref 3f2a9c1e)', status: { state: 'pending' } }),
    ]);
    await source().act(incident, { type: 'ack' }, signal(), retry);
    expect(posted()).toEqual([]);
  });

  it('on a retry fails rather than post blind when silences cannot be listed', async () => {
    answer = (req, res) => {
      res.writeHead(req.method === 'GET' ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(req.method === 'GET' ? '"unavailable"' : '{"silenceID":"new"}');
    };
    const error = await sourceFailure(source().act(incident, { type: 'ack' }, signal(), retry));
    // A server error, so the outbox tries again later instead of giving up.
    expect(error.kind).toBe('server');
    expect(posted()).toEqual([]);
  });
});

describe('AlertmanagerSource.testConnection', () => {
  it('summarises version, cluster and firing alerts, never the config', async () => {
    answer = json({
      '/status': {
        cluster: { status: 'ready', peers: [] },
        versionInfo: {
          version: '0.25.0',
          revision: 'r',
          branch: 'b',
          buildUser: 'u',
          buildDate: 'd',
          goVersion: 'g',
        },
        config: { original: 'global:\n  slack_api_url: https://hooks.slack.com/SECRET' },
        uptime: '2026-11-22T08:00:00Z',
      },
      '/alerts/groups?': grouped([alert('a', 'active')]),
    });
    const report = await source().testConnection(signal());
    expect(report).toEqual({ summary: 'Alertmanager 0.25.0, cluster ready, 1 firing alert' });
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });
});
