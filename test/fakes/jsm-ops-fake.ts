import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesRequest, parseRequestBody, type RequestMatch } from './request-matching.js';

/*
 * A loopback stand-in for one Atlassian site and its JSM Operations API: the site's tenant info
 * and user API (/_edge/tenant_info, /rest/api/3/myself, /rest/api/3/user) and the ops calls
 * under /jsm/ops/api/{cloudId}/v1 that JsmOpsSource makes, answered as Atlassian's OpenAPI file
 * describes (test/integration/jsm-ops-contract.test.ts holds it to that). Actions are applied
 * at once, but their outcome is only readable from the request status, which answers 404 for
 * the first `pendingPolls` polls; the next action can be made to fail or to stay pending. The
 * credential's scopes can be narrowed, and a call outside them is the 401 "scope does not
 * match" Atlassian is reported to send. Schedule overrides are kept (aliases chosen here, as
 * JSM does) and drawn into each timeline's final layer; `expand=base` adds the base layer.
 */

type JsmStatus = 'open' | 'acked' | 'snoozed' | 'closed';

interface FakeResponder {
  type: 'user' | 'team' | 'escalation' | 'schedule';
  id: string;
}

export interface FakeJsmAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  description?: string;
  status: JsmStatus;
  acknowledged: boolean;
  ackTime?: string;
  snoozed: boolean;
  snoozedUntil?: string;
  tags: string[];
  extraProperties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  source: string;
  entity?: string;
  /** A display name, as JSM gives it. */
  owner: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  responders: FakeResponder[];
}

interface FakeLogLine {
  log: string;
  logType: string;
  owner: string;
  logTime: string;
}

interface FakeNote {
  id: string;
  note: string;
  owner: string;
  createdAt: string;
}

interface FakeUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

/** A schedule override as JSM keeps it; its alias is the server's own. */
interface FakeOverride {
  alias: string;
  responder: { type: 'user' | 'noone'; id?: string };
  startDate: string;
  endDate: string;
  rotationIds?: string[];
}

interface FakeSchedule {
  id: string;
  name: string;
  teamId: string;
  /** The rotation's first handoff; it repeats every `shiftHours` through `participants`. */
  startsAt: string;
  shiftHours: number;
  participants: FakeResponder[];
}

type JsmScope = 'read:ops-alert' | 'write:ops-alert' | 'read:ops-config' | 'write:ops-config';
const allScopes: readonly JsmScope[] = [
  'read:ops-alert',
  'write:ops-alert',
  'read:ops-config',
  'write:ops-config',
];

type JsmFault =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'timeout' | 'malformed';

/** What the next action's request status says: done, refused, or never processed. */
type Outcome = { isSuccess: false; status: string } | 'pending';

/** One request as it reached the fake, and its answer (none while a fault holds it). */
interface JsmExchange {
  method: string;
  path: string;
  query: [string, string][];
  authorization?: string;
  contentType?: string;
  requestBody: string;
  status?: number;
  responseBody?: string;
}

export interface JsmFakeOptions {
  cloudId?: string;
  email?: string;
  token?: string;
  alerts?: FakeJsmAlert[];
  /** Largest page served whatever `size` asks, so the default data spans two pages. */
  pageSize?: number;
  /** Request-status polls answered 404 ("not processed yet") before the outcome. */
  pendingPolls?: number;
  /** Rewrites each `links.next` of the alert list, e.g. to jump near the offset ceiling. */
  pagingNext?: (next: string) => string;
}

export interface JsmFake {
  /** The site and the API root at once: point both siteUrl and apiBaseUrl here. */
  url: string;
  cloudId: string;
  email: string;
  token: string;
  me: FakeUser;
  users: FakeUser[];
  requests: JsmExchange[];
  /** Live state by alert id; tests may read and change it. */
  alerts: Map<string, FakeJsmAlert>;
  notesOf(alertId: string): FakeNote[];
  /** Escalation ids each alert was escalated along. */
  escalationsOf(alertId: string): string[];
  /** Live overrides by schedule id; tests may read and change them. */
  overrides: Map<string, FakeOverride[]>;
  /** The schedules' ids by name. */
  scheduleIds: Record<'paymentsPrimary' | 'search', string>;
  /** Answers every request that matches with `fault`; null lifts it. */
  setFault(fault: JsmFault | null, match?: RequestMatch): void;
  /** The credential's scopes from now on (all four by default). */
  setScopes(scopes: readonly JsmScope[]): void;
  /** The next action is accepted (202), and its request status then says this. */
  nextOutcome(outcome: Outcome): void;
  stop(): Promise<void>;
}

const fakeCloudId = '3d5a4f2e-81b1-4c3f-9d1e-2b7c6a9e0f41';
const defaultEmail = 'dana@acme.example';
const defaultToken = 'ATATT3xFfGF0-fake-jsm-token-5c0ffee';

const dana: FakeUser = {
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  displayName: 'Dana Scully',
  emailAddress: defaultEmail,
};
const sam: FakeUser = {
  accountId: '5b10a2844c20165700ede21g',
  displayName: 'Sam Rivera',
  emailAddress: 'sam@acme.example',
};
const lee: FakeUser = {
  accountId: '712020:1c7e5a1b-5d2e-4f3a-9b8c-0d1e2f3a4b5c',
  displayName: 'Lee Chen',
  emailAddress: 'lee@acme.example',
};

const paymentsTeam = { teamId: '9a0c8b7d-f0e3-41d3-a060-0ea895027630', teamName: 'Payments' };
const databaseTeam = { teamId: 'cb2ed0a1-4b1c-4a7a-9f53-3a7c2d8c4f11', teamName: 'Database' };
const escalationsByTeam: Record<string, { id: string; name: string }[]> = {
  [paymentsTeam.teamId]: [
    { id: 'e1a2b3c4-0000-4000-8000-000000000001', name: 'Payments escalation' },
  ],
  [databaseTeam.teamId]: [
    { id: 'e1a2b3c4-0000-4000-8000-000000000002', name: 'Database escalation' },
  ],
};
export const fakeEscalationIds = {
  payments: escalationsByTeam[paymentsTeam.teamId]![0]!.id,
  database: escalationsByTeam[databaseTeam.teamId]![0]!.id,
};

interface PendingRequest {
  pollsLeft: number;
  action: string;
  alertId: string;
  alias: string;
  isSuccess: boolean;
  status: string;
  processedAt: string;
}

const hourMs = 60 * 60_000;
const offsetCeiling = 20_000;

export async function startJsmOpsFake(options: JsmFakeOptions = {}): Promise<JsmFake> {
  const cloudId = options.cloudId ?? fakeCloudId;
  const email = options.email ?? defaultEmail;
  const token = options.token ?? defaultToken;
  const users = [dana, sam, lee];
  /** What the site's user search lists besides them: an app, which cannot be on call. */
  const accounts = [...users.map(jiraUser), automationApp];
  const pageSize = options.pageSize ?? 5;
  const pendingPolls = options.pendingPolls ?? 1;
  const alerts = new Map(
    (options.alerts ?? defaultAlerts()).map((a) => [a.id, structuredClone(a)]),
  );
  const notes = new Map<string, FakeNote[]>();
  const escalated = new Map<string, string[]>();
  /** Log lines of the actions taken through the API, by alert id; the rest is derived. */
  const actionLogs = new Map<string, FakeLogLine[]>();
  /** The acknowledgement each alert was made with: the log keeps it whatever happens since. */
  const madeAcknowledged = new Map(
    [...alerts.values()].flatMap((a): [string, FakeLogLine][] =>
      a.acknowledged && a.ackTime
        ? [
            [
              a.id,
              {
                log: 'Alert acknowledged via Web',
                logType: 'alertAction',
                owner: a.owner,
                logTime: a.ackTime,
              },
            ],
          ]
        : [],
    ),
  );
  const requestStatuses = new Map<string, PendingRequest>();
  const requests: JsmExchange[] = [];
  const schedules = defaultSchedules();
  const overrides = new Map<string, FakeOverride[]>(schedules.map((s) => [s.id, []]));
  let scopes = new Set<JsmScope>(allScopes);
  let fault: { fault: JsmFault; match: RequestMatch } | undefined;
  let outcome: Outcome | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const exchange: JsmExchange = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams],
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        requestBody: Buffer.concat(chunks).toString(),
      };
      requests.push(exchange);
      const send: Send = (status, body, headers = {}) => {
        const text =
          body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
        exchange.status = status;
        exchange.responseBody = text;
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(text);
      };
      if (fault && matchesRequest(fault.match, exchange)) {
        const faulty = fault.fault;
        if (faulty === 'timeout') return; // held open until the client gives up or stop()
        if (faulty === 'malformed') return send(200, '{"values": [{"id": ');
        return send(faulty.status, faulty.body ?? errorFor(faulty.status), faulty.headers);
      }
      if (url.pathname === '/_edge/tenant_info' && exchange.method === 'GET') {
        return send(200, { cloudId });
      }
      const expected = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        return send(401, {
          code: 401,
          message: 'Client must be authenticated to access this resource.',
        });
      }
      route(exchange, url, parseRequestBody(exchange.requestBody), send);
    });
  });

  type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

  function route(exchange: JsmExchange, url: URL, body: unknown, send: Send): void {
    const { method, path } = exchange;
    if (path === '/rest/api/3/myself' && method === 'GET') return send(200, jiraUser(dana));
    if (path === '/rest/api/3/user' && method === 'GET') {
      const user = users.find((u) => u.accountId === url.searchParams.get('accountId'));
      return user
        ? send(200, jiraUser(user))
        : send(404, {
            errorMessages: [
              'Specified user does not exist or you do not have required permissions',
            ],
            errors: {},
          });
    }
    if (path === '/rest/api/3/users/search' && method === 'GET') {
      const startAt = Number(url.searchParams.get('startAt') ?? '0');
      const maxResults = Number(url.searchParams.get('maxResults') ?? '50');
      return send(200, accounts.slice(startAt, startAt + maxResults));
    }
    const prefix = `/jsm/ops/api/${cloudId}/v1/`;
    if (!path.startsWith(prefix)) return send(404, errors('Not found'));
    const parts = path.slice(prefix.length).split('/').map(decodeURIComponent);
    const [area, id, sub] = parts;
    const needs = (scope: JsmScope) => {
      if (scopes.has(scope)) return false;
      send(401, { code: 401, message: 'Unauthorized; scope does not match' });
      return true;
    };

    if (area === 'teams' && method === 'GET') {
      if (needs('read:ops-config')) return;
      if (parts.length === 1) return send(200, { platformTeams: [paymentsTeam, databaseTeam] });
      if (parts.length === 3 && sub === 'escalations') {
        const list = escalationsByTeam[id!];
        if (!list) return send(404, errors('Team not found'));
        return send(200, {
          values: list.map((e) => ({ ...e, enabled: true, rules: [] })),
          links: {},
        });
      }
    }
    if (area === 'schedules') {
      if (needs('read:ops-config')) return;
      if (method !== 'GET' && needs('write:ops-config')) return;
      if (parts[2] === 'overrides') return overridesRoute(method, parts.slice(1), url, body, send);
      if (method === 'GET') return schedulesRoute(parts.slice(1), url, send);
    }
    if (area !== 'alerts') return send(404, errors('Not found'));
    if (needs('read:ops-alert')) return;
    if (parts.length === 1 && method === 'GET') return listAlerts(url, send);
    if (id === 'requests' && parts.length === 3 && method === 'GET') {
      const pending = requestStatuses.get(sub!);
      if (!pending || pending.pollsLeft-- > 0) return send(404, errors('Request not found'));
      const { pollsLeft: _, ...status } = pending;
      return send(200, { ...status, integrationId: '' });
    }
    const alert = id ? alerts.get(id) : undefined;
    if (parts.length === 2 && method === 'GET') {
      return alert ? send(200, alert) : send(404, errors('Alert does not exist'));
    }
    if (parts.length === 3 && sub === 'logs' && method === 'GET') {
      if (!alert) return send(404, errors('Alert does not exist'));
      return listLogs(alert, url, send);
    }
    if (parts.length === 3 && sub === 'notes' && method === 'GET') {
      if (!alert) return send(404, errors('Alert does not exist'));
      const size = Number(url.searchParams.get('size') ?? '20');
      const newest = [...(notes.get(alert.id) ?? [])].reverse().slice(0, size);
      return send(200, { values: newest, links: {} });
    }
    if (parts.length === 3 && method === 'POST') {
      if (needs('write:ops-alert')) return;
      if (sub === 'notes') return addNote(alert, body, send);
      return alertAction(id!, alert, sub!, body, send);
    }
    send(404, errors('Not found'));
  }

  function listAlerts(url: URL, send: Send): void {
    const params = url.searchParams;
    const size = Number(params.get('size') ?? '20');
    const offset = Number(params.get('offset') ?? '0');
    if (!Number.isInteger(size) || size < 1 || size > 100)
      return send(422, errors('size must be between 1 and 100'));
    if (!Number.isInteger(offset) || offset < 0)
      return send(422, errors('offset must be at least 0'));
    if (offset + size > offsetCeiling) {
      return send(422, errors(`offset + size must not exceed ${offsetCeiling}`));
    }
    const all = filtered(params.get('query'));
    if (params.get('order') === 'asc') all.reverse();
    const page = all.slice(offset, offset + Math.min(size, pageSize));
    const end = offset + page.length;
    const more = end < all.length;
    const next = `/v1/alerts?offset=${end}&size=${size}`;
    const links = more ? { next: (options.pagingNext ?? ((n) => n))(next) } : {};
    send(200, { values: page, count: all.length, links });
  }

  /**
   * The alert's log, oldest first: its creation, an acknowledgement it was made with, a line
   * per note, then every action taken through the API; `size` lines a page, `after` the last.
   */
  function listLogs(alert: FakeJsmAlert, url: URL, send: Send): void {
    const size = Number(url.searchParams.get('size') ?? '20');
    if (!Number.isInteger(size) || size < 1 || size > 100)
      return send(422, errors('size must be between 1 and 100'));
    const taken = actionLogs.get(alert.id) ?? [];
    const seededAck = madeAcknowledged.get(alert.id);
    const lines: FakeLogLine[] = [
      {
        log: `Alert created via ${alert.source}`,
        logType: 'system',
        owner: 'System',
        logTime: alert.createdAt,
      },
      ...(seededAck ? [seededAck] : []),
      ...(notes.get(alert.id) ?? []).map((n) => ({
        log: 'Note added',
        logType: 'alertAction',
        owner: n.owner,
        logTime: n.createdAt,
      })),
      ...taken,
    ].sort((a, b) => Date.parse(a.logTime) - Date.parse(b.logTime));
    const after = Number(url.searchParams.get('after') ?? '0');
    const page = lines.slice(after, after + size);
    const next = after + page.length;
    const links =
      next < lines.length ? { next: `/v1/alerts/${alert.id}/logs?after=${next}&size=${size}` } : {};
    send(200, { values: page, links });
  }

  function addNote(alert: FakeJsmAlert | undefined, body: unknown, send: Send): void {
    if (!alert) return send(404, errors('Alert does not exist'));
    const text = (body as { note?: unknown } | undefined)?.note;
    if (typeof text !== 'string' || !text.trim()) return send(422, errors('note is required'));
    const now = new Date().toISOString();
    const note = {
      id: String(Date.now() * 1000 + Math.floor(Math.random() * 1000)),
      note: text,
      owner: email,
      createdAt: now,
    };
    notes.set(alert.id, [...(notes.get(alert.id) ?? []), note]);
    send(200, { ...note, updatedAt: now });
  }

  function alertAction(
    id: string,
    alert: FakeJsmAlert | undefined,
    action: string,
    body: unknown,
    send: Send,
  ): void {
    const invalid = invalidPayload(action, body);
    if (invalid === 'unknown') return send(404, errors('Not found'));
    if (invalid) return send(422, errors(invalid));
    const requestId = randomUUID();
    const next = outcome;
    outcome = undefined;
    const result =
      next === 'pending'
        ? undefined
        : (next ??
          (alert
            ? apply(alert, action, body as Record<string, unknown>)
            : { isSuccess: false, status: 'Alert does not exist' }));
    requestStatuses.set(requestId, {
      pollsLeft: result ? pendingPolls : Number.POSITIVE_INFINITY,
      action: actionNames[action]!,
      alertId: alert?.id ?? id,
      alias: alert?.alias ?? '',
      processedAt: new Date().toISOString(),
      isSuccess: false,
      status: '',
      ...result,
    });
    send(202, { result: 'Request will be processed', requestId, took: 0 });
  }

  /** Changes the alert; the wording of refusals is our guess at JSM's [U]. */
  function apply(
    alert: FakeJsmAlert,
    action: string,
    body: Record<string, unknown>,
  ): { isSuccess: boolean; status: string } {
    const now = new Date().toISOString();
    const done = (status: string) => {
      alert.updatedAt = now;
      const lines = actionLogs.get(alert.id) ?? [];
      const log = `Alert ${status.toLowerCase()} via API`;
      actionLogs.set(alert.id, [
        ...lines,
        { log, logType: 'alertAction', owner: email, logTime: now },
      ]);
      return { isSuccess: true, status };
    };
    const closed = alert.status === 'closed';
    switch (action) {
      case 'acknowledge':
        if (closed) return { isSuccess: false, status: 'Alert is already closed' };
        if (alert.acknowledged)
          return { isSuccess: false, status: 'Alert is already acknowledged' };
        Object.assign(alert, { acknowledged: true, status: 'acked', ackTime: now });
        return done('Acknowledged');
      case 'unacknowledge':
        Object.assign(alert, { acknowledged: false, status: 'open', ackTime: undefined });
        return done('Unacknowledged');
      case 'close':
        if (closed) return { isSuccess: false, status: 'Alert is already closed' };
        alert.status = 'closed';
        return done('Closed');
      case 'snooze': {
        if (closed) return { isSuccess: false, status: 'Alert is closed' };
        const endTime = Date.parse(String(body.endTime));
        if (endTime <= Date.now())
          return { isSuccess: false, status: 'endTime should be in the future' };
        Object.assign(alert, {
          snoozed: true,
          status: 'snoozed',
          snoozedUntil: new Date(endTime).toISOString(),
        });
        return done('Snoozed');
      }
      case 'assign': {
        const user = users.find((u) => u.accountId === body.accountId);
        if (!user) return { isSuccess: false, status: 'User not found' };
        alert.owner = user.displayName;
        return done('Assigned');
      }
      default: {
        // escalate
        const known = Object.values(escalationsByTeam)
          .flat()
          .some((e) => e.id === body.escalationId);
        if (!known) return { isSuccess: false, status: 'Escalation does not exist' };
        escalated.set(alert.id, [...(escalated.get(alert.id) ?? []), String(body.escalationId)]);
        return done('Escalated');
      }
    }
  }

  function schedulesRoute(rest: string[], url: URL, send: Send): void {
    if (rest.length === 0) {
      return send(200, { values: schedules.map(scheduleMeta), links: {}, _expands: ['rotation'] });
    }
    const schedule = schedules.find((s) => s.id === rest[0]);
    if (!schedule) return send(404, errors('Schedule not found'));
    if (rest.length !== 2 || rest[1] !== 'timeline') return send(404, errors('Not found'));
    const interval = Number(url.searchParams.get('interval') ?? '1');
    const unit = url.searchParams.get('intervalUnit') ?? 'weeks';
    const unitMs = { days: 24 * hourMs, weeks: 7 * 24 * hourMs, months: 30 * 24 * hourMs }[unit];
    const at = url.searchParams.get('date');
    const moment = at ? Date.parse(at) : Date.now();
    if (!unitMs || !Number.isInteger(interval) || interval < 1 || Number.isNaN(moment)) {
      return send(422, errors('interval, intervalUnit or date is not valid'));
    }
    const start = moment - (moment % (24 * hourMs));
    const end = start + interval * unitMs;
    const base: Stretch[] = [];
    for (let t = start; t < end;) {
      const { participant, until } = shiftAt(schedule, t);
      const stop = Math.min(until, end);
      base.push({ from: t, to: stop, type: 'base', responder: participant });
      t = stop;
    }
    const layer = (stretches: Stretch[]) => ({
      rotations: [
        {
          id: rotationIdOf(schedule),
          name: 'Rotation',
          order: 1,
          deleted: false,
          periods: stretches.map(toPeriod),
        },
      ],
    });
    const expand = url.searchParams.getAll('expand').flatMap((e) => e.split(','));
    send(200, {
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
      finalTimeline: layer(withOverrides(base, overrides.get(schedule.id) ?? [])),
      ...(expand.includes('base') ? { baseTimeline: layer(base) } : {}),
      _expands: ['base', 'forwarding', 'override'],
    });
  }

  function overridesRoute(
    method: string,
    rest: string[],
    url: URL,
    body: unknown,
    send: Send,
  ): void {
    const schedule = schedules.find((s) => s.id === rest[0]);
    if (!schedule) return send(404, errors('Schedule not found'));
    const list = overrides.get(schedule.id)!;
    const alias = rest[2];
    if (rest.length === 2 && method === 'GET') {
      const size = Number(url.searchParams.get('size') ?? '25');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      if (!Number.isInteger(size) || size < 1 || size > 50) {
        return send(422, errors('size must be between 1 and 50'));
      }
      // Ongoing and future ones only, as JSM lists them.
      const current = list.filter((o) => Date.parse(o.endDate) > Date.now());
      const page = current.slice(offset, offset + Math.min(size, pageSize));
      const end = offset + page.length;
      const next = `/v1/schedules/${schedule.id}/overrides?offset=${end}&size=${size}`;
      return send(200, { values: page, links: end < current.length ? { next } : {} });
    }
    if (rest.length === 2 && method === 'POST') {
      const invalid = invalidOverride(body, users);
      if (invalid) return send(422, errors(invalid));
      const made = { ...(body as Omit<FakeOverride, 'alias'>), alias: randomUUID() };
      list.push(made);
      return send(201, made);
    }
    const index = list.findIndex((o) => o.alias === alias);
    if (rest.length !== 3 || index < 0) return send(404, errors('Override not found'));
    if (method === 'GET') return send(200, list[index]);
    if (method === 'DELETE') {
      list.splice(index, 1);
      return send(204, undefined);
    }
    if (method === 'PUT') {
      const invalid = invalidOverride(body, users);
      if (invalid) return send(422, errors(invalid));
      list[index] = { ...(body as Omit<FakeOverride, 'alias'>), alias: alias! };
      return send(200, list[index]);
    }
    send(404, errors('Not found'));
  }

  function filtered(query: string | null): FakeJsmAlert[] {
    const notClosed = /NOT\s+status\s*:\s*closed/i.test(query ?? '');
    return [...alerts.values()]
      .filter((a) => !notClosed || a.status !== 'closed')
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    cloudId,
    email,
    token,
    me: dana,
    users,
    requests,
    alerts,
    notesOf: (alertId) => notes.get(alertId) ?? [],
    escalationsOf: (alertId) => escalated.get(alertId) ?? [],
    overrides,
    scheduleIds: { paymentsPrimary: schedules[0]!.id, search: schedules[1]!.id },
    setFault: (next, match = {}) => {
      fault = next ? { fault: next, match } : undefined;
    },
    setScopes: (next) => {
      scopes = new Set(next);
    },
    nextOutcome: (next) => {
      outcome = next;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const actionNames: Record<string, string> = {
  acknowledge: 'Acknowledge',
  unacknowledge: 'UnAcknowledge',
  close: 'Close',
  snooze: 'Snooze',
  assign: 'Assign',
  escalate: 'Escalate',
};

/** What JSM would refuse with 422, or 'unknown' for an action it does not have. */
function invalidPayload(action: string, body: unknown): string | 'unknown' | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  switch (action) {
    case 'acknowledge':
    case 'unacknowledge':
    case 'close':
      return body === undefined ? undefined : 'this action takes no body';
    case 'snooze':
      return text(fields.endTime) && !Number.isNaN(Date.parse(String(fields.endTime)))
        ? undefined
        : 'endTime is required and must be a date';
    case 'assign':
      return text(fields.accountId) ? undefined : 'accountId is required';
    case 'escalate':
      return text(fields.escalationId) ? undefined : 'escalationId is required';
    default:
      return 'unknown';
  }
}

const automationApp = {
  accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
  accountType: 'app',
  displayName: 'Automation for Jira',
  active: true,
};

/** One stretch of a layer: who holds the rotation, and why. */
interface Stretch {
  from: number;
  to: number;
  type: 'base' | 'override';
  responder: { type: string; id?: string };
}

const rotationIdOf = (schedule: FakeSchedule) => `${schedule.id}-rot`;

function toPeriod(stretch: Stretch) {
  const { responder } = stretch;
  const flattened =
    responder.type === 'team' && responder.id
      ? teamMembers(responder.id)
      : responder.type === 'user'
        ? [responder]
        : [];
  return {
    startDate: new Date(stretch.from).toISOString(),
    endDate: new Date(stretch.to).toISOString(),
    type: stretch.type,
    responder,
    flattenedResponders: flattened,
  };
}

/** The final layer: the newest override holding a moment wins it, else the rotation does. */
function withOverrides(base: Stretch[], overrides: readonly FakeOverride[]): Stretch[] {
  if (base.length === 0) return base;
  const start = base[0]!.from;
  const end = base.at(-1)!.to;
  const ranges = overrides.map((o) => ({
    from: Date.parse(o.startDate),
    to: Date.parse(o.endDate),
    responder: o.responder,
  }));
  const edges = [
    ...new Set([
      ...base.flatMap((b) => [b.from, b.to]),
      ...ranges.flatMap((r) => [r.from, r.to]).filter((t) => t > start && t < end),
    ]),
  ].sort((a, b) => a - b);
  const stretches: Stretch[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const cover = ranges.findLast((r) => r.from <= from && r.to >= to);
    const held = cover
      ? { type: 'override' as const, responder: cover.responder }
      : {
          type: 'base' as const,
          responder: base.find((b) => b.from <= from && b.to >= to)!.responder,
        };
    const last = stretches.at(-1);
    if (last && last.type === held.type && last.responder.id === held.responder.id) last.to = to;
    else stretches.push({ from, to, ...held });
  }
  return stretches;
}

/** What JSM would refuse with 422 in a create or a full replace of an override. */
function invalidOverride(body: unknown, users: readonly FakeUser[]): string | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  const responder = fields.responder as { type?: unknown; id?: unknown } | undefined;
  if (responder?.type !== 'user' && responder?.type !== 'noone') {
    return 'responder.type must be user or noone';
  }
  if (responder.type === 'user' && !users.some((u) => u.accountId === responder.id)) {
    return 'responder is not a user of this site';
  }
  const start = Date.parse(String(fields.startDate));
  const end = Date.parse(String(fields.endDate));
  if (Number.isNaN(start) || Number.isNaN(end)) return 'startDate and endDate are required';
  if (end <= start) return 'endDate must be after startDate';
  return undefined;
}

function jiraUser(user: FakeUser) {
  return { ...user, accountType: 'atlassian', active: true, timeZone: 'Europe/Berlin' };
}

function scheduleMeta(schedule: FakeSchedule) {
  return {
    id: schedule.id,
    name: schedule.name,
    enabled: true,
    teamId: schedule.teamId,
    timezone: 'UTC',
  };
}

function teamMembers(teamId: string): FakeResponder[] {
  const members = teamId === databaseTeam.teamId ? [dana, lee] : [dana, sam];
  return members.map((u) => ({ type: 'user', id: u.accountId }));
}

/** Who holds the rotation at `moment`, and until when. */
function shiftAt(schedule: FakeSchedule, moment: number) {
  const length = schedule.shiftHours * hourMs;
  const index = Math.floor((moment - Date.parse(schedule.startsAt)) / length);
  const count = schedule.participants.length;
  return {
    participant: schedule.participants[((index % count) + count) % count]!,
    until: Date.parse(schedule.startsAt) + (index + 1) * length,
  };
}

function errors(title: string) {
  return { errors: [{ title, code: title.toLowerCase().replace(/\W+/g, '-') }] };
}

function errorFor(status: number): unknown {
  if (status === 401) return { code: 401, message: 'Unauthorized; scope does not match' };
  const titles: Record<number, string> = {
    402: 'Your plan does not include this feature',
    403: 'You are not allowed to do this',
    429: 'Too many requests',
    500: 'Internal server error',
    503: 'Service unavailable',
  };
  return errors(titles[status] ?? `HTTP ${status}`);
}

function defaultSchedules(): FakeSchedule[] {
  const user = (u: FakeUser): FakeResponder => ({ type: 'user', id: u.accountId });
  return [
    {
      id: 'f8f2a4ec-54b2-4513-865b-8cb3b81c9544',
      name: 'Payments primary',
      teamId: paymentsTeam.teamId,
      startsAt: '2026-11-16T09:00:00Z',
      shiftHours: 24,
      participants: [user(sam), user(dana), user(lee)],
    },
    {
      id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      name: 'Search on-call',
      teamId: paymentsTeam.teamId,
      startsAt: '2026-11-16T09:00:00Z',
      shiftHours: 7 * 24,
      participants: [user(sam), user(lee)],
    },
  ];
}

/** Seven open alerts across every priority and status, plus a closed one the list must skip. */
function defaultAlerts(): FakeJsmAlert[] {
  const at = (minutesAgo: number) =>
    new Date(Date.parse('2026-11-22T09:00:00Z') - minutesAgo * 60_000).toISOString();
  const alert = (
    fields: Partial<FakeJsmAlert> & Pick<FakeJsmAlert, 'id' | 'tinyId' | 'message'>,
  ): FakeJsmAlert => ({
    alias: `${fields.id}-alias`,
    status: 'open',
    acknowledged: false,
    snoozed: false,
    tags: [],
    extraProperties: {},
    createdAt: at(10),
    updatedAt: at(5),
    source: 'Prometheus',
    owner: '',
    priority: 'P3',
    responders: [],
    ...fields,
  });
  return [
    alert({
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      tinyId: '1791',
      alias: 'checkout-5xx',
      message: 'Checkout API 5xx rate above 5%',
      description: 'Error budget burning at 14x; see the dashboard.',
      priority: 'P1',
      tags: ['service:checkout', 'env:prod', 'customer-facing'],
      extraProperties: {
        runbook_url: 'https://runbooks.acme.example/checkout-5xx',
        region: 'eu-west-1',
      },
      entity: 'checkout-api',
      owner: dana.displayName,
      responders: [
        { type: 'team', id: paymentsTeam.teamId },
        { type: 'user', id: dana.accountId },
      ],
      createdAt: at(3),
      updatedAt: at(2),
    }),
    alert({
      id: '8418d193-2dab-4490-b331-8c02cdd196b7',
      tinyId: '1790',
      alias: 'pg-replication-lag',
      message: 'Primary database replication lag above 45 s',
      priority: 'P2',
      tags: ['service:postgres'],
      source: 'Datadog',
      status: 'acked',
      acknowledged: true,
      ackTime: at(23),
      owner: sam.displayName,
      responders: [{ type: 'escalation', id: fakeEscalationIds.database }],
      createdAt: at(25),
    }),
    alert({
      id: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
      tinyId: '1789',
      message: 'Disk 85% full on log-01',
      tags: ['host:log-01', 'disk'],
      status: 'snoozed',
      snoozed: true,
      snoozedUntil: '2026-11-22T12:00:00Z',
      owner: lee.displayName,
      createdAt: at(40),
    }),
    alert({
      id: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
      tinyId: '1788',
      message: 'TLS certificate for pay.acme.example expires in 20 days',
      priority: 'P4',
      source: 'Certificate monitor',
      responders: [{ type: 'user', id: dana.accountId }],
      createdAt: at(90),
    }),
    alert({
      id: '0b9e7c5a-3d1f-4e2b-8a6c-4f8d0e2b4a37',
      tinyId: '1787',
      message: 'Nightly backup ran 40 minutes longer than usual',
      priority: 'P5',
      source: 'cron@backup-01',
      createdAt: at(300),
    }),
    alert({
      id: '5d7f9b1c-2e4a-4c6e-9b8d-0a2c4e6f8b51',
      tinyId: '1786',
      message: 'Payment webhook queue backing up',
      priority: 'P2',
      tags: ['service:payments'],
      responders: [{ type: 'team', id: paymentsTeam.teamId }],
      createdAt: at(420),
    }),
    alert({
      id: '9e1c3a5b-7d9f-4b2d-8e0a-6c8e0a2c4e73',
      tinyId: '1785',
      message: 'Search p99 latency above 2 s',
      tags: ['service:search'],
      responders: [
        { type: 'escalation', id: fakeEscalationIds.payments },
        { type: 'escalation', id: fakeEscalationIds.database },
      ],
      createdAt: at(600),
    }),
    alert({
      id: '1a3c5e7f-9b2d-4f6a-8c0e-2b4d6f8a0c95',
      tinyId: '1784',
      message: 'Redis memory above 90%',
      priority: 'P2',
      status: 'closed',
      createdAt: at(900),
    }),
  ];
}
