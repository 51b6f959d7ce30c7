import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A loopback stand-in for the parts of Splunk On-Call's public API that Onwatch calls,
 * written from PROVIDERS.md §3: header auth (401 without it, 403 with a wrong key), the
 * 60 calls/min limit answered with 403, per-incident cmdAccepted verdicts, reroutes, who is
 * on call now and v2 team schedules with an override. Every answer it gives in normal
 * operation validates against test/support/schemas/splunk-oncall.schema.json; faults
 * (`setFault`) deliberately do not.
 */

type FakePhase = 'triggered' | 'acknowledged' | 'resolved';

interface Named {
  name: string;
  slug: string;
}

interface FakeIncident {
  incidentNumber: string;
  currentPhase: FakePhase;
  entityId: string;
  entityDisplayName: string;
  entityState: 'CRITICAL' | 'WARNING' | 'INFO';
  entityType: 'HOST' | 'SERVICE';
  host: string;
  service: string;
  routingKey: string;
  alertCount: number;
  startTime: string;
  lastAlertTime: string;
  pagedUsers: string[];
  pagedTeams: string[];
  pagedPolicies: { policy: Named; team: Named }[];
  transitions: { name: string; at: string; by?: string; message?: string; manually: boolean }[];
}

interface FakeRoll {
  start: number;
  end: number;
  user: string;
}

interface FakeTeam {
  team: Named;
  policy: Named;
  rotationName: string;
  rolls: FakeRoll[];
  /** One override per team is enough to prove the source applies them. */
  override: { start: number; end: number; from: string; to: string };
}

/** One request and the answer it got; `status` 0 while a `timeout` fault holds it. */
export interface FakeExchange {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  body: string;
  status: number;
  responseBody: string;
}

type FakeFault = { status: number; body?: unknown } | 'timeout' | 'malformed' | null;

export interface SplunkOnCallFakeOptions {
  apiId?: string;
  apiKey?: string;
  /** Calls per rolling minute before the fake answers 403; 60 like the real API. */
  rateLimitPerMinute?: number;
  /** The fake's time, for the rate limit and for the data it makes up; Date.now by default. */
  now?: () => number;
}

/** A scheduled override: `username` is absent; each policy they are on awaits an assignee. */
interface FakeOverride {
  publicId: string;
  username: string;
  start: string;
  end: string;
  assignments: { policy: Named; team: Named; assignee: string | null }[];
}

export interface SplunkOnCallFake {
  url: string;
  /** Overrides (absences) and who covers each of their policies. */
  overrides: FakeOverride[];
  /** "Take on-call" swaps, in order: on `policy`, `toUser` took over from `fromUser`. */
  takeovers: { policy: string; fromUser: string; toUser: string }[];
  /** Assigning these policies is refused (403), as for a team admin outside their team. */
  refuseAssignments(policySlugs: string[]): void;
  apiId: string;
  apiKey: string;
  /** Usernames in the fake organisation; the first is the responder's. */
  users: readonly string[];
  /** Live state: tests may change an incident's phase as "someone else" would. */
  incidents: FakeIncident[];
  requests: FakeExchange[];
  setFault(fault: FakeFault): void;
  stop(): Promise<void>;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const users = ['alice', 'bob', 'carol', 'dave'] as const;
const teamOps: Named = { name: 'Ops', slug: 'team-ops' };
const teamDb: Named = { name: 'Database', slug: 'team-db' };
const policyOps: Named = { name: 'Ops Primary', slug: 'pol-ops-primary' };
const policyDb: Named = { name: 'DB on call', slug: 'pol-db' };

export async function startSplunkOnCallFake(
  options: SplunkOnCallFakeOptions = {},
): Promise<SplunkOnCallFake> {
  const apiId = options.apiId ?? 'fake-api-id';
  const apiKey = options.apiKey ?? 'fake-api-key-0123456789';
  const limit = options.rateLimitPerMinute ?? 60;
  const now = options.now ?? Date.now;
  const start = now();
  const incidents = sampleIncidents(start);
  const teams = sampleTeams(start);
  const requests: FakeExchange[] = [];
  const callTimes: number[] = [];
  const overrides: FakeOverride[] = [];
  const takeovers: SplunkOnCallFake['takeovers'] = [];
  const refused = new Set<string>();
  let fault: FakeFault = null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const exchange: FakeExchange = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(req),
        body: Buffer.concat(chunks).toString(),
        status: 0,
        responseBody: '',
      };
      requests.push(exchange);
      const reply = (status: number, body: unknown) => {
        exchange.status = status;
        exchange.responseBody = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(exchange.responseBody);
      };
      if (fault === 'timeout') return; // held until the client gives up or stop()
      if (fault === 'malformed') return reply(200, '{"incidents": [{"incidentNumber": ');
      if (fault) return reply(fault.status, fault.body ?? { message: 'injected fault' });
      handle(exchange, reply);
    });
  });

  function handle(exchange: FakeExchange, reply: (status: number, body: unknown) => void) {
    const id = exchange.headers['x-vo-api-id'];
    const key = exchange.headers['x-vo-api-key'];
    if (!id || !key) return reply(401, { message: 'Authentication parameters missing' });
    if (id !== apiId || key !== apiKey) return reply(403, { message: 'Authentication failed' });
    const at = now();
    while (callTimes.length > 0 && callTimes[0]! + minute <= at) callTimes.shift();
    if (callTimes.length >= limit) return reply(403, { message: 'Rate limit reached' });
    callTimes.push(at);

    const route = `${exchange.method} ${exchange.path}`;
    const schedule = /^GET \/api-public\/v2\/team\/([^/]+)\/oncall\/schedule$/.exec(route);
    if (route === 'GET /api-public/v1/incidents') return reply(200, { incidents });
    if (route === 'GET /api-public/v1/oncall/current') return reply(200, onCallNow(teams, at));
    if (schedule) return teamSchedule(decodeURIComponent(schedule[1]!), exchange, at, reply);
    if (route === 'GET /api-public/v2/user') {
      return reply(200, {
        users: users.map((u) => ({
          username: u,
          firstName: u.charAt(0).toUpperCase() + u.slice(1),
          lastName: 'Example',
          displayName: `${u.charAt(0).toUpperCase() + u.slice(1)} Example`,
          email: `${u}@example.com`,
        })),
      });
    }
    if (/^\/api-public\/v1\/(overrides|policies)(\/|$)/.test(exchange.path)) {
      return coverRoute(exchange, at, reply);
    }
    const write = /^(PATCH|POST) \/api-public\/v1\/incidents\/(ack|resolve|reroute)$/.exec(route);
    if (!write) return reply(404, { message: 'Path not found' });
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      return reply(400, { message: 'Request body is not JSON' });
    }
    if (write[1] === 'PATCH' && write[2] !== 'reroute') {
      return ackOrResolve(write[2] as 'ack' | 'resolve', body, at, reply);
    }
    if (write[1] === 'POST' && write[2] === 'reroute') return reroute(body, reply);
    reply(404, { message: 'Path not found' });
  }

  function ackOrResolve(
    command: 'ack' | 'resolve',
    body: unknown,
    at: number,
    reply: (status: number, body: unknown) => void,
  ) {
    const { userName, incidentNames, message } = (body ?? {}) as Record<string, unknown>;
    if (typeof userName !== 'string' || !isStringArray(incidentNames) || !optionalText(message)) {
      return reply(400, { message: 'userName and incidentNames (strings) are required' });
    }
    if (!isUser(userName)) return reply(404, { message: 'User not found' });
    const target: FakePhase = command === 'ack' ? 'acknowledged' : 'resolved';
    const results = incidentNames.map((name) => {
      const incident = incidents.find((i) => i.incidentNumber === name);
      if (!incident) {
        return { incidentNumber: name, cmdAccepted: false, message: `Incident ${name} not found` };
      }
      const result = { incidentNumber: name, entityId: incident.entityId };
      // Only open incidents move forward; the real API refuses the rest, one by one.
      if (incident.currentPhase === 'resolved' || incident.currentPhase === target) {
        const message = `Incident ${name} is already ${incident.currentPhase}`;
        return { ...result, cmdAccepted: false, message };
      }
      incident.currentPhase = target;
      incident.transitions.push({
        name: target,
        at: new Date(at).toISOString(),
        by: userName,
        ...(typeof message === 'string' ? { message } : {}),
        manually: true,
      });
      return { ...result, cmdAccepted: true, message: `Incident ${name} ${target}` };
    });
    reply(200, { results });
  }

  function coverRoute(
    exchange: FakeExchange,
    at: number,
    reply: (status: number, body: unknown) => void,
  ) {
    const { method, path } = exchange;
    let body: Record<string, unknown> = {};
    if (exchange.body) {
      try {
        body = JSON.parse(exchange.body) as Record<string, unknown>;
      } catch {
        return reply(400, { message: 'Request body is not JSON' });
      }
    }
    // Shapes of the v0.0.3 API description: `Assignment` names policy, team and user by slug.
    const renderAssignment = (a: FakeOverride['assignments'][number]) => ({
      policy: a.policy.slug,
      team: a.team.slug,
      ...(a.assignee ? { user: a.assignee } : {}),
      assigned: a.assignee !== null,
    });
    const render = (o: FakeOverride) => ({
      publicId: o.publicId,
      user: { username: o.username, firstName: o.username, lastName: 'Example' },
      start: o.start,
      end: o.end,
      timezone: 'Etc/UTC',
      assignments: o.assignments.map(renderAssignment),
    });
    if (path === '/api-public/v1/overrides' && method === 'GET') {
      return reply(200, { overrides: overrides.map(render) });
    }
    if (path === '/api-public/v1/overrides' && method === 'POST') {
      const { username, start, end, timezone } = body as Record<string, string | undefined>;
      const from = Date.parse(start ?? '');
      const to = Date.parse(end ?? '');
      if (!username || !users.includes(username as (typeof users)[number]) || !timezone) {
        return reply(400, { message: 'username and timezone are required' });
      }
      if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
        return reply(400, { message: 'end must be after start' });
      }
      if (from < at + 30 * minute) {
        return reply(400, { message: 'An override cannot start within 30 minutes' });
      }
      const override: FakeOverride = {
        publicId: `ovr-${overrides.length + 1}-${Math.random().toString(36).slice(2, 8)}`,
        username,
        start: new Date(from).toISOString(),
        end: new Date(to).toISOString(),
        assignments: teams
          .filter((t) => t.rolls.some((r) => r.user === username && r.start < to && r.end > from))
          .map((t) => ({ policy: t.policy, team: t.team, assignee: null })),
      };
      overrides.push(override);
      // The spec puts the new override under `schedule`.
      return reply(200, { schedule: render(override) });
    }
    const one = /^\/api-public\/v1\/overrides\/([^/]+)(\/assignments(?:\/([^/]+))?)?$/.exec(path);
    if (one) {
      const override = overrides.find((o) => o.publicId === decodeURIComponent(one[1]!));
      if (!override) return reply(404, { message: 'Override not found' });
      if (!one[2] && method === 'DELETE') {
        overrides.splice(overrides.indexOf(override), 1);
        // The description gives this 200 no body.
        return reply(200, '');
      }
      if (one[2] && !one[3] && method === 'GET') {
        return reply(200, override.assignments.map(renderAssignment));
      }
      if (one[3] && method === 'PUT') {
        const slug = decodeURIComponent(one[3]);
        const assignment = override.assignments.find((a) => a.policy.slug === slug);
        if (!assignment) return reply(404, { message: 'Assignment not found' });
        if (refused.has(slug)) return reply(403, { message: 'Not allowed to assign this policy' });
        const username = body.username;
        if (typeof username !== 'string' || !users.includes(username as (typeof users)[number])) {
          return reply(400, { message: 'username is required' });
        }
        assignment.assignee = username;
        return reply(200, renderAssignment(assignment));
      }
    }
    const take = /^\/api-public\/v1\/policies\/([^/]+)\/oncall\/user$/.exec(path);
    if (take && method === 'PATCH') {
      const policy = decodeURIComponent(take[1]!);
      const { fromUser, toUser } = body as Record<string, string | undefined>;
      if (!fromUser || !toUser) return reply(400, { message: 'fromUser and toUser are required' });
      takeovers.push({ policy, fromUser, toUser });
      return reply(200, { result: 'success' });
    }
    reply(404, { message: 'Path not found' });
  }

  function reroute(body: unknown, reply: (status: number, body: unknown) => void) {
    const { userName, reroutes } = (body ?? {}) as Record<string, unknown>;
    const valid =
      typeof userName === 'string' &&
      Array.isArray(reroutes) &&
      reroutes.every(
        (r: { incidentNumber?: unknown; targets?: unknown }) =>
          typeof r?.incidentNumber === 'string' &&
          Array.isArray(r.targets) &&
          r.targets.every(
            (t: { type?: unknown; slug?: unknown }) =>
              (t?.type === 'User' || t?.type === 'EscalationPolicy') && typeof t.slug === 'string',
          ),
      );
    if (!valid) return reply(400, { message: 'userName and reroutes are required' });
    if (!isUser(userName)) return reply(400, { message: `Unknown user ${userName}` });
    const statuses = (reroutes as { incidentNumber: string; targets: Target[] }[]).map((r) => {
      const incident = incidents.find((i) => i.incidentNumber === r.incidentNumber);
      const base = { incidentNumber: r.incidentNumber };
      if (!incident || incident.currentPhase === 'resolved') {
        const message = `Incident ${r.incidentNumber} ${incident ? 'is resolved' : 'not found'}`;
        return { ...base, success: false, message, targetStatus: [] };
      }
      const targetStatus = r.targets.map((t) => {
        const known = t.type === 'User' ? isUser(t.slug) : policyBySlug(t.slug) !== undefined;
        return known
          ? { slug: t.slug, success: true }
          : { slug: t.slug, success: false, message: `Unknown ${t.type} ${t.slug}` };
      });
      if (targetStatus.some((t) => !t.success)) return { ...base, success: false, targetStatus };
      for (const t of r.targets) {
        if (t.type === 'User' && !incident.pagedUsers.includes(t.slug)) {
          incident.pagedUsers.push(t.slug);
        }
        const policy = policyBySlug(t.slug);
        const paged = incident.pagedPolicies.some((p) => p.policy.slug === t.slug);
        if (t.type === 'EscalationPolicy' && policy && !paged) {
          incident.pagedPolicies.push(policy);
          if (!incident.pagedTeams.includes(policy.team.slug))
            incident.pagedTeams.push(policy.team.slug);
        }
      }
      incident.currentPhase = 'triggered'; // a reroute pages the new targets afresh
      return { ...base, success: true, targetStatus };
    });
    reply(200, { statuses });
  }

  function teamSchedule(
    slug: string,
    exchange: FakeExchange,
    at: number,
    reply: (status: number, body: unknown) => void,
  ) {
    const daysForward = exchange.query.daysForward ?? '14';
    if (!/^\d+$/.test(daysForward) || Number(daysForward) > 30) {
      return reply(400, { message: 'daysForward must be 0 to 30' });
    }
    const team = teams.find((t) => t.team.slug === slug);
    if (!team) return reply(404, { message: 'Team not found' });
    const until = at + Number(daysForward) * day;
    const iso = (ms: number) => new Date(ms).toISOString();
    const user = (username: string) => ({ username });
    const rolls = team.rolls.filter((r) => r.end > at && r.start < until);
    const current = team.rolls.find((r) => r.start <= at && at < r.end);
    const covering = overrideAt(team, at);
    reply(200, {
      team: team.team,
      schedules: [
        {
          policy: team.policy,
          schedule: [
            {
              onCallType: 'rotation_group',
              rotationName: team.rotationName,
              shiftName: 'Weekly',
              ...(current ? { onCallUser: user(current.user), shiftRoll: iso(current.end) } : {}),
              ...(covering ? { overrideOnCallUser: user(covering) } : {}),
              rolls: rolls.map((r) => ({
                start: iso(r.start),
                end: iso(r.end),
                onCallUser: user(r.user),
                isRoll: true,
              })),
            },
          ],
          overrides: [
            {
              start: iso(team.override.start),
              end: iso(team.override.end),
              origOnCallUser: user(team.override.from),
              overrideOnCallUser: user(team.override.to),
            },
          ].filter((o) => Date.parse(o.end) > at),
        },
      ],
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiId,
    apiKey,
    users,
    incidents,
    requests,
    overrides,
    takeovers,
    refuseAssignments: (slugs) => {
      for (const slug of slugs) refused.add(slug);
    },
    setFault: (next) => {
      fault = next;
    },
    stop: () => {
      // Drops requests a `timeout` fault is holding, so nothing outlives the test.
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };

  function policyBySlug(slug: string) {
    const team = teams.find((t) => t.policy.slug === slug);
    return team && { policy: team.policy, team: team.team };
  }
}

interface Target {
  type: 'User' | 'EscalationPolicy';
  slug: string;
}

function isUser(name: string): boolean {
  return (users as readonly string[]).includes(name);
}

function isStringArray(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
  );
}

function optionalText(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** Who covers a team at `at`: the override's user while it runs and replaces the roll's. */
function overrideAt(team: FakeTeam, at: number): string | undefined {
  const roll = team.rolls.find((r) => r.start <= at && at < r.end);
  const { override } = team;
  const active = override.start <= at && at < override.end && roll?.user === override.from;
  return active ? override.to : undefined;
}

function onCallNow(teams: FakeTeam[], at: number) {
  return {
    teamsOnCall: teams.map((t) => {
      const scheduled = t.rolls.find((r) => r.start <= at && at < r.end)?.user;
      const user = overrideAt(t, at) ?? scheduled;
      return {
        team: t.team,
        onCallNow: [
          {
            escalationPolicy: t.policy,
            users: user ? [{ onCallUser: { username: user } }] : [],
          },
        ],
      };
    }),
  };
}

/**
 * Ops: alice this week, then bob (with alice covering one of bob's days), then alice again.
 * Database: carol's week, covered by bob for the next few hours, then dave.
 */
function sampleTeams(start: number): FakeTeam[] {
  const t0 = Math.floor(start / hour) * hour;
  return [
    {
      team: teamOps,
      policy: policyOps,
      rotationName: 'Ops weekly',
      rolls: [
        { start: t0 - 1 * day, end: t0 + 2 * day, user: 'alice' },
        { start: t0 + 2 * day, end: t0 + 9 * day, user: 'bob' },
        { start: t0 + 9 * day, end: t0 + 16 * day, user: 'alice' },
      ],
      override: { start: t0 + 4 * day, end: t0 + 5 * day, from: 'bob', to: 'alice' },
    },
    {
      team: teamDb,
      policy: policyDb,
      rotationName: 'DB weekly',
      rolls: [
        { start: t0 - 3 * day, end: t0 + 4 * day, user: 'carol' },
        { start: t0 + 4 * day, end: t0 + 11 * day, user: 'dave' },
      ],
      override: { start: t0 - 1 * hour, end: t0 + 6 * hour, from: 'carol', to: 'bob' },
    },
  ];
}

function sampleIncidents(start: number): FakeIncident[] {
  const iso = (minutesAgo: number) => new Date(start - minutesAgo * minute).toISOString();
  const db = { policy: policyDb, team: teamDb };
  const ops = { policy: policyOps, team: teamOps };
  return [
    {
      incidentNumber: '1201',
      currentPhase: 'triggered',
      entityId: 'disk-usage/db-1',
      entityDisplayName: 'Disk /var 95% full on db-1',
      entityState: 'CRITICAL',
      entityType: 'HOST',
      host: 'db-1',
      service: 'postgres',
      routingKey: 'database',
      alertCount: 3,
      startTime: iso(4),
      lastAlertTime: iso(1),
      pagedUsers: ['alice'],
      pagedTeams: ['team-db'],
      pagedPolicies: [db],
      transitions: [{ name: 'triggered', at: iso(4), manually: false }],
    },
    {
      incidentNumber: '1202',
      currentPhase: 'acknowledged',
      entityId: 'checkout/p99-latency',
      entityDisplayName: 'Checkout p99 latency above 2 s',
      entityState: 'CRITICAL',
      entityType: 'SERVICE',
      host: 'web-3',
      service: 'checkout',
      routingKey: 'ops',
      alertCount: 1,
      startTime: iso(30),
      lastAlertTime: iso(30),
      pagedUsers: ['bob', 'alice'],
      pagedTeams: ['team-ops'],
      pagedPolicies: [ops],
      transitions: [
        { name: 'triggered', at: iso(30), manually: false },
        { name: 'acknowledged', at: iso(25), by: 'bob', message: 'looking', manually: true },
      ],
    },
    {
      incidentNumber: '1203',
      currentPhase: 'resolved',
      entityId: 'tls/api.example.com',
      entityDisplayName: 'TLS certificate for api.example.com expires in 3 days',
      entityState: 'WARNING',
      entityType: 'SERVICE',
      host: 'api.example.com',
      service: 'edge',
      routingKey: 'ops',
      alertCount: 2,
      startTime: iso(180),
      lastAlertTime: iso(90),
      pagedUsers: ['alice'],
      pagedTeams: ['team-ops'],
      pagedPolicies: [ops],
      transitions: [
        { name: 'triggered', at: iso(180), manually: false },
        { name: 'resolved', at: iso(90), by: 'alice', manually: true },
      ],
    },
    {
      incidentNumber: '1204',
      currentPhase: 'triggered',
      entityId: 'queue-depth/orders',
      entityDisplayName: 'Orders queue depth above 10k',
      entityState: 'WARNING',
      entityType: 'SERVICE',
      host: 'mq-2',
      service: 'orders',
      routingKey: 'ops',
      alertCount: 1,
      startTime: iso(2),
      lastAlertTime: iso(2),
      pagedUsers: ['bob'],
      pagedTeams: ['team-ops'],
      pagedPolicies: [ops],
      transitions: [{ name: 'triggered', at: iso(2), manually: false }],
    },
  ];
}
