// Opsgenie's REST API ends on 2027-04-05: this fake goes with electron/core/sources/opsgenie/.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A loopback stand-in for Opsgenie's REST API v2: the alert, request-status, notes, logs, account,
 * escalation and schedule calls OpsgenieSource makes, answered the way the official Swagger
 * spec describes (test/integration/opsgenie-contract.test.ts holds it to that). Actions are
 * applied at once but, as in Opsgenie, their outcome is only readable from the request status,
 * which answers 404 for the first `pendingPolls` polls.
 */

interface FakeResponder {
  type: 'user' | 'team' | 'escalation' | 'schedule';
  id: string;
}

interface FakeNote {
  note: string;
  owner: string;
  createdAt: string;
}

interface FakeAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  snoozed: boolean;
  snoozedUntil?: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  source: string;
  owner: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  responders: FakeResponder[];
  /** Only "Get alert" returns it, as in Opsgenie's spec. */
  entity: string;
  report?: { ackTime?: number; acknowledgedBy?: string; closeTime?: number; closedBy?: string };
  notes: FakeNote[];
  /** Escalation ids this alert was escalated along, for tests to read. */
  escalatedTo: string[];
}

interface FakeLogLine {
  log: string;
  type: 'system' | 'alertAction' | 'alertRecipient';
  owner: string;
  createdAt: string;
}

/** What Opsgenie logs for an action taken through the API; a note is logged from the notes. */
function logLineOf(
  action: string,
  alert: FakeAlert,
  user: string,
  escalations: readonly FakeEscalation[],
): Omit<FakeLogLine, 'createdAt'> | undefined {
  const by = { type: 'alertAction' as const, owner: user };
  switch (action) {
    case 'acknowledge':
      return { ...by, log: 'Alert acknowledged via API' };
    case 'close':
      return { ...by, log: 'Alert closed via API' };
    case 'snooze':
      return { ...by, log: `Alert snoozed until ${alert.snoozedUntil}` };
    case 'assign':
      return { ...by, log: `Alert ownership assigned to ${alert.owner}` };
    case 'escalate': {
      const escalation = escalations.find((e) => e.id === alert.escalatedTo.at(-1));
      return { ...by, log: `Alert escalated to ${escalation?.name}` };
    }
    default:
      return undefined;
  }
}

interface FakeUser {
  id: string;
  username: string;
  fullName?: string;
}

/** An override on a schedule, under its alias (unique per schedule, as in Opsgenie). */
interface FakeOverride {
  alias: string;
  userId: string;
  startDate: string;
  endDate: string;
}

interface FakeSchedule {
  id: string;
  name: string;
  /** The rotation's first handoff; it repeats every `shiftHours` through `participants`. */
  startsAt: string;
  shiftHours: number;
  participants: (
    | { type: 'user'; id: string; username: string }
    | { type: 'team'; id: string; name: string; members: string[] }
  )[];
}

interface FakeEscalation {
  id: string;
  name: string;
  ownerTeam: { id: string; name: string };
}

type OpsgenieFault =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'timeout'
  | 'malformed'
  | null;

/** One request as it reached the fake, and its answer (none while a fault holds it). */
interface OpsgenieExchange {
  method: string;
  path: string;
  query: [string, string][];
  authorization?: string;
  contentType?: string;
  requestBody: string;
  status?: number;
  responseBody?: string;
}

export interface OpsgenieFakeOptions {
  apiKey?: string;
  alerts?: FakeAlert[];
  users?: FakeUser[];
  schedules?: FakeSchedule[];
  escalations?: FakeEscalation[];
  accountName?: string;
  /** Largest page served whatever `limit` asks, so the default data spans two pages. */
  pageSize?: number;
  /** Request-status polls answered 404 ("not processed yet") before the outcome. */
  pendingPolls?: number;
  /** Origin written into paging links; a proxy in front of Opsgenie sees the real host there. */
  linkOrigin?: string;
  /**
   * Rewrites each `paging.next` the alert list sends (the spec only says it is a string), e.g.
   * to something that is no link, or back to the first page.
   */
  pagingNext?: (next: URL) => string;
}

export interface OpsgenieFake {
  url: string;
  /** Overrides by schedule id; POST adds, PUT replaces whole, DELETE removes. */
  overrides: Map<string, FakeOverride[]>;
  apiKey: string;
  requests: OpsgenieExchange[];
  /** Live state by alert id; tests may read and change it. */
  alerts: Map<string, FakeAlert>;
  /** Answers every request (or only those whose path starts with `path`) with `fault`. */
  setFault(fault: OpsgenieFault, path?: string): void;
  /** The next action is accepted (202) but its request status fails with `reason`. */
  rejectNextAction(reason: string): void;
  addAlert(alert: FakeAlert): void;
  /** Runs `callback` once, right after the next page of the alert list is served. */
  onNextListPage(callback: () => void): void;
  stop(): Promise<void>;
}

const fakeApiKey = 'eb243592-faa2-4ba2-a551-1afdf565c889';
export const fakeUsername = 'dana@acme.example';

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

export async function startOpsgenieFake(options: OpsgenieFakeOptions = {}): Promise<OpsgenieFake> {
  const apiKey = options.apiKey ?? fakeApiKey;
  const users = options.users ?? defaultUsers();
  const schedules = options.schedules ?? defaultSchedules();
  const overrides = new Map<string, FakeOverride[]>();
  const escalations = options.escalations ?? defaultEscalations();
  const pageSize = options.pageSize ?? 5;
  const pendingPolls = options.pendingPolls ?? 1;
  const alerts = new Map(
    (options.alerts ?? defaultAlerts()).map((a) => [a.id, structuredClone(a)]),
  );
  const requestStatuses = new Map<string, PendingRequest>();
  /** Log lines of the actions taken through the API, by alert id; the rest is derived. */
  const actionLogs = new Map<string, FakeLogLine[]>();
  const requests: OpsgenieExchange[] = [];
  let fault: OpsgenieFault = null;
  let faultPath = '/';
  let rejectReason: string | undefined;
  let afterListPage: (() => void) | undefined;
  let origin = '';

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const exchange: OpsgenieExchange = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams],
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        requestBody: Buffer.concat(chunks).toString(),
      };
      requests.push(exchange);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        exchange.status = status;
        exchange.responseBody = text;
        res.writeHead(status, {
          'Content-Type': 'application/json',
          'X-Request-ID': randomUUID(),
          'X-Response-Time': '0.004',
          ...headers,
        });
        res.end(text);
      };
      const faulty = url.pathname.startsWith(faultPath) ? fault : null;
      if (faulty === 'timeout') return; // held open until the client gives up or stop()
      if (faulty === 'malformed') return send(200, '{"data": [{"id": ');
      if (faulty) {
        const body = faulty.body ?? errorBody(statusText(faulty.status));
        return send(faulty.status, body, faulty.headers);
      }
      if (req.headers.authorization !== `GenieKey ${apiKey}`) {
        return send(401, errorBody('Could not authenticate'));
      }
      route(req, url, exchange.requestBody, send);
    });
  });

  type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

  function route(req: IncomingMessage, url: URL, body: string, send: Send): void {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [v2, area, id, sub] = parts;
    if (v2 !== 'v2') return send(404, errorBody('Not found'));
    if (area === 'account' && parts.length === 2 && method === 'GET') {
      return send(
        200,
        ok({
          name: options.accountName ?? 'acme',
          userCount: users.length,
          plan: { maxUserCount: 50, name: 'Enterprise', isYearly: true },
        }),
      );
    }
    if (area === 'escalations' && parts.length === 2 && method === 'GET') {
      return send(200, ok(escalations.map((e) => ({ ...e, rules: [] }))));
    }
    if (area === 'users' && id && sub === 'schedules' && parts.length === 4 && method === 'GET') {
      const user = users.find((u) => u.id === id || u.username === id);
      if (!user) return send(404, errorBody(`No user exists with identifier [${id}]`));
      const mine = schedules.filter((s) =>
        s.participants.some((p) => p.type === 'user' && p.username === user.username),
      );
      return send(200, ok(mine.map(scheduleMeta)));
    }
    if (area === 'users' && id && sub === 'teams' && parts.length === 4 && method === 'GET') {
      const user = users.find((u) => u.id === id || u.username === id);
      if (!user) return send(404, errorBody(`No user exists with identifier [${id}]`));
      const mine = defaultTeams().filter((team) => team.members.includes(user.username));
      return send(200, ok(mine.map(({ id: teamId, name }) => ({ id: teamId, name }))));
    }
    if (area === 'users' && parts.length === 2 && method === 'GET') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? '20'), 100);
      const offset = Number(url.searchParams.get('offset') ?? '0');
      if (!Number.isInteger(limit) || !Number.isInteger(offset) || limit < 1 || offset < 0) {
        return send(422, errorBody('limit and offset must be whole numbers'));
      }
      const data = users.slice(offset, offset + limit).map((u) => ({
        id: u.id,
        username: u.username,
        fullName: u.fullName ?? u.username,
        role: { id: 'User', name: 'User' },
        blocked: false,
        verified: true,
        timeZone: 'Europe/London',
        locale: 'en_GB',
        createdAt: '2026-01-05T09:00:00Z',
      }));
      return send(200, { ...ok(data), totalCount: users.length });
    }
    if (area === 'schedules' && sub === 'overrides' && id) {
      return overridesRoute(method, id, parts[4], body, url, send);
    }
    if (area === 'schedules' && method === 'GET') return schedulesRoute(parts.slice(2), url, send);
    if (area !== 'alerts') return send(404, errorBody('Not found'));

    if (parts.length === 2 && method === 'GET') return listAlerts(url, send);
    if (id === 'count' && parts.length === 3 && method === 'GET') {
      return send(200, ok({ count: filtered(url.searchParams.get('query')).length }));
    }
    if (id === 'requests' && sub && parts.length === 4 && method === 'GET') {
      const pending = requestStatuses.get(sub);
      if (!pending || pending.pollsLeft-- > 0) {
        return send(404, errorBody('Request not found. It might not be processed, yet.'));
      }
      const { pollsLeft: _, ...data } = pending;
      return send(200, ok({ ...data, integrationId: 'c9c8f1d0-api-integration' }));
    }
    const alert = id ? findAlert(id, url.searchParams.get('identifierType')) : undefined;
    if (parts.length === 3 && method === 'GET') {
      if (!alert) return send(404, errorBody('Alert does not exist'));
      const { notes: _n, escalatedTo: _e, ...fields } = alert;
      return send(200, ok({ ...fields, actions: [], description: '', details: {} }));
    }
    if (parts.length === 4 && sub === 'logs' && method === 'GET') {
      if (!alert) return send(404, errorBody('Alert does not exist'));
      return listLogs(alert, url, send);
    }
    if (parts.length === 4 && sub === 'notes' && method === 'GET') {
      if (!alert) return send(404, errorBody('Alert does not exist'));
      return listNotes(alert, url, send);
    }
    if (parts.length === 4 && sub && method === 'POST') {
      return alertAction(id!, alert, sub, body, send);
    }
    return send(404, errorBody('Not found'));
  }

  function listAlerts(url: URL, send: Send): void {
    const params = url.searchParams;
    const limit = Number(params.get('limit') ?? '20');
    const offset = Number(params.get('offset') ?? '0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return send(422, errorBody('Limit should be between 1 and 100'));
    }
    if (!Number.isInteger(offset) || offset < 0) {
      return send(422, errorBody('Offset should be at least 0'));
    }
    const all = filtered(params.get('query'));
    if (params.get('order') === 'asc') all.reverse();
    const page = all.slice(offset, offset + Math.min(limit, pageSize));
    const link = (at: number) => {
      const next = new URL(`${options.linkOrigin ?? origin}/v2/alerts`);
      for (const [name, value] of params) next.searchParams.set(name, value);
      next.searchParams.set('offset', String(at));
      return next.href;
    };
    const end = offset + page.length;
    const next = () => (options.pagingNext ?? ((url: URL) => url.href))(new URL(link(end)));
    const paging = { first: link(0), ...(end < all.length ? { next: next() } : {}) };
    const headers: Record<string, string> = { 'X-Paging-First': paging.first };
    if (paging.next) headers['X-Paging-Next'] = paging.next;
    send(200, { ...ok(page.map(listed)), paging }, headers);
    const callback = afterListPage;
    afterListPage = undefined;
    callback?.();
  }

  function listNotes(alert: FakeAlert, url: URL, send: Send): void {
    const limit = Number(url.searchParams.get('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return send(422, errorBody('Limit should be between 1 and 100'));
    }
    const notes = alert.notes.map((n, i) => ({ ...n, offset: String(i + 1) }));
    if (url.searchParams.get('order') !== 'asc') notes.reverse();
    send(200, { ...ok(notes.slice(0, limit)), paging: { first: `${origin}${url.pathname}` } });
  }

  /**
   * The alert's log: its creation and an acknowledgement it was made with, then every action
   * taken through the API, in Opsgenie's wording; newest first unless `order=asc`.
   */
  function listLogs(alert: FakeAlert, url: URL, send: Send): void {
    const limit = Number(url.searchParams.get('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return send(422, errorBody('Limit should be between 1 and 100'));
    }
    const taken = actionLogs.get(alert.id) ?? [];
    const seededAck =
      alert.report?.acknowledgedBy !== undefined && alert.report.ackTime !== undefined;
    const lines: FakeLogLine[] = [
      {
        log: `Alert created via ${alert.source || 'API'}`,
        type: 'system' as const,
        owner: 'System',
        createdAt: alert.createdAt,
      },
      ...(seededAck && !taken.some((line) => line.log.startsWith('Alert acknowledged'))
        ? [
            {
              log: 'Alert acknowledged via Web',
              type: 'alertAction' as const,
              owner: alert.report!.acknowledgedBy!,
              createdAt: new Date(
                Date.parse(alert.createdAt) + alert.report!.ackTime!,
              ).toISOString(),
            },
          ]
        : []),
      ...alert.notes.map((n) => ({
        log: 'Note added',
        type: 'alertAction' as const,
        owner: n.owner,
        createdAt: n.createdAt,
      })),
      ...taken,
    ];
    lines.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const logs = lines.map((line, i) => ({ ...line, offset: String(i + 1) }));
    if (url.searchParams.get('order') !== 'asc') logs.reverse();
    const page = logs.slice(0, Math.min(limit, pageSize));
    send(200, {
      ...ok(page),
      paging: {
        first: `${origin}${url.pathname}`,
        ...(page.length < logs.length && {
          next: `${origin}${url.pathname}?offset=${page.at(-1)!.offset}&direction=next`,
        }),
      },
    });
  }

  function alertAction(
    identifier: string,
    alert: FakeAlert | undefined,
    action: string,
    text: string,
    send: Send,
  ): void {
    let body: Record<string, unknown> = {};
    if (text.trim()) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return send(400, errorBody('Invalid JSON body'));
      }
    }
    const invalid = invalidPayload(action, body);
    if (invalid === 'unknown') return send(404, errorBody('Not found'));
    if (invalid) return send(422, errorBody(invalid));

    const requestId = randomUUID();
    const outcome = rejectReason
      ? { isSuccess: false, status: rejectReason }
      : alert
        ? apply(alert, action, body)
        : { isSuccess: false, status: 'Alert does not exist' };
    rejectReason = undefined;
    requestStatuses.set(requestId, {
      pollsLeft: pendingPolls,
      action: actionNames[action]!,
      alertId: alert?.id ?? identifier,
      alias: alert?.alias ?? '',
      processedAt: new Date().toISOString(),
      ...outcome,
    });
    send(202, { result: 'Request will be processed', took: 0.002, requestId });
  }

  /** Changes the alert; the wording of refusals is our best guess at Opsgenie's. */
  function apply(
    alert: FakeAlert,
    action: string,
    body: Record<string, unknown>,
  ): { isSuccess: boolean; status: string } {
    const now = new Date();
    const user = typeof body.user === 'string' ? body.user : 'API';
    const done = (status: string) => {
      alert.updatedAt = now.toISOString();
      const line = logLineOf(action, alert, user, escalations);
      if (line) {
        const taken = actionLogs.get(alert.id) ?? [];
        actionLogs.set(alert.id, [...taken, { ...line, createdAt: now.toISOString() }]);
      }
      if (typeof body.note === 'string' && body.note) {
        alert.notes.push({ note: body.note, owner: user, createdAt: now.toISOString() });
      }
      return { isSuccess: true, status };
    };
    const closed = alert.status === 'closed';
    switch (action) {
      case 'acknowledge':
        if (closed) return { isSuccess: false, status: 'Alert is already closed' };
        if (alert.acknowledged)
          return { isSuccess: false, status: 'Alert is already acknowledged' };
        alert.acknowledged = true;
        alert.report = {
          ...alert.report,
          ackTime: now.getTime() - Date.parse(alert.createdAt),
          acknowledgedBy: user,
        };
        return done('Acknowledged');
      case 'close':
        if (closed) return { isSuccess: false, status: 'Alert is already closed' };
        alert.status = 'closed';
        alert.report = {
          ...alert.report,
          closeTime: now.getTime() - Date.parse(alert.createdAt),
          closedBy: user,
        };
        return done('Closed');
      case 'snooze': {
        if (closed) return { isSuccess: false, status: 'Alert is closed' };
        const endTime = Date.parse(String(body.endTime));
        if (endTime <= now.getTime())
          return { isSuccess: false, status: 'endTime should be in the future' };
        alert.snoozed = true;
        alert.snoozedUntil = new Date(endTime).toISOString();
        return done('Snoozed');
      }
      case 'assign': {
        const owner = body.owner as { id?: string; username?: string };
        const target = users.find((u) => u.id === owner.id || u.username === owner.username);
        if (!target) return { isSuccess: false, status: 'User not found' };
        alert.owner = target.username;
        return done('Assigned');
      }
      case 'escalate': {
        const wanted = body.escalation as { id?: string; name?: string };
        const escalation = escalations.find((e) => e.id === wanted.id || e.name === wanted.name);
        if (!escalation) return { isSuccess: false, status: 'Escalation does not exist' };
        alert.escalatedTo.push(escalation.id);
        return done('Escalated');
      }
      default: // notes
        return done('Note added');
    }
  }

  function overridesRoute(
    method: string,
    scheduleRef: string,
    alias: string | undefined,
    body: string,
    url: URL,
    send: Send,
  ): void {
    const type = url.searchParams.get('scheduleIdentifierType') ?? 'id';
    const schedule = schedules.find((s) => (type === 'name' ? s.name : s.id) === scheduleRef);
    if (!schedule)
      return send(404, errorBody(`No schedule exists with identifier [${scheduleRef}]`));
    const list = overrides.get(schedule.id) ?? [];
    overrides.set(schedule.id, list);
    const render = (o: FakeOverride) => ({
      _parent: scheduleMeta(schedule),
      alias: o.alias,
      user: {
        type: 'user',
        id: o.userId,
        username: users.find((u) => u.id === o.userId)?.username,
      },
      startDate: o.startDate,
      endDate: o.endDate,
      rotations: [],
    });
    const parse = (): Omit<FakeOverride, 'alias'> | string => {
      let payload: {
        user?: { type?: string; id?: string; username?: string };
        startDate?: string;
        endDate?: string;
      };
      try {
        payload = JSON.parse(body) as typeof payload;
      } catch {
        return 'The body must be JSON.';
      }
      const user = users.find(
        (u) => u.id === payload.user?.id || u.username === payload.user?.username,
      );
      if (payload.user?.type !== 'user' || !user) return 'User not found';
      const start = Date.parse(payload.startDate ?? '');
      const end = Date.parse(payload.endDate ?? '');
      if (Number.isNaN(start) || Number.isNaN(end)) return 'startDate and endDate are required';
      if (end <= start) return 'endDate must be after startDate';
      return {
        userId: user.id,
        startDate: new Date(start).toISOString(),
        endDate: new Date(end).toISOString(),
      };
    };
    if (alias === undefined) {
      if (method === 'GET') return send(200, ok(list.map(render)));
      if (method !== 'POST') return send(404, errorBody('Not found'));
      const parsed = parse();
      if (typeof parsed === 'string') return send(422, errorBody(parsed));
      const wanted = (JSON.parse(body) as { alias?: string }).alias ?? randomUUID();
      if (list.some((o) => o.alias === wanted)) {
        return send(409, errorBody(`Override with alias [${wanted}] already exists`));
      }
      list.push({ alias: wanted, ...parsed });
      return send(201, ok({ alias: wanted }));
    }
    const found = list.find((o) => o.alias === alias);
    if (!found) return send(404, errorBody(`No override exists with alias [${alias}]`));
    if (method === 'GET') return send(200, ok(render(found)));
    if (method === 'PUT') {
      const parsed = parse();
      if (typeof parsed === 'string') return send(422, errorBody(parsed));
      Object.assign(found, parsed);
      return send(200, ok({ alias }));
    }
    if (method === 'DELETE') {
      list.splice(list.indexOf(found), 1);
      return send(200, ok({ result: 'Deleted' }));
    }
    return send(404, errorBody('Not found'));
  }

  /** The rotation's periods with the schedule's overrides laid over them. */
  function withOverrides(
    scheduleId: string,
    periods: { startDate: string; endDate: string; type: string; recipient: unknown }[],
  ) {
    let result = periods;
    for (const o of overrides.get(scheduleId) ?? []) {
      const from = Date.parse(o.startDate);
      const to = Date.parse(o.endDate);
      const user = users.find((u) => u.id === o.userId)!;
      let placed = false;
      result = result.flatMap((p) => {
        const start = Date.parse(p.startDate);
        const end = Date.parse(p.endDate);
        if (end <= from || start >= to) return [p];
        const pieces = [];
        if (start < from) pieces.push({ ...p, endDate: new Date(from).toISOString() });
        if (!placed) {
          placed = true;
          pieces.push({
            startDate: new Date(Math.max(from, start)).toISOString(),
            endDate: new Date(to).toISOString(),
            type: 'override',
            recipient: { id: user.id, name: user.username, type: 'user' },
          });
        }
        if (end > to) pieces.push({ ...p, startDate: new Date(to).toISOString() });
        return pieces;
      });
    }
    return result;
  }

  function schedulesRoute(rest: string[], url: URL, send: Send): void {
    const at = url.searchParams.get('date');
    const moment = at ? Date.parse(at) : Date.now();
    if (Number.isNaN(moment)) return send(422, errorBody('date is not valid'));
    if (rest.length === 1 && rest[0] === 'on-calls') {
      const flat = url.searchParams.get('flat') === 'true';
      return send(
        200,
        ok(
          schedules.map((s) => {
            const current = shiftAt(s, moment).participant;
            return flat
              ? {
                  _parent: scheduleMeta(s),
                  onCallRecipients: current.type === 'user' ? [current.username] : current.members,
                }
              : { _parent: scheduleMeta(s), onCallParticipants: [recipient(current)] };
          }),
        ),
      );
    }
    const schedule = schedules.find((s) => s.id === rest[0] || s.name === rest[0]);
    if (rest.length !== 2 || rest[1] !== 'timeline') return send(404, errorBody('Not found'));
    if (!schedule) return send(404, errorBody(`No schedule exists with identifier [${rest[0]}]`));
    const interval = Number(url.searchParams.get('interval') ?? '1');
    const unit = url.searchParams.get('intervalUnit') ?? 'weeks';
    const unitMs = { days: 24 * hourMs, weeks: 7 * 24 * hourMs, months: 30 * 24 * hourMs }[unit];
    if (!unitMs || !Number.isInteger(interval) || interval < 1) {
      return send(422, errorBody('interval is not valid'));
    }
    const end = moment + interval * unitMs;
    const periods = [];
    for (let t = moment; t < end;) {
      const { participant, until } = shiftAt(schedule, t);
      const stop = Math.min(until, end);
      periods.push({
        startDate: new Date(t).toISOString(),
        endDate: new Date(stop).toISOString(),
        type: 'default',
        recipient: recipient(participant),
      });
      t = stop;
    }
    const timeline = {
      rotations: [{ id: `${schedule.id}-rot`, name: 'Rotation', order: 1, periods }],
    };
    const final = {
      rotations: [
        {
          id: `${schedule.id}-rot`,
          name: 'Rotation',
          order: 1,
          periods: withOverrides(schedule.id, periods),
        },
      ],
    };
    send(200, {
      ...ok({
        _parent: scheduleMeta(schedule),
        startDate: new Date(moment).toISOString(),
        endDate: new Date(end).toISOString(),
        finalTimeline: final,
        baseTimeline: timeline,
      }),
      expandable: ['base', 'forwarding', 'override'],
    });
  }

  function filtered(query: string | null): FakeAlert[] {
    const status = /status\s*:\s*(open|closed)/i.exec(query ?? '')?.[1]?.toLowerCase();
    return [...alerts.values()]
      .filter((a) => !status || a.status === status)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  function findAlert(identifier: string, type: string | null): FakeAlert | undefined {
    const values = [...alerts.values()];
    if (type === 'tiny') return values.find((a) => a.tinyId === identifier);
    if (type === 'alias') return values.find((a) => a.alias === identifier);
    return alerts.get(identifier);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    overrides,
    apiKey,
    requests,
    alerts,
    setFault: (next, path = '/') => {
      fault = next;
      faultPath = path;
    },
    rejectNextAction: (reason) => {
      rejectReason = reason;
    },
    addAlert: (alert) => {
      alerts.set(alert.id, structuredClone(alert));
    },
    onNextListPage: (callback) => {
      afterListPage = callback;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const actionNames: Record<string, string> = {
  acknowledge: 'Acknowledge',
  close: 'Close',
  snooze: 'Snooze',
  assign: 'Assign',
  escalate: 'Escalate',
  notes: 'AddNote',
};

/** What Opsgenie would refuse with 422, or 'unknown' for an action it does not have. */
function invalidPayload(
  action: string,
  body: Record<string, unknown>,
): string | 'unknown' | undefined {
  const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  switch (action) {
    case 'acknowledge':
    case 'close':
      return undefined;
    case 'snooze':
      return text(body.endTime) && !Number.isNaN(Date.parse(String(body.endTime)))
        ? undefined
        : 'endTime is required and must be a date';
    case 'assign': {
      const owner = body.owner as Record<string, unknown> | undefined;
      return owner && (text(owner.id) || text(owner.username)) ? undefined : 'owner is required';
    }
    case 'escalate': {
      const escalation = body.escalation as Record<string, unknown> | undefined;
      return escalation && (text(escalation.id) || text(escalation.name))
        ? undefined
        : 'escalation is required';
    }
    case 'notes':
      return text(body.note) ? undefined : 'note is required';
    default:
      return 'unknown';
  }
}

/** The list omits what only "Get alert" documents, and our bookkeeping. */
function listed(alert: FakeAlert) {
  const { entity: _entity, notes: _notes, escalatedTo: _escalated, ...fields } = alert;
  return fields;
}

function scheduleMeta(schedule: FakeSchedule) {
  return { id: schedule.id, name: schedule.name, enabled: true };
}

function recipient(participant: FakeSchedule['participants'][number]) {
  return participant.type === 'user'
    ? { id: participant.id, name: participant.username, type: 'user' }
    : { id: participant.id, name: participant.name, type: 'team' };
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

function ok<T>(data: T) {
  return { data, took: 0.003, requestId: randomUUID() };
}

function errorBody(message: string) {
  return { message, took: 0.001, requestId: randomUUID() };
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    401: 'Could not authenticate',
    402: 'Your plan does not include this feature',
    403: 'You are not authorized for this action',
    422: 'Request could not be processed',
    429: 'Too many requests',
    500: 'Internal server error',
    503: 'Service unavailable',
  };
  return texts[status] ?? `HTTP ${status}`;
}

function defaultUsers(): FakeUser[] {
  return [
    { id: 'b5b92115-bfe7-43eb-8c2a-e467f2e5ddc4', username: fakeUsername },
    { id: 'e07c63f0-dd8c-4ad4-983e-4ee7dc600463', username: 'sam@acme.example' },
    { id: '2f5cd9a3-8f0d-4bd6-8e7d-a5b0f7bbb9a3', username: 'lee@acme.example' },
  ];
}

const paymentsTeam = { id: '9a0c8b7d-f0e3-41d3-a060-0ea895027630', name: 'Payments' };
const databaseTeam = { id: 'cb2ed0a1-4b1c-4a7a-9f53-3a7c2d8c4f11', name: 'Database' };

/** Dana is in Payments and Database; Sam only in Payments. */
function defaultTeams() {
  return [
    { ...paymentsTeam, members: [fakeUsername, 'sam@acme.example'] },
    { ...databaseTeam, members: [fakeUsername, 'lee@acme.example'] },
  ];
}

function defaultEscalations(): FakeEscalation[] {
  return [
    { id: 'esc-payments', name: 'Payments escalation', ownerTeam: paymentsTeam },
    { id: 'esc-database', name: 'Database escalation', ownerTeam: databaseTeam },
  ];
}

function defaultSchedules(): FakeSchedule[] {
  const [dana, sam, lee] = defaultUsers().map((u) => ({ type: 'user' as const, ...u }));
  return [
    {
      id: 'sched-payments-primary',
      name: 'Payments primary',
      startsAt: '2026-11-16T09:00:00Z',
      shiftHours: 24,
      participants: [sam!, dana!, lee!],
    },
    {
      id: 'sched-database',
      name: 'Database on-call',
      startsAt: '2026-11-16T09:00:00Z',
      shiftHours: 7 * 24,
      participants: [{ type: 'team', ...defaultTeams()[1]! }],
    },
  ];
}

/** Seven open alerts across every priority, plus a closed one the open query must not list. */
function defaultAlerts(): FakeAlert[] {
  const at = (minutesAgo: number) =>
    new Date(Date.parse('2026-11-22T09:00:00Z') - minutesAgo * 60_000).toISOString();
  const alert = (
    fields: Partial<FakeAlert> & Pick<FakeAlert, 'id' | 'tinyId' | 'message'>,
  ): FakeAlert => ({
    alias: `${fields.id}-alias`,
    status: 'open',
    acknowledged: false,
    snoozed: false,
    tags: [],
    createdAt: at(10),
    updatedAt: at(5),
    source: 'Prometheus',
    owner: '',
    priority: 'P3',
    responders: [],
    entity: '',
    notes: [],
    escalatedTo: [],
    ...fields,
  });
  return [
    alert({
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      tinyId: '1791',
      alias: 'checkout-5xx',
      message: 'Checkout API 5xx rate above 5%',
      priority: 'P1',
      tags: ['service:checkout', 'env:prod', 'customer-facing'],
      entity: 'checkout-api',
      owner: fakeUsername,
      responders: [{ type: 'team', id: paymentsTeam.id }],
      createdAt: at(3),
      updatedAt: at(2),
    }),
    alert({
      id: '8418d193-2dab-4490-b331-8c02cdd196b7',
      tinyId: '1790',
      alias: 'pg-replication-lag',
      message: 'Primary database replication lag above 45 s',
      priority: 'P2',
      tags: ['service:postgres', 'env:prod'],
      source: 'Datadog',
      entity: 'pg-main-1',
      acknowledged: true,
      owner: 'sam@acme.example',
      responders: [{ type: 'escalation', id: 'esc-database' }],
      report: { ackTime: 120_000, acknowledgedBy: 'sam@acme.example' },
      createdAt: at(25),
    }),
    alert({
      id: 'c3b1e7a2-5f9d-4c4e-8a61-2d7f0b9e6a15',
      tinyId: '1789',
      message: 'Disk 85% full on log-01',
      priority: 'P3',
      tags: ['host:log-01', 'disk'],
      snoozed: true,
      snoozedUntil: '2026-11-22T12:00:00Z',
      owner: 'lee@acme.example',
      createdAt: at(40),
    }),
    alert({
      id: 'f2a6d4c8-1e3b-4f5a-9c7d-8b0e2a4c6f19',
      tinyId: '1788',
      message: 'TLS certificate for pay.acme.example expires in 20 days',
      priority: 'P4',
      tags: ['service:edge', 'tls'],
      source: 'Certificate monitor',
      owner: fakeUsername,
      responders: [{ type: 'user', id: 'b5b92115-bfe7-43eb-8c2a-e467f2e5ddc4' }],
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
      tags: ['service:payments', 'queue:webhooks'],
      responders: [{ type: 'team', id: paymentsTeam.id }],
      createdAt: at(420),
    }),
    alert({
      id: '9e1c3a5b-7d9f-4b2d-8e0a-6c8e0a2c4e73',
      tinyId: '1785',
      message: 'Search p99 latency above 2 s',
      priority: 'P3',
      tags: ['service:search'],
      responders: [
        { type: 'escalation', id: 'esc-payments' },
        { type: 'escalation', id: 'esc-database' },
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
