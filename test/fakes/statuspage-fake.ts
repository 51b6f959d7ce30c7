import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesRequest, parseRequestBody, type RequestMatch } from './request-matching.js';

/*
 * A loopback stand-in for Atlassian Statuspage's REST API v1: the calls Onwatch makes, with
 * realistic data, and the rules of the real API that matter to a client. Every answer it gives
 * is valid per the vendor's OpenAPI spec (test/integration/statuspage-contract.test.ts).
 *
 *   const fake = await startStatuspageFake();           // options: StatuspageFakeOptions
 *   // client: { baseUrl: fake.baseUrl, apiKey: fake.apiKey }
 *   fake.incidents(fake.pages.public)                   // state is live, newest first
 *   fake.component(fake.pages.public, 'cmpcheckout1').status
 *   fake.writes('POST')                                 // what reached the API, with bodies
 *   const lost = fake.loseNextReply({ method: 'POST' }) // acts, then closes without answering
 *   const hung = fake.hangNextReply({ method: 'POST' }) // acts, then never answers
 *   await lost;                                         // resolves once it has acted
 *   fake.setFault({ status: 503 })                      // or 'timeout'; null clears
 *   fake.throttled                                      // requests refused with 420/429
 *   await fake.stop();
 *
 * Enforced like the real API: `Authorization: OAuth <key>` (else 401); one request per second
 * per key over a rolling minute (`rateLimit` scales it), answered 420 or 429 past it, by turns
 * unless `throttleStatus` says which, with `Retry-After` only when `retryAfterSeconds` is set
 * (the real API documents none); lists paginate with `page` and `per_page` (at most 100, or
 * `pageSize`), GET /incidents with `limit`; POST /incidents answers 201; a body must be JSON
 * with `Content-Type: application/json`; a name is required and at most 255 characters, a
 * body at most 25 000; statuses must be Statuspage's; top-level metadata values must be
 * objects; `backfilled` forbids components. Impact is derived from the component statuses
 * unless `impact_override` forces it. A new body or status adds an incident update, newest
 * first, with the components it changed.
 *
 * Stricter than the real API, to catch client mistakes it would let through [U]: setting a
 * group's own status or an unknown component's is refused (422). Maintenances are moved on
 * only by PATCH; Statuspage's automatic start and end by the clock are not modelled.
 *
 * Data: the public page "Acme Status" with two groups (API: Checkout, Payments, Search; Jobs:
 * Order processing, E-mails) and the Website; an open incident someone else declared (e-mails
 * delayed) and an upcoming maintenance; an internal page "Acme Internal" with two components.
 * Links in answers point at `*.statuspage.example`, so nothing a test follows leaves the machine.
 */

export interface StatuspageFakeOptions {
  /** Largest page the fake serves (the real API: 100). Small values exercise paging. */
  pageSize?: number;
  /** Requests per key allowed in any `windowMs` (default 60 per 60 s: one per second). */
  rateLimit?: { limit: number; windowMs: number };
  throttleStatus?: 420 | 429 | 'alternate';
  retryAfterSeconds?: number;
  now?: () => number;
}

const componentStatuses = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
type ComponentStatus = (typeof componentStatuses)[number];
const incidentStatuses = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
] as const;
const impacts = ['none', 'maintenance', 'minor', 'major', 'critical'] as const;
const closedStatuses = new Set(['resolved', 'completed']);
const maintenanceStatuses = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);

interface FakeComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  position: number;
  group: boolean;
  groupId?: string;
  createdAt: string;
  updatedAt: string;
}

interface FakeUpdate {
  id: string;
  status: string;
  body: string;
  createdAt: string;
  deliverNotifications: boolean;
  affected: { code: string; name: string; old_status: string; new_status: string }[];
}

interface FakeIncident {
  id: string;
  pageId: string;
  name: string;
  status: string;
  impactOverride?: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  monitoringAt?: string;
  scheduledFor?: string;
  scheduledUntil?: string;
  /** Every scheduling option as sent, for tests to inspect. */
  options: Record<string, boolean>;
  componentIds: string[];
  updates: FakeUpdate[];
  metadata: Record<string, unknown>;
}

interface FakePage {
  id: string;
  name: string;
  subdomain: string;
  components: FakeComponent[];
  templates: {
    id: string;
    name: string;
    title: string;
    body: string;
    status: string;
    componentIds: string[];
  }[];
}

/** One request as it reached the fake, and the answer it got (once answered). */
interface RecordedRequest {
  method: string;
  path: string;
  query: [string, string][];
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the raw text; undefined when empty. */
  body: unknown;
  at: number;
  status?: number;
  responseBody?: string;
}

type Fault = { status: number; body?: unknown } | 'timeout';

export interface StatuspageFake {
  baseUrl: string;
  apiKey: string;
  pages: { public: string; internal: string };
  requests: RecordedRequest[];
  /** Requests refused for going too fast. */
  readonly throttled: number;
  /** Open and closed incidents and maintenances of a page, newest first. */
  incidents(pageId: string): FakeIncident[];
  component(pageId: string, componentId: string): FakeComponent;
  /** A fresh key with a rate budget of its own. */
  issueKey(): string;
  writes(method?: string): RecordedRequest[];
  setFault(fault: Fault | null, match?: RequestMatch): void;
  loseNextReply(match?: RequestMatch): Promise<RecordedRequest>;
  hangNextReply(match?: RequestMatch): Promise<RecordedRequest>;
  stop(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Answer {
  status: number;
  body: unknown;
}

const day = 24 * 3_600_000;

export async function startStatuspageFake(
  options: StatuspageFakeOptions = {},
): Promise<StatuspageFake> {
  const now = options.now ?? Date.now;
  const pageSize = Math.min(options.pageSize ?? 100, 100);
  const rateLimit = options.rateLimit ?? { limit: 60, windowMs: 60_000 };
  const state = defaultPages(now());
  const incidents: FakeIncident[] = defaultIncidents(now());
  const keys = new Set<string>();
  const arrivals = new Map<string, number[]>();
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  let nextId = 1;
  let fault: { fault: Fault; match: RequestMatch } | undefined;
  const afterActing: {
    match: RequestMatch;
    mode: 'lose' | 'hang';
    done: (r: RecordedRequest) => void;
  }[] = [];
  const hanging = new Set<ServerResponse>();

  const issueKey = () => {
    const key = randomBytes(16).toString('hex');
    keys.add(key);
    return key;
  };
  const apiKey = issueKey();
  const id = (prefix: string) => `${prefix}${String(nextId++).padStart(12 - prefix.length, '0')}`;
  const iso = () => new Date(now()).toISOString();

  // ---- rendering, in the shapes of the vendor's spec (absent values left out, never null) ----

  const renderComponent = (page: FakePage, c: FakeComponent) => ({
    id: c.id,
    page_id: page.id,
    ...(c.groupId ? { group_id: c.groupId } : {}),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    group: c.group,
    name: c.name,
    position: c.position,
    status: c.status,
    showcase: !c.group,
    only_show_if_degraded: false,
  });

  const pageOf = (pageId: string) => {
    const page = state.find((p) => p.id === pageId);
    if (!page) throw new Refusal(404, 'The requested resource could not be found.');
    return page;
  };

  const impactOf = (incident: FakeIncident, page: FakePage) => {
    if (incident.impactOverride) return incident.impactOverride;
    if (maintenanceStatuses.has(incident.status)) return 'maintenance';
    const worst = {
      operational: 0,
      under_maintenance: 1,
      degraded_performance: 2,
      partial_outage: 3,
      major_outage: 4,
    };
    const score = Math.max(
      0,
      ...incident.componentIds.map(
        (cid) => worst[page.components.find((c) => c.id === cid)!.status],
      ),
    );
    return ['none', 'maintenance', 'minor', 'major', 'critical'][score]!;
  };

  const renderIncident = (incident: FakeIncident) => {
    const page = pageOf(incident.pageId);
    return {
      id: incident.id,
      page_id: page.id,
      name: incident.name,
      status: incident.status,
      impact: impactOf(incident, page),
      ...(incident.impactOverride ? { impact_override: incident.impactOverride } : {}),
      created_at: incident.createdAt,
      updated_at: incident.updatedAt,
      ...(incident.resolvedAt ? { resolved_at: incident.resolvedAt } : {}),
      ...(incident.monitoringAt ? { monitoring_at: incident.monitoringAt } : {}),
      ...(incident.scheduledFor ? { scheduled_for: incident.scheduledFor } : {}),
      ...(incident.scheduledUntil ? { scheduled_until: incident.scheduledUntil } : {}),
      ...incident.options,
      shortlink: `https://stspg.statuspage.example/${incident.id}`,
      components: incident.componentIds.map((cid) =>
        renderComponent(
          page,
          page.components.find((c) => c.id === cid)!,
        ),
      ),
      incident_updates: incident.updates.map((u) => ({
        id: u.id,
        incident_id: incident.id,
        status: u.status,
        body: u.body,
        created_at: u.createdAt,
        updated_at: u.createdAt,
        display_at: u.createdAt,
        deliver_notifications: u.deliverNotifications,
        affected_components: u.affected,
        wants_twitter_update: false,
      })),
      metadata: incident.metadata,
      postmortem_ignored: false,
      postmortem_notified_subscribers: false,
      postmortem_notified_twitter: false,
    };
  };

  // ---- request helpers ----

  const paginate = <T>(items: T[], query: URLSearchParams, sizeParam: 'per_page' | 'limit') => {
    const page = intParam(query, 'page') ?? 1;
    const size = Math.min(intParam(query, sizeParam) ?? 100, pageSize);
    if (page < 1 || size < 1) throw new Refusal(400, `${sizeParam} and page must be positive`);
    return items.slice((page - 1) * size, page * size);
  };

  const ofPage = (pageId: string) => incidents.filter((i) => i.pageId === pageId);

  // ---- writes ----

  /** Checks and applies an `incident` object to a new or existing incident. */
  const apply = (
    page: FakePage,
    incident: FakeIncident,
    fields: Record<string, unknown>,
    isNew: boolean,
  ) => {
    if (isNew && (typeof fields.name !== 'string' || fields.name.trim() === '')) {
      throw new Refusal(422, "Name can't be blank");
    }
    if (typeof fields.name === 'string' && fields.name.length > 255) {
      throw new Refusal(422, 'Name is too long (maximum is 255 characters)');
    }
    if (typeof fields.body === 'string' && fields.body.length > 25_000) {
      throw new Refusal(422, 'Body is too long (maximum is 25000 characters)');
    }
    if (fields.status !== undefined && !incidentStatuses.includes(fields.status as never)) {
      throw new Refusal(422, `Status is not included in the list`);
    }
    if (
      fields.impact_override !== undefined &&
      !impacts.includes(fields.impact_override as never)
    ) {
      throw new Refusal(422, 'Impact override is not included in the list');
    }
    const metadata = (fields.metadata ?? {}) as Record<string, unknown>;
    if (
      typeof metadata !== 'object' ||
      Object.values(metadata).some((v) => !v || typeof v !== 'object' || Array.isArray(v))
    ) {
      throw new Refusal(422, 'Metadata values at the top level must be objects');
    }
    const statuses = (fields.components ?? {}) as Record<string, unknown>;
    const linkedIds = (fields.component_ids as string[] | undefined) ?? undefined;
    if (fields.backfilled === true && (Object.keys(statuses).length > 0 || linkedIds?.length)) {
      throw new Refusal(422, 'Backfilled incidents cannot have components');
    }
    for (const [cid, status] of Object.entries(statuses)) {
      const component = page.components.find((c) => c.id === cid);
      if (!component) throw new Refusal(422, `Component ${cid} does not exist`);
      if (component.group) throw new Refusal(422, `${component.name} is a component group`);
      if (!componentStatuses.includes(status as never)) {
        throw new Refusal(422, 'Component status is not included in the list');
      }
    }
    for (const cid of linkedIds ?? []) {
      if (!page.components.some((c) => c.id === cid)) {
        throw new Refusal(422, `Component ${cid} does not exist`);
      }
    }

    // All checked: apply.
    const at = iso();
    const affected: FakeUpdate['affected'] = [];
    for (const [cid, status] of Object.entries(statuses) as [string, ComponentStatus][]) {
      const component = page.components.find((c) => c.id === cid)!;
      if (component.status !== status) {
        affected.push({
          code: cid,
          name: component.name,
          old_status: component.status,
          new_status: status,
        });
      }
      component.status = status;
      component.updatedAt = at;
    }
    const linked = new Set([...(linkedIds ?? incident.componentIds), ...Object.keys(statuses)]);
    incident.componentIds = page.components.filter((c) => linked.has(c.id)).map((c) => c.id);
    const previous = incident.status;
    if (typeof fields.name === 'string') incident.name = fields.name;
    if (typeof fields.status === 'string') incident.status = fields.status;
    else if (isNew) incident.status = fields.scheduled_for ? 'scheduled' : 'investigating';
    if (typeof fields.impact_override === 'string')
      incident.impactOverride = fields.impact_override;
    if (typeof fields.scheduled_for === 'string') incident.scheduledFor = fields.scheduled_for;
    if (typeof fields.scheduled_until === 'string')
      incident.scheduledUntil = fields.scheduled_until;
    for (const [name, value] of Object.entries(fields)) {
      if (
        (name.startsWith('scheduled_') || name.startsWith('auto_transition_')) &&
        typeof value === 'boolean'
      ) {
        incident.options[name] = value;
      }
    }
    incident.metadata = { ...incident.metadata, ...metadata };
    if (isNew || typeof fields.body === 'string' || incident.status !== previous) {
      incident.updates.unshift({
        id: id('upd'),
        status: incident.status,
        body: typeof fields.body === 'string' ? fields.body : '',
        createdAt: at,
        deliverNotifications: fields.deliver_notifications !== false,
        affected,
      });
    }
    if (incident.status === 'monitoring') incident.monitoringAt ??= at;
    if (closedStatuses.has(incident.status)) incident.resolvedAt ??= at;
    incident.updatedAt = at;
  };

  const incidentBody = (request: RecordedRequest): Record<string, unknown> => {
    const body = request.body as { incident?: unknown } | undefined;
    if (!body || typeof body.incident !== 'object' || body.incident === null) {
      throw new Refusal(400, 'The request body must have an incident object');
    }
    return body.incident as Record<string, unknown>;
  };

  // ---- routes ----

  const route = (request: RecordedRequest): Answer => {
    const query = new URLSearchParams(request.query);
    const parts = request.path
      .replace(/\.json$/, '')
      .split('/')
      .filter(Boolean);
    const { method } = request;
    if (parts[0] !== 'pages') throw new Refusal(404, 'The requested resource could not be found.');
    if (parts.length === 1 && method === 'GET') {
      return ok(
        state.map((p) => ({
          id: p.id,
          name: p.name,
          subdomain: p.subdomain,
          url: `https://${p.subdomain}`,
          time_zone: 'UTC',
          created_at: new Date(now() - 400 * day).toISOString(),
          updated_at: new Date(now() - 2 * day).toISOString(),
        })),
      );
    }
    const page = pageOf(parts[1]!);
    const rest = parts.slice(2).join('/');
    if (method === 'GET' && rest === 'components') {
      return ok(paginate(page.components, query, 'per_page').map((c) => renderComponent(page, c)));
    }
    if (method === 'GET' && rest === 'component-groups') {
      const groups = page.components
        .filter((c) => c.group)
        .map((g) => ({
          id: g.id,
          page_id: page.id,
          name: g.name,
          components: page.components.filter((c) => c.groupId === g.id).map((c) => c.id),
          created_at: g.createdAt,
          updated_at: g.updatedAt,
        }));
      return ok(paginate(groups, query, 'per_page'));
    }
    if (method === 'GET' && rest === 'incident_templates') {
      return ok(
        paginate(page.templates, query, 'per_page').map((t) => ({
          id: t.id,
          name: t.name,
          title: t.title,
          body: t.body,
          update_status: t.status,
          should_tweet: false,
          should_send_notifications: true,
          components: t.componentIds.map((cid) =>
            renderComponent(
              page,
              page.components.find((c) => c.id === cid)!,
            ),
          ),
        })),
      );
    }
    const lists: Record<string, (i: FakeIncident) => boolean> = {
      'incidents/unresolved': (i) =>
        !maintenanceStatuses.has(i.status) && !closedStatuses.has(i.status),
      'incidents/upcoming': (i) => i.status === 'scheduled',
      'incidents/scheduled': (i) => i.status === 'scheduled',
      'incidents/active_maintenance': (i) => i.status === 'in_progress' || i.status === 'verifying',
    };
    if (method === 'GET' && lists[rest]) {
      return ok(
        paginate(ofPage(page.id).filter(lists[rest]), query, 'per_page').map(renderIncident),
      );
    }
    if (method === 'GET' && rest === 'incidents') {
      const q = query.get('q')?.toLowerCase();
      const found = ofPage(page.id).filter(
        (i) =>
          !q ||
          i.name.toLowerCase().includes(q) ||
          i.status.includes(q) ||
          i.updates.some((u) => u.body.toLowerCase().includes(q)),
      );
      return ok(paginate(found, query, 'limit').map(renderIncident));
    }
    if (method === 'POST' && rest === 'incidents') {
      const fields = incidentBody(request);
      const at = iso();
      const incident: FakeIncident = {
        id: id('inc'),
        pageId: page.id,
        name: '',
        status: 'investigating',
        createdAt: at,
        updatedAt: at,
        options: {},
        componentIds: [],
        updates: [],
        metadata: {},
      };
      apply(page, incident, fields, true);
      incidents.unshift(incident);
      return { status: 201, body: renderIncident(incident) };
    }
    const single = /^incidents\/([^/]+)$/.exec(rest);
    if (single) {
      const incident = ofPage(page.id).find((i) => i.id === single[1]);
      if (!incident) throw new Refusal(404, 'The requested resource could not be found.');
      if (method === 'GET') return ok(renderIncident(incident));
      if (method === 'PATCH' || method === 'PUT') {
        apply(page, incident, incidentBody(request), false);
        return ok(renderIncident(incident));
      }
    }
    throw new Refusal(404, 'The requested resource could not be found.');
  };

  // ---- the server ----

  const throttleStatus = () => {
    const chosen = options.throttleStatus ?? 'alternate';
    if (chosen !== 'alternate') return chosen;
    return throttled % 2 === 1 ? 420 : 429;
  };

  const spent = (key: string) => {
    const at = now();
    const recent = (arrivals.get(key) ?? []).filter((t) => t > at - rateLimit.windowMs);
    arrivals.set(key, recent);
    if (recent.length >= rateLimit.limit) return true;
    recent.push(at);
    return false;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/v1(?=\/)/, ''),
      query: [...url.searchParams],
      headers,
      body: parseRequestBody(rawBody),
      at: now(),
    };
    requests.push(request);
    const send = (answer: Answer, extra: Record<string, string> = {}) => {
      const text = JSON.stringify(answer.body);
      request.status = answer.status;
      request.responseBody = text;
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', ...extra });
      res.end(text);
    };

    if (fault && matchesRequest(fault.match, request)) {
      if (fault.fault === 'timeout') return;
      send({
        status: fault.fault.status,
        body: fault.fault.body ?? { message: 'Something went wrong' },
      });
      return;
    }
    const key = /^OAuth (\S+)$/.exec(headers.authorization ?? '')?.[1];
    if (!key || !keys.has(key)) {
      send({ status: 401, body: { message: 'Could not authenticate' } });
      return;
    }
    if (spent(key)) {
      throttled++;
      const retry = options.retryAfterSeconds;
      send(
        { status: throttleStatus(), body: { message: 'Rate limit exceeded' } },
        retry === undefined ? {} : { 'Retry-After': String(retry) },
      );
      return;
    }
    try {
      if (request.method !== 'GET') {
        if (
          !/^application\/json(;|$)/i.test(headers['content-type'] ?? '') ||
          typeof request.body !== 'object'
        ) {
          throw new Refusal(400, 'The body must be JSON, sent as application/json');
        }
      }
      const answer = route(request);
      const after =
        request.method === 'GET'
          ? -1
          : afterActing.findIndex((a) => matchesRequest(a.match, request));
      if (after !== -1) {
        const [{ mode, done }] = afterActing.splice(after, 1) as [(typeof afterActing)[number]];
        request.status = answer.status;
        request.responseBody = JSON.stringify(answer.body);
        if (mode === 'lose') res.destroy();
        else hanging.add(res);
        done(request);
        return;
      }
      send(answer);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      send({ status: error.status, body: { message: error.message } });
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString());
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const afterNext = (mode: 'lose' | 'hang', match: RequestMatch = {}) =>
    new Promise<RecordedRequest>((done) => afterActing.push({ match, mode, done }));

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    apiKey,
    pages: { public: state[0]!.id, internal: state[1]!.id },
    requests,
    get throttled() {
      return throttled;
    },
    incidents: (pageId) => ofPage(pageId),
    component: (pageId, componentId) => {
      const found = pageOf(pageId).components.find((c) => c.id === componentId);
      if (!found) throw new Error(`no component ${componentId}`);
      return found;
    },
    issueKey,
    writes: (method) =>
      requests.filter((r) => r.method !== 'GET' && (!method || r.method === method)),
    setFault: (next, match = {}) => {
      fault = next ? { fault: next, match } : undefined;
    },
    loseNextReply: (match) => afterNext('lose', match),
    hangNextReply: (match) => afterNext('hang', match),
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d+$/.test(value)) throw new Refusal(400, `${name} must be an integer`);
  return Number(value);
}

function defaultPages(at: number): FakePage[] {
  const created = new Date(at - 300 * day).toISOString();
  const component = (
    id: string,
    name: string,
    position: number,
    extra: Partial<FakeComponent> = {},
  ): FakeComponent => ({
    id,
    name,
    status: 'operational',
    position,
    group: false,
    createdAt: created,
    updatedAt: created,
    ...extra,
  });
  return [
    {
      id: 'acmepublic01',
      name: 'Acme Status',
      subdomain: 'acme.statuspage.example',
      components: [
        component('grpapi000001', 'API', 1, { group: true }),
        component('cmpcheckout1', 'Checkout', 2, { groupId: 'grpapi000001' }),
        component('cmppayments1', 'Payments', 3, { groupId: 'grpapi000001' }),
        component('cmpsearch001', 'Search', 4, { groupId: 'grpapi000001' }),
        component('cmpwebsite01', 'Website', 5),
        component('grpjobs00001', 'Background jobs', 6, { group: true }),
        component('cmporders001', 'Order processing', 7, { groupId: 'grpjobs00001' }),
        component('cmpemails001', 'E-mails', 8, {
          groupId: 'grpjobs00001',
          status: 'degraded_performance',
        }),
      ],
      templates: [
        {
          id: 'tplerrors001',
          name: 'Elevated errors',
          title: 'Elevated error rates',
          body: 'Some requests are failing. We are investigating.',
          status: 'investigating',
          componentIds: ['cmpcheckout1', 'cmppayments1'],
        },
        {
          id: 'tplupgrade01',
          name: 'Database upgrade',
          title: 'Scheduled database upgrade',
          body: 'We will upgrade our primary database. Checkout may be slow for a few minutes.',
          status: 'scheduled',
          componentIds: ['cmpcheckout1'],
        },
      ],
    },
    {
      id: 'acmeintern01',
      name: 'Acme Internal',
      subdomain: 'acme-internal.statuspage.example',
      components: [component('cmpvpn000001', 'VPN', 1), component('cmpci0000001', 'CI', 2)],
      templates: [],
    },
  ];
}

function defaultIncidents(at: number): FakeIncident[] {
  const ago = (minutes: number) => new Date(at - minutes * 60_000).toISOString();
  const upcoming = new Date(Math.floor((at + 10 * day) / 3_600_000) * 3_600_000);
  return [
    {
      id: 'incemails001',
      pageId: 'acmepublic01',
      name: 'Delayed e-mail notifications',
      status: 'identified',
      createdAt: ago(50),
      updatedAt: ago(20),
      options: {},
      componentIds: ['cmpemails001'],
      updates: [
        {
          id: 'updemails002',
          status: 'identified',
          body: 'Our e-mail provider is working through a backlog.',
          createdAt: ago(20),
          deliverNotifications: true,
          affected: [],
        },
        {
          id: 'updemails001',
          status: 'investigating',
          body: 'Some e-mails are arriving late.',
          createdAt: ago(50),
          deliverNotifications: true,
          affected: [
            {
              code: 'cmpemails001',
              name: 'E-mails',
              old_status: 'operational',
              new_status: 'degraded_performance',
            },
          ],
        },
      ],
      metadata: {},
    },
    {
      id: 'mntupgrade01',
      pageId: 'acmepublic01',
      name: 'Scheduled database upgrade',
      status: 'scheduled',
      createdAt: ago(3 * 24 * 60),
      updatedAt: ago(3 * 24 * 60),
      scheduledFor: upcoming.toISOString(),
      scheduledUntil: new Date(upcoming.getTime() + 2 * 3_600_000).toISOString(),
      options: {
        scheduled_remind_prior: true,
        scheduled_auto_in_progress: true,
        scheduled_auto_completed: true,
      },
      componentIds: ['cmpcheckout1'],
      updates: [
        {
          id: 'updupgrade01',
          status: 'scheduled',
          body: 'We will upgrade our primary database.',
          createdAt: ago(3 * 24 * 60),
          deliverNotifications: true,
          affected: [],
        },
      ],
      metadata: {},
    },
  ];
}
