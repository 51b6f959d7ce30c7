import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkCreateItem,
  layOverrides,
  memberOf,
  type FakeV3Override,
  type V3Turn,
} from './pagerduty-v3-layers.js';
import { matchesRequest, parseRequestBody, type RequestMatch } from './request-matching.js';

/*
 * A loopback stand-in for PagerDuty's REST API v2: the calls Onwatch makes, with realistic
 * data, and the rules of the real API that matter to a client. Every answer it gives is valid
 * per PagerDuty's OpenAPI spec (test/integration/pagerduty-contract.test.ts checks that).
 *
 *   const fake = await startPagerDutyFake();          // options: see PagerDutyFakeOptions
 *   // source config: { kind: 'pagerduty', apiBaseUrl: fake.baseUrl, email: fake.me.email, ... }
 *   // secrets: { token: fake.tokens.user }  (or .account, .readOnly, or fake.issueToken())
 *   ...
 *   fake.incident('PINC001').status              // state is live and may be edited in place
 *   fake.writes('PUT', '/incidents/PINC001')     // what reached the API, with headers and body
 *   fake.ackCount('PINC001')                     // acknowledgements actually applied
 *   fake.applied                                 // every applied change, with its From header
 *   fake.setFault({ status: 503 })               // or 'timeout' | 'malformed' | null to clear
 *   fake.rewriteAnswers((body) => ({ ...body, more: true }), { path: '/incidents' })
 *                                                // odd but spec-valid answers, as a mock
 *                                                // server generating from the spec sends them
 *   const held = fake.holdNextWrite();           // crash tests: the write arrives, then
 *   await held.arrived; held.apply() / held.drop()  // is applied (answer may be lost) or not
 *   fake.peakConcurrency(fake.tokens.user)       // most requests one key ever had in flight
 *   await fake.stop();
 *
 * Enforced like the real API: `Authorization: Token token=<key>` exactly (else 401, code
 * 2006); `From` with a known user's email on every write (else 400, code 2011); a read-only
 * key is refused any write (403, code 2010); acking an acked incident is 400/1002 and acking
 * or resolving a resolved one 400/1001; snoozing needs an acknowledged incident (1012) and
 * 1..604800 seconds (1013); pages hold at most 100 (or `pageSize`), `offset + limit` at most
 * 10 000; PUT /incidents takes at most 250 (413); every authenticated answer carries
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset`, and the budget (960 per
 * minute per key unless `rateLimit` says otherwise) answers 429, code 2020, when spent.
 * /v3/schedules/{id} answers 400 for a classic schedule, as PagerDuty documents, and
 * GET /users/me answers 400 to an account key. Overrides on classic schedules: POST takes the
 * list form and answers 201 with one `{status, errors?, override}` per item (an item ending
 * before it starts fails inside the 201), GET needs `since` and `until`, DELETE removes a
 * future override (204), cuts a running one at now (200) and refuses a past one (400); every
 * rendering (the schedule's final layer, its overrides layer, /oncalls) shows them, newest on top.
 * Overrides on shift-based (v3) schedules: POST names the rotation and the replaced and the
 * replacing member (the whole request is refused, 400, when an item is wrong) and answers 201
 * `{overrides}`; GET lists them (`since`/`until` required, `limit` at most 100); one override
 * can be read, PUT (times and `overriding_member` only) or DELETEd (204). The final layer's
 * `computed_shift_assignments` (and /oncalls) show them, with `schedule_rotation_override`
 * as the source; `fake.overrideV3(...)` makes one as a teammate would, elsewhere. Each schedule
 * answer carries the schedule's private feed (`http_cal_url`, `web_cal_url`) unless its
 * `feedKey` is removed; `fake.calendarFeed(id)` gives the address to expect.
 *
 * GET /incidents/{id}/log_entries is derived from the incident: its trigger (and, unless
 * `is_overview`, a notification to each assignee), its acknowledgements and notes, then every
 * change made through the API, newest first.
 *
 * Data (see defaultState at the end): Jane Doe is `me`; PINC001 (triggered, P1) is hers,
 * PINC002 is triggered for Mei, in Jane's team Payments, PINC003 acknowledged by Ravi, in
 * Search, PINC004 resolved. Links in
 * answers point at `*.pagerduty.example`, so nothing a test follows leaves the machine.
 */

export interface PagerDutyFakeOptions {
  /** Largest page the fake serves (the real API: 100). Small values exercise paging. */
  pageSize?: number;
  /** The fake's clock: rate-limit windows, "now" for on-calls and new data. */
  now?: () => number;
  /** Requests per key per window before 429 (default 960 per 60 s). */
  rateLimit?: RateLimit;
  /** Delay before every answer, like a real network; it makes overlapping requests visible. */
  latencyMs?: number;
}

interface RateLimit {
  limit: number;
  windowSeconds: number;
}

interface FakeUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

interface FakeService {
  id: string;
  name: string;
  escalationPolicyId: string;
  /** The team that owns it: its incidents name this team. */
  teamId?: string;
}

interface FakeTeam {
  id: string;
  name: string;
  memberIds: string[];
}

/** Each level is staffed by a schedule (PagerDuty also allows direct users; not modelled). */
interface FakeEscalationPolicy {
  id: string;
  name: string;
  levels: { scheduleId: string }[];
}

/** One rotation: `userIds` take turns of `turnHours`, counting from `rotationStart`. */
interface FakeSchedule {
  id: string;
  name: string;
  /** v3: shift-based, readable only through /v3/schedules/{id}. */
  api: 'v2' | 'v3';
  userIds: string[];
  rotationStart: string;
  turnHours: number;
  /** The private key in the schedule's iCalendar feed address; none: the answer has no feed. */
  feedKey?: string;
}

interface FakeNote {
  id: string;
  userId: string;
  content: string;
  createdAt: string;
}

interface FakeIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  escalationPolicyId: string;
  escalationLevel: number;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority?: string;
  incidentKey: string;
  createdAt: string;
  updatedAt: string;
  assigneeIds: string[];
  acknowledgements: { userId: string; at: string }[];
  snoozedUntil?: string;
  notes: FakeNote[];
}

/** One line of an incident's log, before rendering; who acted is a user or the service. */
interface FakeLogEntry {
  type: string;
  at: string;
  summary: string;
  agentId?: string;
  serviceAgentId?: string;
  notifiedId?: string;
  assigneeIds?: string[];
}

/** An override on a classic schedule: `userId` is on call there from start to end. */
interface FakeOverride {
  id: string;
  scheduleId: string;
  userId: string;
  start: string;
  end: string;
  /** Creation order: where overrides overlap, the newest wins, as in PagerDuty. */
  seq: number;
}

interface FakeState {
  overrides: FakeOverride[];
  v3Overrides: FakeV3Override[];
  users: FakeUser[];
  teams: FakeTeam[];
  services: FakeService[];
  escalationPolicies: FakeEscalationPolicy[];
  schedules: FakeSchedule[];
  incidents: FakeIncident[];
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

/** A change the fake applied, with who asked for it (the From header). */
interface AppliedChange {
  kind:
    | 'acknowledged'
    | 'resolved'
    | 'triggered'
    | 'snoozed'
    | 'reassigned'
    | 'escalated'
    | 'note'
    | 'override-created'
    | 'override-deleted'
    | 'override-truncated'
    | 'override-updated';
  /** The incident, or for overrides the override's id. */
  incidentId: string;
  from: string;
  at: number;
}

type PagerDutyFault =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** The request is taken and never answered. */
  | 'timeout'
  /** 200 with a body that is not JSON. */
  | 'malformed';

/** Turns an answer's body (parsed JSON) into the one sent; `query` is the request's. */
type AnswerRewrite = (body: Record<string, unknown>, query: URLSearchParams) => unknown;

interface HeldWrite {
  /** Resolves once the write has arrived: recorded, not yet applied. */
  arrived: Promise<RecordedRequest>;
  /** Resolves once its connection closes: its client hung up on it, or it was answered. */
  abandoned: Promise<void>;
  /** Applies it as PagerDuty would and answers, if the client is still listening. */
  apply(): void;
  /** Forgets it: nothing changes, the connection closes without an answer. */
  drop(): void;
}

export interface PagerDutyFake {
  baseUrl: string;
  /** Keys: a user key for Jane (`me`), an account key, and a read-only user key for Jane. */
  tokens: { user: string; account: string; readOnly: string };
  /** The responder in the default data (Jane Doe). */
  me: FakeUser;
  state: FakeState;
  requests: RecordedRequest[];
  applied: AppliedChange[];
  incident(id: string): FakeIncident;
  /** A fresh key, with a rate-limit budget of its own; no userId makes an account key. */
  issueToken(options?: { userId?: string; readOnly?: boolean }): string;
  /** Writes (PUT/POST) that reached the fake, optionally of one method and path. */
  writes(method?: string, path?: string): RecordedRequest[];
  ackCount(incidentId: string): number;
  /** Every matching request fails this way until cleared with null. */
  setFault(fault: PagerDutyFault | null, match?: RequestMatch): void;
  /**
   * Every matching successful answer's body goes through `rewrite` (until cleared with null),
   * after authentication and the rate limit, like any answer.
   */
  rewriteAnswers(rewrite: AnswerRewrite | null, match?: RequestMatch): void;
  setRateLimit(rateLimit: RateLimit): void;
  /**
   * An override on a shift-based schedule made elsewhere (PagerDuty's web app, a teammate):
   * `overriding` replaces `overridden` on the schedule's rotation. Answers its id.
   */
  overrideV3(
    scheduleId: string,
    override: { overridden: string | null; overriding: string | null; start: number; end: number },
  ): string;
  /** The schedule's feed, as its answers give it (webcal and https); undefined without one. */
  calendarFeed(scheduleId: string): { webcal: string; https: string } | undefined;
  holdNextWrite(): HeldWrite;
  /** The most requests with this key that were being handled at the same time. */
  peakConcurrency(token: string): number;
  stop(): Promise<void>;
}

interface KeyInfo {
  /** Undefined for an account key. */
  userId?: string;
  readOnly: boolean;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    /** v2 answers list messages; v3 answers map each field to its messages. */
    readonly errors: string[] | Record<string, string[]> = [],
  ) {
    super(message);
  }
}

const hour = 3_600_000;
const day = 24 * hour;
/**
 * Links in answers: the spec wants public URLs (its `url` format refuses loopback), and the
 * reserved `.example` domain guarantees that following one never leaves the machine.
 */
const apiLinks = 'https://api.pagerduty.example';
const webLinks = 'https://acme.pagerduty.example';
const writeMethods = new Set(['PUT', 'POST', 'DELETE']);

export async function startPagerDutyFake(
  options: PagerDutyFakeOptions = {},
): Promise<PagerDutyFake> {
  const now = options.now ?? Date.now;
  const pageSize = Math.min(options.pageSize ?? 100, 100);
  let rateLimit = options.rateLimit ?? { limit: 960, windowSeconds: 60 };
  const state = defaultState(now());
  const me = state.users[0]!;
  const keys = new Map<string, KeyInfo>();
  const budgets = new Map<string, { windowStart: number; count: number }>();
  const requests: RecordedRequest[] = [];
  const applied: AppliedChange[] = [];
  /** Log entries of the changes made through the API, by incident; the rest is derived. */
  const changeLog = new Map<string, FakeLogEntry[]>();
  let fault: { fault: PagerDutyFault; match: RequestMatch } | undefined;
  let rewrite: { rewrite: AnswerRewrite; match: RequestMatch } | undefined;
  let held:
    | { arrive(request: RecordedRequest, res: ServerResponse): Promise<'apply' | 'drop'> }
    | undefined;
  const pendingDecisions = new Set<() => void>();
  const inFlight = new Map<string, { now: number; peak: number }>();
  let overrideSeq = 0;

  const issueToken = (info: { userId?: string; readOnly?: boolean } = {}) => {
    const token = `${info.userId ? 'u+' : ''}${randomBytes(10).toString('hex')}`;
    keys.set(token, { userId: info.userId, readOnly: info.readOnly ?? false });
    return token;
  };
  const tokens = {
    user: issueToken({ userId: me.id }),
    account: issueToken(),
    readOnly: issueToken({ userId: me.id, readOnly: true }),
  };

  // ---- rendering, in the shapes of PagerDuty's spec ----

  const ref = (type: string, id: string, summary: string, web: string, api: string) => ({
    id,
    type,
    summary,
    self: `${apiLinks}/${api}/${id}`,
    html_url: `${webLinks}/${web}/${id}`,
  });
  const user = (id: string) => findUser(id);
  const userRef = (id: string) => ref('user_reference', id, user(id).name, 'users', 'users');
  const policy = (id: string) => find(state.escalationPolicies, id, 'escalation policy');
  const policyRef = (id: string) =>
    ref(
      'escalation_policy_reference',
      id,
      policy(id).name,
      'escalation_policies',
      'escalation_policies',
    );
  const scheduleRef = (schedule: FakeSchedule) =>
    ref(
      schedule.api === 'v3' ? 'schedule_v3_reference' : 'schedule_reference',
      schedule.id,
      schedule.name,
      'schedules',
      schedule.api === 'v3' ? 'v3/schedules' : 'schedules',
    );

  const teamRef = (team: FakeTeam) => ref('team_reference', team.id, team.name, 'teams', 'teams');
  const teamsOf = (userId: string) => state.teams.filter((t) => t.memberIds.includes(userId));

  const renderUser = (u: FakeUser) => ({
    ...ref('user', u.id, u.name, 'users', 'users'),
    name: u.name,
    email: u.email,
    time_zone: 'Europe/London',
    color: 'green',
    role: u.role,
    invitation_sent: false,
    teams: teamsOf(u.id).map(teamRef),
    contact_methods: [],
    notification_rules: [],
  });

  const renderIncident = (i: FakeIncident) => {
    const service = find(state.services, i.serviceId, 'service');
    return {
      ...ref('incident', i.id, `[#${i.number}] ${i.title}`, 'incidents', 'incidents'),
      incident_number: i.number,
      title: i.title,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      status: i.status,
      incident_key: i.incidentKey,
      service: ref('service_reference', service.id, service.name, 'service-directory', 'services'),
      assignments: i.assigneeIds.map((id) => ({ at: i.updatedAt, assignee: userRef(id) })),
      assigned_via: 'escalation_policy',
      last_status_change_at: i.updatedAt,
      acknowledgements: i.acknowledgements.map((a) => ({
        at: a.at,
        acknowledger: userRef(a.userId),
      })),
      escalation_policy: policyRef(i.escalationPolicyId),
      teams: state.teams.filter((t) => t.id === service.teamId).map(teamRef),
      urgency: i.urgency,
      ...(i.priority
        ? {
            priority: {
              ...ref('priority', `PRIO${i.priority}`, i.priority, 'priorities', 'priorities'),
              name: i.priority,
            },
          }
        : {}),
      ...(i.status === 'resolved' ? { resolved_at: i.updatedAt } : {}),
    };
  };

  const renderNote = (n: FakeNote) => ({
    id: n.id,
    user: userRef(n.userId),
    channel: { summary: 'The PagerDuty website or APIs' },
    content: n.content,
    created_at: n.createdAt,
  });

  /** Turns of a rotation overlapping [since, until), cut to it unless `overflow`. */
  const render = (schedule: FakeSchedule, since: number, until: number, overflow: boolean) => {
    const turn = schedule.turnHours * hour;
    const anchor = Date.parse(schedule.rotationStart);
    const entries: { userId: string; start: string; end: string }[] = [];
    for (let k = Math.floor((since - anchor) / turn); anchor + k * turn < until; k++) {
      const start = anchor + k * turn;
      const end = start + turn;
      if (end <= since) continue;
      const n = schedule.userIds.length;
      entries.push({
        userId: schedule.userIds[((k % n) + n) % n]!,
        start: iso(overflow ? start : Math.max(start, since)),
        end: iso(overflow ? end : Math.min(end, until)),
      });
    }
    return entries;
  };

  /**
   * The final layer: the rotation's turns with overrides laid over them, the newest on top,
   * cut at override edges; `overflow` keeps whole rotation turns but cuts at overrides.
   */
  const renderFinal = (schedule: FakeSchedule, since: number, until: number, overflow: boolean) => {
    if (schedule.api === 'v3') {
      return renderV3(schedule, since, until, overflow).flatMap((t) =>
        t.userId === null ? [] : [{ userId: t.userId, start: iso(t.start), end: iso(t.end) }],
      );
    }
    const base = render(schedule, since, until, overflow);
    const overrides = state.overrides
      .filter((o) => o.scheduleId === schedule.id)
      .filter((o) => Date.parse(o.end) > since && Date.parse(o.start) < until)
      .sort((a, b) => a.seq - b.seq);
    let entries = base.map((e) => ({
      ...e,
      startMs: Date.parse(e.start),
      endMs: Date.parse(e.end),
    }));
    for (const o of overrides) {
      const from = Date.parse(o.start);
      const to = Date.parse(o.end);
      entries = entries.flatMap((e) => {
        if (e.endMs <= from || e.startMs >= to) return [e];
        const pieces = [];
        if (e.startMs < from) pieces.push({ ...e, endMs: from });
        if (e.endMs > to) pieces.push({ ...e, startMs: to });
        return pieces;
      });
      entries.push({
        userId: o.userId,
        start: o.start,
        end: o.end,
        startMs: overflow ? from : Math.max(from, since),
        endMs: overflow ? to : Math.min(to, until),
      });
    }
    return entries
      .sort((a, b) => a.startMs - b.startMs)
      .map((e) => ({ userId: e.userId, start: iso(e.startMs), end: iso(e.endMs) }));
  };

  const rotationIdOf = (schedule: FakeSchedule) => `R${schedule.id}`;

  /** PagerDuty's feed fields: one private address, as https and as webcal. */
  const calendarFeedOf = (schedule: FakeSchedule) => {
    if (!schedule.feedKey) return {};
    const address = `${webLinks.replace(/^https:\/\//, '')}/private/${schedule.feedKey}/feed/${schedule.id}`;
    return { http_cal_url: `https://${address}`, web_cal_url: `webcal://${address}` };
  };

  /**
   * A shift-based schedule's computed assignments: whole rotation turns with its overrides laid
   * over them, cut to the window unless `overflow`.
   */
  const renderV3 = (
    schedule: FakeSchedule,
    since: number,
    until: number,
    overflow: boolean,
  ): V3Turn[] => {
    const turns = render(schedule, since, until, true).map((e) => ({
      userId: e.userId as string | null,
      start: Date.parse(e.start),
      end: Date.parse(e.end),
      rotationId: rotationIdOf(schedule),
    }));
    const laid = layOverrides(
      turns,
      state.v3Overrides.filter((o) => o.scheduleId === schedule.id),
    );
    if (overflow) return laid;
    return laid
      .map((t) => ({ ...t, start: Math.max(t.start, since), end: Math.min(t.end, until) }))
      .filter((t) => t.end > t.start);
  };

  const renderV3Override = (o: FakeV3Override) => ({
    id: o.id,
    type: 'override_shift',
    rotation_id: o.rotationId,
    start_time: iso(o.start),
    end_time: iso(o.end),
    overridden_member: memberOf(o.overridden),
    overriding_member: memberOf(o.overriding),
    self: `${apiLinks}/v3/schedules/${o.scheduleId}/overrides/${o.id}`,
    html_url: `${webLinks}/schedules/${o.scheduleId}`,
  });

  const renderOverride = (o: FakeOverride) => ({
    id: o.id,
    start: o.start,
    end: o.end,
    user: userRef(o.userId),
  });

  const onCallAt = (policyId: string, level: number, at: number): string | undefined => {
    const staffed = policy(policyId).levels[level - 1];
    if (!staffed) return undefined;
    return renderFinal(find(state.schedules, staffed.scheduleId, 'schedule'), at, at + 1, false)[0]
      ?.userId;
  };

  // ---- helpers over the request ----

  /** PagerDuty's `sort_by` for the one field Onwatch sorts on; by number otherwise. */
  const incidentOrder =
    (sortBy: string | null) =>
    (a: FakeIncident, b: FakeIncident): number => {
      if (sortBy === 'created_at:desc') return Date.parse(b.createdAt) - Date.parse(a.createdAt);
      if (sortBy === 'created_at:asc' || sortBy === 'created_at') {
        return Date.parse(a.createdAt) - Date.parse(b.createdAt);
      }
      return a.number - b.number;
    };

  const page = <T>(items: T[], query: URLSearchParams) => {
    const limit = Math.min(intParam(query, 'limit') ?? 25, pageSize);
    const offset = intParam(query, 'offset') ?? 0;
    if (offset + limit > 10_000) {
      throw new Refusal(400, 2001, 'Invalid Input Provided', ['Offset must be less than 10000.']);
    }
    return {
      items: items.slice(offset, offset + limit),
      meta: {
        limit,
        offset,
        more: offset + limit < items.length,
        total: query.get('total') === 'true' ? items.length : null,
      },
    };
  };

  const findIncident = (idOrNumber: string) => {
    const found = state.incidents.find(
      (i) => i.id === idOrNumber || String(i.number) === idOrNumber,
    );
    if (!found) throw new Refusal(404, 2100, 'Not Found');
    return found;
  };

  const window = (query: URLSearchParams, defaultSpanMs: number | undefined) => {
    const since = timeParam(query, 'since');
    const until = timeParam(query, 'until');
    if (defaultSpanMs === undefined) return { since: since ?? now(), until: until ?? now() };
    if (since === undefined && until === undefined) return undefined;
    return {
      since: since ?? until! - defaultSpanMs,
      until: until ?? since! + defaultSpanMs,
    };
  };

  // ---- writes ----

  const applyStatus = (
    incident: FakeIncident,
    status: string | undefined,
    actor: FakeUser,
    changes: (() => AppliedChange['kind'])[],
  ) => {
    if (status === undefined) return;
    if (status === 'acknowledged' || status === 'resolved') {
      if (incident.status === 'resolved') throw new Refusal(400, 1001, 'Incident Already Resolved');
      if (status === 'acknowledged' && incident.status === 'acknowledged') {
        throw new Refusal(400, 1002, 'Incident Already Acknowledged');
      }
    } else if (status !== 'triggered') {
      throw new Refusal(400, 1003, 'Invalid Status Provided');
    }
    changes.push(() => {
      incident.status = status;
      if (status === 'acknowledged') {
        incident.acknowledgements.push({ userId: actor.id, at: iso(now()) });
      } else {
        // The log keeps what the incident forgets.
        changeLog.set(incident.id, [
          ...seededAcks(incident),
          ...(changeLog.get(incident.id) ?? []),
        ]);
        incident.acknowledgements = [];
      }
      if (status === 'resolved') incident.assigneeIds = [];
      return status;
    });
  };

  /** Checks one incident update, returning the changes to apply once all are known good. */
  const planUpdate = (incident: FakeIncident, body: Record<string, unknown>, actor: FakeUser) => {
    const type = body.type;
    if (type !== 'incident' && type !== 'incident_reference') {
      throw new Refusal(400, 2001, 'Invalid Input Provided', [
        'Incident type must be incident or incident_reference.',
      ]);
    }
    const changes: (() => AppliedChange['kind'])[] = [];
    applyStatus(incident, body.status as string | undefined, actor, changes);
    if (Array.isArray(body.assignments)) {
      const ids = body.assignments.map((a: { assignee?: { id?: unknown; type?: unknown } }) => {
        const id = a.assignee?.id;
        if (a.assignee?.type !== 'user_reference' || typeof id !== 'string') {
          throw new Refusal(400, 2001, 'Invalid Input Provided', [
            'Assignee must be a user_reference.',
          ]);
        }
        findUser(id, 400);
        return id;
      });
      if (incident.status === 'resolved') throw new Refusal(400, 1001, 'Incident Already Resolved');
      changes.push(() => {
        incident.assigneeIds = ids;
        return 'reassigned';
      });
    }
    const newPolicy = body.escalation_policy as { id?: unknown; type?: unknown } | undefined;
    if (newPolicy !== undefined) {
      if (newPolicy.type !== 'escalation_policy_reference' || typeof newPolicy.id !== 'string') {
        throw new Refusal(400, 2001, 'Invalid Input Provided', [
          'Escalation policy must be an escalation_policy_reference.',
        ]);
      }
      const policyId = newPolicy.id;
      if (!state.escalationPolicies.some((p) => p.id === policyId)) {
        throw new Refusal(400, 1011, 'Cannot reassign: no such escalation policy');
      }
      changes.push(() => {
        incident.escalationPolicyId = policyId;
        incident.escalationLevel = 1;
        incident.assigneeIds = [onCallAt(policyId, 1, now())].filter((id) => id !== undefined);
        return 'reassigned';
      });
    }
    if (body.escalation_level !== undefined) {
      const level = body.escalation_level;
      const levels = policy(incident.escalationPolicyId).levels.length;
      if (!Number.isInteger(level) || (level as number) < 1 || (level as number) > levels) {
        throw new Refusal(400, 1006, 'Cannot escalate', [
          `The escalation policy has ${levels} levels.`,
        ]);
      }
      changes.push(() => {
        incident.escalationLevel = level as number;
        incident.assigneeIds = [
          onCallAt(incident.escalationPolicyId, level as number, now()),
        ].filter((id) => id !== undefined);
        return 'escalated';
      });
    }
    return changes;
  };

  const commit = (
    incident: FakeIncident,
    changes: (() => AppliedChange['kind'])[],
    from: string,
  ) => {
    const agentId = state.users.find((u) => u.email.toLowerCase() === from.toLowerCase())?.id;
    for (const change of changes) {
      const kind = change();
      applied.push({ kind, incidentId: incident.id, from, at: now() });
      const logged = logEntryOf(kind, incident, agentId);
      if (logged) changeLog.set(incident.id, [...(changeLog.get(incident.id) ?? []), logged]);
    }
    incident.updatedAt = iso(now());
  };

  // ---- the incident log ----

  /** What PagerDuty logs for a change made through the API, in its own wording. */
  const logEntryOf = (
    kind: AppliedChange['kind'],
    incident: FakeIncident,
    agentId: string | undefined,
  ): FakeLogEntry | undefined => {
    const at = iso(now());
    const by = agentId ? ` by ${user(agentId).name}` : '';
    const base = { at, agentId };
    switch (kind) {
      case 'acknowledged':
        return { ...base, type: 'acknowledge_log_entry', summary: `Acknowledged${by}` };
      case 'resolved':
        return { ...base, type: 'resolve_log_entry', summary: `Resolved${by}` };
      case 'triggered':
        return { ...base, type: 'unacknowledge_log_entry', summary: `Unacknowledged${by}` };
      case 'snoozed': {
        const minutes = Math.round((Date.parse(incident.snoozedUntil!) - now()) / 60_000);
        return { ...base, type: 'snooze_log_entry', summary: `Snoozed for ${minutes}m${by}` };
      }
      case 'reassigned':
        return {
          ...base,
          type: 'assign_log_entry',
          summary: `Assigned to ${incident.assigneeIds.map((id) => user(id).name).join(', ')}${by}`,
          assigneeIds: [...incident.assigneeIds],
        };
      case 'escalated':
        return {
          ...base,
          type: 'escalate_log_entry',
          summary: `Escalated to level ${incident.escalationLevel}${by}`,
        };
      default:
        return undefined;
    }
  };

  /**
   * The incident's whole log: its trigger and the notifications it sent, acknowledgements and
   * notes it was made with, then every change since. Newest first, as PagerDuty lists it.
   */
  /** Acknowledgements the incident was made with (or given by editing it), not logged yet. */
  const seededAcks = (incident: FakeIncident): FakeLogEntry[] => {
    const logged = new Set(
      (changeLog.get(incident.id) ?? [])
        .filter((c) => c.type === 'acknowledge_log_entry')
        .map((c) => `${c.agentId}@${c.at}`),
    );
    return incident.acknowledgements
      .filter((a) => !logged.has(`${a.userId}@${a.at}`))
      .map((a) => ({
        type: 'acknowledge_log_entry',
        at: a.at,
        summary: `Acknowledged by ${user(a.userId).name}`,
        agentId: a.userId,
      }));
  };

  const incidentLog = (incident: FakeIncident, overview: boolean): FakeLogEntry[] => {
    const changes = changeLog.get(incident.id) ?? [];
    const service = find(state.services, incident.serviceId, 'service');
    const entries: FakeLogEntry[] = [
      {
        type: 'trigger_log_entry',
        at: incident.createdAt,
        summary: 'Triggered through the API',
        serviceAgentId: service.id,
      },
      ...(overview
        ? []
        : incident.assigneeIds.map((id) => ({
            type: 'notify_log_entry',
            at: incident.createdAt,
            summary: `Notified ${user(id).name} by email`,
            notifiedId: id,
            serviceAgentId: service.id,
          }))),
      ...seededAcks(incident),
      ...incident.notes.map((n) => ({
        type: 'annotate_log_entry',
        at: n.createdAt,
        summary: `Note added by ${user(n.userId).name}`,
        agentId: n.userId,
      })),
      ...changes,
    ];
    return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  };

  const renderLogEntry = (incident: FakeIncident, entry: FakeLogEntry, index: number) => {
    const id = `R${incident.id.slice(-3)}${String(index).padStart(4, '0')}`;
    const service = entry.serviceAgentId
      ? find(state.services, entry.serviceAgentId, 'service')
      : undefined;
    return {
      id,
      type: entry.type,
      summary: entry.summary,
      self: `${apiLinks}/log_entries/${id}`,
      html_url: `${webLinks}/incidents/${incident.id}/log_entries/${id}`,
      created_at: entry.at,
      agent: service
        ? ref('service_reference', service.id, service.name, 'service-directory', 'services')
        : entry.agentId
          ? userRef(entry.agentId)
          : undefined,
      channel: { type: service ? 'api' : 'web_trigger' },
      service: ref(
        'service_reference',
        incident.serviceId,
        find(state.services, incident.serviceId, 'service').name,
        'service-directory',
        'services',
      ),
      incident: ref(
        'incident_reference',
        incident.id,
        `[#${incident.number}] ${incident.title}`,
        'incidents',
        'incidents',
      ),
      teams: [],
      contexts: [],
      ...(entry.notifiedId && { user: userRef(entry.notifiedId) }),
      ...(entry.assigneeIds && { assignees: entry.assigneeIds.map(userRef) }),
    };
  };

  // ---- routes ----

  const route = (request: RecordedRequest, key: KeyInfo, actor: FakeUser | undefined): Answer => {
    const { method, path } = request;
    const query = new URLSearchParams(request.query);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const from = request.headers.from ?? '';
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/users/me') {
      if (!key.userId) {
        throw new Refusal(
          400,
          2100,
          'Because this request was made using an account-level access token, we were unable to correlate it with a user. Please make this request using a user-level token.',
        );
      }
      return ok({ user: renderUser(user(key.userId)) });
    }
    if (method === 'GET' && path === '/users') {
      const q = (query.get('query') ?? '').toLowerCase();
      const found = state.users.filter(
        (u) => u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q),
      );
      const { items, meta } = page(found, query);
      return ok({ users: items.map(renderUser), ...meta });
    }
    if (method === 'GET' && path === '/incidents') {
      const statuses = query.getAll('statuses[]');
      for (const s of statuses) {
        if (!['triggered', 'acknowledged', 'resolved'].includes(s)) {
          throw new Refusal(400, 2001, 'Invalid Input Provided', [
            `Statuses has an invalid value: ${s}`,
          ]);
        }
      }
      const userIds = query.getAll('user_ids[]');
      const found = state.incidents
        .filter((i) => statuses.length === 0 || statuses.includes(i.status))
        .filter((i) => userIds.length === 0 || i.assigneeIds.some((id) => userIds.includes(id)))
        .sort(incidentOrder(query.get('sort_by')));
      const { items, meta } = page(found, query);
      return ok({ incidents: items.map(renderIncident), ...meta });
    }
    if (method === 'PUT' && path === '/incidents') {
      const items = body.incidents;
      if (!Array.isArray(items))
        throw new Refusal(400, 2001, 'Invalid Input Provided', ['incidents is required.']);
      if (items.length > 250) throw new Refusal(413, 2001, 'Request Entity Too Large');
      // All or nothing: every update is checked before any is applied.
      const plans = items.map((item: Record<string, unknown>) => {
        if (typeof item.id !== 'string')
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['id is required.']);
        const incident = findIncident(item.id);
        return { incident, changes: planUpdate(incident, item, actor!) };
      });
      for (const plan of plans) commit(plan.incident, plan.changes, from);
      return ok({
        incidents: plans.map((plan) => renderIncident(plan.incident)),
        limit: plans.length,
        offset: 0,
        more: false,
        total: null,
      });
    }
    if ((match = /^\/incidents\/([^/]+)$/.exec(path))) {
      const incident = findIncident(decodeURIComponent(match[1]!));
      if (method === 'GET') return ok({ incident: renderIncident(incident) });
      if (method === 'PUT') {
        const update = body.incident;
        if (!update || typeof update !== 'object') {
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['incident is required.']);
        }
        commit(incident, planUpdate(incident, update as Record<string, unknown>, actor!), from);
        return ok({ incident: renderIncident(incident) });
      }
    }
    if ((match = /^\/incidents\/([^/]+)\/snooze$/.exec(path)) && method === 'POST') {
      const incident = findIncident(decodeURIComponent(match[1]!));
      const duration = body.duration;
      if (
        !Number.isInteger(duration) ||
        (duration as number) < 1 ||
        (duration as number) > 604_800
      ) {
        throw new Refusal(400, 1013, 'Invalid Snooze Duration');
      }
      if (incident.status !== 'acknowledged')
        throw new Refusal(400, 1012, 'Incident Is Not Acknowledged');
      commit(
        incident,
        [
          () => {
            incident.snoozedUntil = iso(now() + (duration as number) * 1000);
            return 'snoozed';
          },
        ],
        from,
      );
      return { status: 201, body: { incident: renderIncident(incident) } };
    }
    if ((match = /^\/incidents\/([^/]+)\/log_entries$/.exec(path)) && method === 'GET') {
      const incident = findIncident(decodeURIComponent(match[1]!));
      const log = incidentLog(incident, query.get('is_overview') === 'true');
      const { items, meta } = page(log, query);
      const offset = Number(query.get('offset') ?? 0);
      return ok({
        log_entries: items.map((entry, i) => renderLogEntry(incident, entry, offset + i)),
        ...meta,
      });
    }
    if ((match = /^\/incidents\/([^/]+)\/notes$/.exec(path))) {
      const incident = findIncident(decodeURIComponent(match[1]!));
      if (method === 'GET') return ok({ notes: incident.notes.map(renderNote) });
      if (method === 'POST') {
        const content = (body.note as { content?: unknown } | undefined)?.content;
        if (typeof content !== 'string' || content.trim() === '') {
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['Note content is required.']);
        }
        const note: FakeNote = {
          id: `PNOTE${String(incident.notes.length + 1).padStart(2, '0')}${incident.id.slice(-2)}`,
          userId: actor!.id,
          content,
          createdAt: iso(now()),
        };
        applied.push({ kind: 'note', incidentId: incident.id, from, at: now() });
        incident.notes.push(note);
        // The spec documents 200 for a new note.
        return ok({ note: renderNote(note) });
      }
    }
    if (method === 'GET' && path === '/oncalls') {
      const span = window(query, undefined)!;
      const userIds = query.getAll('user_ids[]');
      const policyIds = query.getAll('escalation_policy_ids[]');
      const scheduleIds = query.getAll('schedule_ids[]');
      const oncalls = state.escalationPolicies
        .filter((p) => policyIds.length === 0 || policyIds.includes(p.id))
        .flatMap((p) =>
          p.levels.flatMap(({ scheduleId }, index) => {
            if (scheduleIds.length > 0 && !scheduleIds.includes(scheduleId)) return [];
            const schedule = find(state.schedules, scheduleId, 'schedule');
            // On-calls overlapping the window, each with its whole turn.
            return renderFinal(schedule, span.since, Math.max(span.until, span.since + 1), true)
              .filter((entry) => userIds.length === 0 || userIds.includes(entry.userId))
              .map((entry) => ({
                escalation_policy: policyRef(p.id),
                escalation_level: index + 1,
                schedule: scheduleRef(schedule),
                user: userRef(entry.userId),
                start: entry.start,
                end: entry.end,
              }));
          }),
        );
      const { items, meta } = page(oncalls, query);
      return ok({ oncalls: items, ...meta });
    }
    if ((match = /^\/schedules\/([^/]+)\/overrides$/.exec(path))) {
      const schedule = find(state.schedules, decodeURIComponent(match[1]!), 'schedule', 404);
      if (schedule.api === 'v3') {
        throw new Refusal(400, 2001, 'Invalid Input Provided', [
          'This is a shift-based schedule; use /v3/schedules/{id}/overrides.',
        ]);
      }
      if (method === 'GET') {
        const since = timeParam(query, 'since');
        const until = timeParam(query, 'until');
        if (since === undefined || until === undefined) {
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['since and until are required.']);
        }
        const overflow = query.get('overflow') === 'true';
        const found = state.overrides
          .filter((o) => o.scheduleId === schedule.id)
          .filter((o) => Date.parse(o.end) > since && Date.parse(o.start) < until)
          .map((o) =>
            overflow
              ? o
              : {
                  ...o,
                  start: iso(Math.max(Date.parse(o.start), since)),
                  end: iso(Math.min(Date.parse(o.end), until)),
                },
          );
        // The spec documents 201 for this list; PagerDuty answers 200.
        return ok({ overrides: found.map(renderOverride) });
      }
      if (method === 'POST') {
        const items = Array.isArray(body.overrides)
          ? (body.overrides as unknown[])
          : body.override
            ? [body.override]
            : [];
        if (items.length === 0) {
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['overrides is required.']);
        }
        const answers = items.map((raw) => {
          const item = (raw ?? {}) as { start?: unknown; end?: unknown; user?: { id?: unknown } };
          const start = typeof item.start === 'string' ? Date.parse(item.start) : NaN;
          const end = typeof item.end === 'string' ? Date.parse(item.end) : NaN;
          const userId = typeof item.user?.id === 'string' ? item.user.id : '';
          const shown = {
            start: typeof item.start === 'string' ? item.start : '',
            end: typeof item.end === 'string' ? item.end : '',
            user: { id: userId, type: 'user_reference' },
          };
          if (Number.isNaN(start) || Number.isNaN(end)) {
            return { status: 400, errors: ['Start and end must be times.'], override: shown };
          }
          if (end <= start) {
            return { status: 400, errors: ['Override must end after its start'], override: shown };
          }
          if (!state.users.some((u) => u.id === userId)) {
            return { status: 400, errors: ['User not found'], override: shown };
          }
          const override: FakeOverride = {
            id: `PO${String(state.overrides.length + 1).padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`,
            scheduleId: schedule.id,
            userId,
            start: iso(start),
            end: iso(end),
            seq: ++overrideSeq,
          };
          state.overrides.push(override);
          applied.push({ kind: 'override-created', incidentId: override.id, from, at: now() });
          return { status: 201, override: renderOverride(override) };
        });
        return { status: 201, body: answers };
      }
    }
    if ((match = /^\/schedules\/([^/]+)\/overrides\/([^/]+)$/.exec(path)) && method === 'DELETE') {
      const scheduleId = decodeURIComponent(match[1]!);
      const overrideId = decodeURIComponent(match[2]!);
      const override = state.overrides.find(
        (o) => o.scheduleId === scheduleId && o.id === overrideId,
      );
      if (!override) throw new Refusal(404, 2100, 'Not Found');
      const at = now();
      if (Date.parse(override.end) <= at) {
        throw new Refusal(400, 2001, 'Invalid Input Provided', [
          'A past override cannot be removed.',
        ]);
      }
      if (Date.parse(override.start) < at) {
        override.end = iso(at);
        applied.push({ kind: 'override-truncated', incidentId: override.id, from, at });
        return { status: 200, body: undefined };
      }
      state.overrides.splice(state.overrides.indexOf(override), 1);
      applied.push({ kind: 'override-deleted', incidentId: override.id, from, at });
      return { status: 204, body: undefined };
    }
    if ((match = /^\/schedules\/([^/]+)$/.exec(path)) && method === 'GET') {
      const schedule = find(state.schedules, decodeURIComponent(match[1]!), 'schedule', 404);
      if (schedule.api === 'v3') {
        throw new Refusal(400, 2001, 'Invalid Input Provided', [
          'This is a shift-based schedule; read it through /v3/schedules.',
        ]);
      }
      const span = window(query, 14 * day);
      const entries = span
        ? renderFinal(schedule, span.since, span.until, query.get('overflow') === 'true')
        : [];
      const overrides = span
        ? state.overrides.filter(
            (o) =>
              o.scheduleId === schedule.id &&
              Date.parse(o.end) > span.since &&
              Date.parse(o.start) < span.until,
          )
        : [];
      return ok({
        schedule: {
          ...ref('schedule', schedule.id, schedule.name, 'schedules', 'schedules'),
          name: schedule.name,
          time_zone: 'UTC',
          escalation_policies: policiesUsing(schedule.id).map((p) => policyRef(p.id)),
          users: schedule.userIds.map(userRef),
          teams: [],
          schedule_layers: [],
          final_schedule: {
            name: 'Final Schedule',
            rendered_schedule_entries: entries.map((e) => ({
              user: userRef(e.userId),
              start: e.start,
              end: e.end,
            })),
            rendered_coverage_percentage: span ? 100 : 0,
          },
          ...calendarFeedOf(schedule),
          overrides_subschedule: {
            name: 'Overrides',
            rendered_schedule_entries: overrides.map((o) => ({
              user: userRef(o.userId),
              start: o.start,
              end: o.end,
            })),
            rendered_coverage_percentage: 0,
          },
        },
      });
    }
    if ((match = /^\/v3\/schedules\/([^/]+)\/overrides(?:\/([^/]+))?$/.exec(path))) {
      return v3Overrides(
        request,
        decodeURIComponent(match[1]!),
        match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        from,
      );
    }
    if ((match = /^\/v3\/schedules\/([^/]+)$/.exec(path)) && method === 'GET') {
      const schedule = find(state.schedules, decodeURIComponent(match[1]!), 'schedule', 404);
      if (schedule.api !== 'v3') {
        throw new Refusal(400, 2001, 'Invalid Input Provided', [
          'This schedule is not a shift-based schedule.',
        ]);
      }
      const span = window(query, 14 * day) ?? { since: now(), until: now() + 14 * day };
      const entries = renderV3(schedule, span.since, span.until, query.get('overflow') === 'true');
      return ok({
        schedule: {
          id: schedule.id,
          type: 'schedule_v3',
          name: schedule.name,
          time_zone: 'UTC',
          users: schedule.userIds.map(userRef),
          escalation_policies: policiesUsing(schedule.id).map((p) => policyRef(p.id)),
          teams: [],
          self: `${apiLinks}/v3/schedules/${schedule.id}`,
          html_url: `${webLinks}/schedules/${schedule.id}`,
          ...calendarFeedOf(schedule),
          ...(query.getAll('include[]').includes('final_schedule')
            ? {
                final_schedule: {
                  type: 'final_schedule',
                  rendered_coverage_percentage: 100,
                  computed_shift_assignments: entries.map((e) => ({
                    type: 'computed_shift_assignment',
                    start_time: iso(e.start),
                    end_time: iso(e.end),
                    member: memberOf(e.userId),
                    source: e.overrideId
                      ? {
                          type: 'schedule_rotation_override',
                          rotation_id: e.rotationId,
                          override_id: e.overrideId,
                        }
                      : { type: 'schedule_rotation', rotation_id: e.rotationId },
                  })),
                },
              }
            : {}),
        },
      });
    }
    throw new Refusal(404, 2100, 'Not Found');
  };

  /** The override routes of a shift-based schedule (see the header comment). */
  const v3Overrides = (
    request: RecordedRequest,
    scheduleId: string,
    overrideId: string | undefined,
    from: string,
  ): Answer => {
    const { method } = request;
    const query = new URLSearchParams(request.query);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const schedule = find(state.schedules, scheduleId, 'schedule', 404);
    if (schedule.api !== 'v3') throw new Refusal(404, 2100, 'Not Found');
    const invalid = (errors: Record<string, string[]>) =>
      new Refusal(400, 2001, 'Invalid Input Provided', errors);

    if (overrideId === undefined && method === 'GET') {
      const since = timeParam(query, 'since');
      const until = timeParam(query, 'until');
      if (since === undefined || until === undefined) {
        throw invalid({ since: ['since and until are required'] });
      }
      const limit = intParam(query, 'limit') ?? 25;
      const offset = intParam(query, 'offset') ?? 0;
      if (limit < 1 || limit > 100) throw invalid({ limit: ['must be between 1 and 100'] });
      const overflow = query.get('overflow') === 'true';
      const found = state.v3Overrides
        .filter((o) => o.scheduleId === schedule.id && o.end > since && o.start < until)
        .sort((a, b) => a.start - b.start)
        .map((o) =>
          overflow ? o : { ...o, start: Math.max(o.start, since), end: Math.min(o.end, until) },
        );
      return ok({
        overrides: found.slice(offset, offset + limit).map(renderV3Override),
        limit,
        offset,
        more: offset + limit < found.length,
      });
    }
    if (overrideId === undefined && method === 'POST') {
      const items = Array.isArray(body.overrides) ? (body.overrides as unknown[]) : [];
      if (items.length === 0) throw invalid({ overrides: ['at least one override is required'] });
      const checked = items.map((item, index) =>
        checkCreateItem(item, index, rotationIdOf(schedule), (id) =>
          state.users.some((u) => u.id === id),
        ),
      );
      // All or nothing: one wrong item refuses the request.
      const errors = Object.assign({}, ...checked.flatMap((c) => (c.ok ? [] : [c.errors])));
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const made = checked.flatMap((c) => {
        if (!c.ok) return [];
        const override: FakeV3Override = {
          id: `Q${randomBytes(12).toString('hex').toUpperCase()}`,
          scheduleId: schedule.id,
          rotationId: c.rotationId,
          overridden: c.overridden,
          overriding: c.overriding,
          start: c.start,
          end: c.end,
          seq: ++overrideSeq,
        };
        state.v3Overrides.push(override);
        applied.push({ kind: 'override-created', incidentId: override.id, from, at: now() });
        return [override];
      });
      return { status: 201, body: { overrides: made.map(renderV3Override) } };
    }
    const override = state.v3Overrides.find(
      (o) => o.scheduleId === schedule.id && o.id === overrideId,
    );
    if (!override) throw new Refusal(404, 2100, 'Not Found');
    if (method === 'GET') return ok({ override: renderV3Override(override) });
    if (method === 'DELETE') {
      state.v3Overrides.splice(state.v3Overrides.indexOf(override), 1);
      applied.push({ kind: 'override-deleted', incidentId: override.id, from, at: now() });
      return { status: 204, body: undefined };
    }
    if (method === 'PUT') {
      const change = (body.override ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(change).filter(
        (k) => !['start_time', 'end_time', 'overriding_member'].includes(k),
      );
      if (unknown.length > 0) throw invalid({ override: [`cannot change ${unknown.join(', ')}`] });
      const time = (name: string, current: number) => {
        if (change[name] === undefined) return current;
        const at = typeof change[name] === 'string' ? Date.parse(change[name]) : NaN;
        if (Number.isNaN(at)) throw invalid({ [`override.${name}`]: ['must be a time'] });
        return at;
      };
      const start = time('start_time', override.start);
      const end = time('end_time', override.end);
      if (end <= start) throw invalid({ 'override.end_time': ['must be after start_time'] });
      let overriding = override.overriding;
      if (change.overriding_member !== undefined) {
        const member = change.overriding_member as Record<string, unknown>;
        if (member.type === 'empty_member') overriding = null;
        else if (member.type === 'user_member' && typeof member.user_id === 'string') {
          overriding = findUser(member.user_id, 400).id;
        } else throw invalid({ 'override.overriding_member': ['must be a shift member'] });
      }
      const cut = end < override.end && start <= now();
      Object.assign(override, { start, end, overriding });
      const kind = cut ? 'override-truncated' : 'override-updated';
      applied.push({ kind, incidentId: override.id, from, at: now() });
      return ok({ override: renderV3Override(override) });
    }
    throw new Refusal(404, 2100, 'Not Found');
  };

  const policiesUsing = (scheduleId: string) =>
    state.escalationPolicies.filter((p) => p.levels.some((l) => l.scheduleId === scheduleId));

  function findUser(id: string, status = 404): FakeUser {
    return find(state.users, id, 'user', status);
  }

  // ---- the server ----

  const rateHeaders = (token: string): { headers: Record<string, string>; spent: boolean } => {
    const at = now();
    const windowMs = rateLimit.windowSeconds * 1000;
    let budget = budgets.get(token);
    if (!budget || at >= budget.windowStart + windowMs) {
      budget = { windowStart: at, count: 0 };
      budgets.set(token, budget);
    }
    budget.count++;
    return {
      spent: budget.count > rateLimit.limit,
      headers: {
        'ratelimit-limit': String(rateLimit.limit),
        'ratelimit-remaining': String(Math.max(0, rateLimit.limit - budget.count)),
        'ratelimit-reset': String(Math.ceil((budget.windowStart + windowMs - at) / 1000)),
      },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: [...url.searchParams],
      headers,
      body: parseRequestBody(rawBody),
      at: now(),
    };
    requests.push(request);
    const concurrency = inFlight.get(headers.authorization ?? '') ?? { now: 0, peak: 0 };
    inFlight.set(headers.authorization ?? '', concurrency);
    concurrency.peak = Math.max(concurrency.peak, ++concurrency.now);
    res.on('close', () => concurrency.now--);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const send = (answer: Answer) => {
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      request.status = answer.status;
      request.responseBody = text;
      if (res.destroyed) return;
      res.writeHead(answer.status, {
        'Content-Type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(text);
    };

    if (fault && matchesRequest(fault.match, request)) {
      const current = fault.fault;
      if (current === 'timeout') return;
      if (current === 'malformed') {
        request.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"incidents": [ {"id": ');
        return;
      }
      send({
        status: current.status,
        body:
          current.body ??
          errorBody(new Refusal(current.status, undefined, statusText(current.status))),
        headers: current.headers,
      });
      return;
    }

    const token = /^Token token=(\S+)$/.exec(headers.authorization ?? '')?.[1];
    const key = token === undefined ? undefined : keys.get(token);
    if (!token || !key) {
      send({ status: 401, body: errorBody(new Refusal(401, 2006, 'Authentication failed')) });
      return;
    }
    const budget = rateHeaders(token);
    if (budget.spent) {
      send({
        status: 429,
        headers: budget.headers,
        body: errorBody(new Refusal(429, 2020, 'Rate Limit Exceeded')),
      });
      return;
    }

    let actor = key.userId ? user(key.userId) : undefined;
    try {
      if (writeMethods.has(request.method)) {
        if (key.readOnly)
          throw new Refusal(403, 2010, 'Access Denied', ['This API key is read-only.']);
        const fromUser = state.users.find(
          (u) => u.email.toLowerCase() === (headers.from ?? '').toLowerCase(),
        );
        if (!fromUser) {
          throw new Refusal(
            400,
            2011,
            'You must specify a user\'s email address in the "From" header to perform this action',
          );
        }
        actor ??= fromUser;
        if (
          request.method !== 'DELETE' &&
          (!/^application\/json(;|$)/i.test(headers['content-type'] ?? '') ||
            typeof request.body !== 'object')
        ) {
          throw new Refusal(400, 2001, 'Invalid Input Provided', ['The body must be JSON.']);
        }
        if (held) {
          const hold = held;
          held = undefined;
          if ((await hold.arrive(request, res)) === 'drop') {
            res.destroy();
            return;
          }
        }
      }
      const answer = route(request, key, actor);
      const body =
        rewrite && answer.status < 300 && matchesRequest(rewrite.match, request)
          ? rewrite.rewrite(
              answer.body as Record<string, unknown>,
              new URLSearchParams(request.query),
            )
          : answer.body;
      send({ ...answer, body, headers: { ...budget.headers, ...answer.headers } });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      send({ status: error.status, headers: budget.headers, body: errorBody(error) });
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString()).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error), code: 2000 } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens,
    me,
    state,
    requests,
    applied,
    incident: (id) => find(state.incidents, id, 'incident'),
    issueToken,
    writes: (method, path) =>
      requests.filter(
        (r) =>
          writeMethods.has(r.method) &&
          (method === undefined || r.method === method) &&
          (path === undefined || r.path === path),
      ),
    ackCount: (incidentId) =>
      applied.filter((c) => c.kind === 'acknowledged' && c.incidentId === incidentId).length,
    setFault: (next, match = {}) => {
      fault = next ? { fault: next, match } : undefined;
    },
    rewriteAnswers: (next, match = {}) => {
      rewrite = next ? { rewrite: next, match } : undefined;
    },
    setRateLimit: (next) => {
      rateLimit = next;
      budgets.clear();
    },
    holdNextWrite: () => {
      let arrived!: (request: RecordedRequest) => void;
      let abandoned!: () => void;
      let decide!: (decision: 'apply' | 'drop') => void;
      const decision = new Promise<'apply' | 'drop'>((resolve) => (decide = resolve));
      const drop = () => decide('drop');
      pendingDecisions.add(drop);
      held = {
        arrive: (request, res) => {
          arrived(request);
          res.once('close', () => abandoned());
          return decision;
        },
      };
      return {
        arrived: new Promise<RecordedRequest>((resolve) => (arrived = resolve)),
        abandoned: new Promise<void>((resolve) => (abandoned = resolve)),
        apply: () => {
          pendingDecisions.delete(drop);
          decide('apply');
        },
        drop: () => {
          pendingDecisions.delete(drop);
          drop();
        },
      };
    },
    peakConcurrency: (token) => inFlight.get(`Token token=${token}`)?.peak ?? 0,
    overrideV3: (scheduleId, override) => {
      const schedule = find(state.schedules, scheduleId, 'schedule');
      if (schedule.api !== 'v3') throw new Error(`${scheduleId} is not a shift-based schedule`);
      const id = `Q${randomBytes(12).toString('hex').toUpperCase()}`;
      state.v3Overrides.push({
        id,
        scheduleId,
        rotationId: rotationIdOf(schedule),
        ...override,
        seq: ++overrideSeq,
      });
      return id;
    },
    calendarFeed: (scheduleId) => {
      const feed = calendarFeedOf(find(state.schedules, scheduleId, 'schedule'));
      return feed.web_cal_url ? { webcal: feed.web_cal_url, https: feed.http_cal_url } : undefined;
    },
    stop: async () => {
      held = undefined;
      for (const drop of pendingDecisions) drop();
      pendingDecisions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function errorBody(refusal: Refusal) {
  return {
    error: {
      message: refusal.message,
      ...(refusal.code === undefined ? {} : { code: refusal.code }),
      ...(Object.keys(refusal.errors).length > 0 ? { errors: refusal.errors } : {}),
    },
  };
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Invalid Input Provided',
    401: 'Authentication failed',
    402: 'Payment Required',
    403: 'Access Denied',
    404: 'Not Found',
    408: 'Request Timeout',
    429: 'Rate Limit Exceeded',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return texts[status] ?? 'Error';
}

function find<T extends { id: string }>(items: T[], id: string, what: string, status = 404): T {
  const found = items.find((item) => item.id === id);
  if (!found)
    throw new Refusal(status, 2100, status === 404 ? 'Not Found' : `No such ${what}: ${id}`);
  return found;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d+$/.test(value))
    throw new Refusal(400, 2001, 'Invalid Input Provided', [`${name} must be an integer.`]);
  return Number(value);
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new Refusal(400, 2001, 'Invalid Input Provided', [`${name} must be a time.`]);
  return at;
}

function iso(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Jane Doe (the responder) and three colleagues in three teams (Jane is in Checkout and
 * Payments, not Search), each owning one service; three services on two escalation policies;
 * a classic schedule and a shift-based (v3) one; three open incidents, one assigned to Jane,
 * one acknowledged, and one resolved.
 */
/** A fresh private feed key per fake, as PagerDuty's are per account. */
const feedKey = () => randomBytes(10).toString('hex').toUpperCase();

function defaultState(at: number): FakeState {
  const minutesAgo = (m: number) => iso(at - m * 60_000);
  const rotationStart = iso(Math.floor(at / day) * day - 7 * day);
  return {
    overrides: [],
    v3Overrides: [],
    users: [
      { id: 'PJANE01', name: 'Jane Doe', email: 'jane@example.com', role: 'user' },
      { id: 'PRAVI02', name: 'Ravi Patel', email: 'ravi@example.com', role: 'user' },
      { id: 'PMEIC03', name: 'Mei Chen', email: 'mei@example.com', role: 'limited_user' },
      // Her email contains Jane's: a substring search for Jane finds her too.
      { id: 'PMARY04', name: 'Mary-Jane Smith', email: 'mary-jane@example.com', role: 'user' },
    ],
    teams: [
      { id: 'PTEAM01', name: 'Checkout', memberIds: ['PJANE01', 'PRAVI02'] },
      { id: 'PTEAM02', name: 'Payments', memberIds: ['PMEIC03', 'PJANE01'] },
      { id: 'PTEAM03', name: 'Search', memberIds: ['PRAVI02'] },
    ],
    services: [
      { id: 'PSVC001', name: 'Checkout API', escalationPolicyId: 'PEP0001', teamId: 'PTEAM01' },
      { id: 'PSVC002', name: 'Payments worker', escalationPolicyId: 'PEP0002', teamId: 'PTEAM02' },
      { id: 'PSVC003', name: 'Search', escalationPolicyId: 'PEP0002', teamId: 'PTEAM03' },
    ],
    escalationPolicies: [
      {
        id: 'PEP0001',
        name: 'Checkout on-call',
        levels: [{ scheduleId: 'PSCHV2A' }, { scheduleId: 'PSCHV3B' }],
      },
      { id: 'PEP0002', name: 'Payments escalation', levels: [{ scheduleId: 'PSCHV3B' }] },
    ],
    schedules: [
      {
        id: 'PSCHV2A',
        name: 'Checkout primary',
        api: 'v2',
        userIds: ['PJANE01', 'PRAVI02'],
        rotationStart,
        turnHours: 12,
        feedKey: feedKey(),
      },
      {
        id: 'PSCHV3B',
        name: 'Payments follow-the-sun',
        api: 'v3',
        userIds: ['PMEIC03', 'PJANE01', 'PRAVI02'],
        rotationStart,
        turnHours: 8,
        feedKey: feedKey(),
      },
    ],
    incidents: [
      {
        id: 'PINC001',
        number: 1042,
        title: 'Checkout API 5xx rate above 5%',
        serviceId: 'PSVC001',
        escalationPolicyId: 'PEP0001',
        escalationLevel: 1,
        status: 'triggered',
        urgency: 'high',
        priority: 'P1',
        incidentKey: 'checkout-api/5xx-rate',
        createdAt: minutesAgo(6),
        updatedAt: minutesAgo(6),
        assigneeIds: ['PJANE01'],
        acknowledgements: [],
        notes: [],
      },
      {
        id: 'PINC002',
        number: 1043,
        title: 'Payments queue backlog above 10k',
        serviceId: 'PSVC002',
        escalationPolicyId: 'PEP0002',
        escalationLevel: 1,
        status: 'triggered',
        urgency: 'high',
        priority: 'P2',
        incidentKey: 'payments/backlog',
        createdAt: minutesAgo(3),
        updatedAt: minutesAgo(3),
        assigneeIds: ['PMEIC03'],
        acknowledgements: [],
        notes: [],
      },
      {
        id: 'PINC003',
        number: 1044,
        title: 'Search p99 latency above 2 s',
        serviceId: 'PSVC003',
        escalationPolicyId: 'PEP0002',
        escalationLevel: 1,
        status: 'acknowledged',
        urgency: 'low',
        incidentKey: 'search/latency-p99',
        createdAt: minutesAgo(40),
        updatedAt: minutesAgo(31),
        assigneeIds: ['PRAVI02'],
        acknowledgements: [{ userId: 'PRAVI02', at: minutesAgo(31) }],
        notes: [
          {
            id: 'PNOTE0103',
            userId: 'PRAVI02',
            content: 'Reindex running, latency should recover in ~20 min.',
            createdAt: minutesAgo(30),
          },
        ],
      },
      {
        id: 'PINC004',
        number: 1039,
        title: 'Checkout API certificate expires in 7 days',
        serviceId: 'PSVC001',
        escalationPolicyId: 'PEP0001',
        escalationLevel: 1,
        status: 'resolved',
        urgency: 'low',
        incidentKey: 'checkout-api/cert-expiry',
        createdAt: minutesAgo(26 * 60),
        updatedAt: minutesAgo(25 * 60),
        assigneeIds: [],
        acknowledgements: [],
        notes: [],
      },
    ],
  };
}
