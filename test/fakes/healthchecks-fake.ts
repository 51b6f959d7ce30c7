import { exchangeFrom, type Exchange } from '../support/api-contract.js';
import { startLoopbackServer } from '../support/loopback-server.js';

/*
 * A loopback stand-in for the Healthchecks.io Management API v3 calls Onwatch makes, written
 * from PROVIDERS.md §6 and HEALTH-CHECKS.md §4.5: project keys in X-Api-Key (read-write `hcw_`,
 * read-only `hcr_`, each 32 characters; any other key is a 401), the check list with its `tag`
 * filter (every tag must match), pausing a check (read-write keys only), the read-only view (no uuid or *_url fields, a `unique_key`
 * instead), a check's logged pings and a ping's body as plain text (read-write keys only: both
 * need the uuid), and the 100-requests-a-minute limit answered with 429. Checks change status as a
 * test says. Its answers validate against test/support/schemas/healthchecks.schema.json.
 */

type FakeStatus = 'new' | 'up' | 'grace' | 'down' | 'paused';

interface FakeCheck {
  uuid: string;
  /** What a read-only key sees instead of the uuid (Healthchecks.io derives it by SHA-1). */
  uniqueKey: string;
  name: string;
  slug: string;
  tags: string;
  desc: string;
  grace: number;
  nPings: number;
  status: FakeStatus;
  started: boolean;
  lastPing: string | null;
  nextPing: string | null;
  timing: { timeout: number } | { schedule: string; tz: string };
  /** Logged pings, newest first; `body` is what the job sent, if anything. */
  pings: FakePing[];
}

interface FakePing {
  type: 'success' | 'fail' | 'start' | 'log' | 'ign';
  n: number;
  date: string;
  body?: string;
}

export interface HealthchecksFakeOptions {
  /** Requests per rolling minute before 429; 100 like the hosted service. */
  rateLimitPerMinute?: number;
  now?: () => number;
}

export interface HealthchecksFake {
  url: string;
  keys: { readWrite: string; readOnly: string };
  checks: FakeCheck[];
  /** Listed after the checks as they are: items the API's shape does not promise. */
  oddItems: unknown[];
  exchanges: Exchange[];
  /** Every answer is this status (with Healthchecks.io's error body) until set to null. */
  failWith(status: number | null): void;
  /** Revokes a key: it is answered 401 from now on. */
  revoke(key: string): void;
  stop(): Promise<void>;
}

const minute = 60_000;

export async function startHealthchecksFake(
  options: HealthchecksFakeOptions = {},
): Promise<HealthchecksFake> {
  const now = options.now ?? Date.now;
  const limit = options.rateLimitPerMinute ?? 100;
  const keys = {
    readWrite: 'hcw_fakeReadWriteKey0123456789ab',
    readOnly: 'hcr_fakeReadOnlyKey01234567890ab',
  };
  const revoked = new Set<string>();
  const checks = sampleChecks(now());
  const oddItems: unknown[] = [];
  const exchanges: Exchange[] = [];
  const calls: number[] = [];
  let failure: number | null = null;

  const server = await startLoopbackServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const reply = (status: number, answer: unknown) => {
      const text = JSON.stringify(answer);
      exchanges.push(exchangeFrom(req, body, status, text));
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
    };
    if (failure !== null) return reply(failure, { error: `injected ${failure}` });
    const key = req.headers['x-api-key'];
    const readOnly = key === keys.readOnly;
    if (typeof key !== 'string' || key.length !== 32)
      return reply(401, { error: 'missing api key' });
    if (revoked.has(key) || (!readOnly && key !== keys.readWrite)) {
      return reply(401, { error: 'wrong api key' });
    }
    const at = now();
    while (calls.length > 0 && calls[0]! + minute <= at) calls.shift();
    if (calls.length >= limit) return reply(429, { error: 'rate limit exceeded' });
    calls.push(at);

    if (req.method === 'GET' && url.pathname === '/api/v3/checks/') {
      const wanted = url.searchParams.getAll('tag');
      const listed = checks.filter((c) => wanted.every((tag) => c.tags.split(' ').includes(tag)));
      const views = listed.map((c) => view(c, readOnly, server.url));
      return reply(200, { checks: [...views, ...oddItems] });
    }
    const pause = /^\/api\/v3\/checks\/([^/]+)\/pause$/.exec(url.pathname);
    if (req.method === 'POST' && pause) {
      // A read-only key is a wrong key for every write endpoint.
      if (readOnly) return reply(401, { error: 'wrong api key' });
      const check = checks.find((c) => c.uuid === decodeURIComponent(pause[1]!));
      if (!check) return reply(404, { error: 'check not found' });
      check.status = 'paused';
      check.nextPing = null;
      return reply(200, view(check, false, server.url));
    }
    const pings = /^\/api\/v3\/checks\/([^/]+)\/pings\/(?:(\d+)\/body)?$/.exec(url.pathname);
    if (req.method === 'GET' && pings) {
      if (readOnly) return reply(401, { error: 'wrong api key' });
      const check = checks.find((c) => c.uuid === decodeURIComponent(pings[1]!));
      if (!check) return reply(404, { error: 'check not found' });
      if (pings[2] === undefined) return reply(200, { pings: check.pings.map(pingView) });
      const ping = check.pings.find((p) => p.n === Number(pings[2]));
      if (ping?.body === undefined) return reply(404, { error: 'ping not found' });
      exchanges.push(exchangeFrom(req, body, 200, ping.body));
      return res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(ping.body);
    }
    reply(404, { error: 'not found' });
  });

  return {
    url: server.url,
    keys,
    checks,
    oddItems,
    exchanges,
    failWith: (status) => {
      failure = status;
    },
    revoke: (key) => revoked.add(key),
    stop: () => server.stop(),
  };
}

/** A ping as the API lists it: how it came, never its body (that is a call of its own). */
function pingView(ping: FakePing): Record<string, unknown> {
  return {
    type: ping.type,
    date: ping.date,
    n: ping.n,
    scheme: 'https',
    remote_addr: '192.0.2.10',
    method: 'POST',
    ua: 'curl/8.5.0',
    ...(ping.type !== 'start' && { duration: 12.5 }),
  };
}

/** A check as the API lists it, for a read-write or a read-only key. */
function view(check: FakeCheck, readOnly: boolean, site: string): Record<string, unknown> {
  const common = {
    name: check.name,
    slug: check.slug,
    tags: check.tags,
    desc: check.desc,
    grace: check.grace,
    n_pings: check.nPings,
    status: check.status,
    started: check.started,
    last_ping: check.lastPing,
    next_ping: check.nextPing,
    manual_resume: false,
    methods: '',
    subject: '',
    subject_fail: '',
    start_kw: '',
    success_kw: '',
    failure_kw: '',
    filter_subject: false,
    filter_body: false,
    last_duration: 0,
    ...check.timing,
  };
  if (readOnly) return { ...common, unique_key: check.uniqueKey };
  const api = `${site}/api/v3/checks/${check.uuid}`;
  return {
    ...common,
    uuid: check.uuid,
    ping_url: `${site}/ping/${check.uuid}`,
    update_url: api,
    pause_url: `${api}/pause`,
    resume_url: `${api}/resume`,
    channels: '',
  };
}

function sampleChecks(start: number): FakeCheck[] {
  const iso = (minutesAgo: number) =>
    new Date(start - minutesAgo * minute).toISOString().replace('Z', '+00:00');
  const base = { desc: '', started: false, nPings: 12, pings: [] as FakePing[] };
  return [
    {
      ...base,
      uuid: '31365bce-8da9-4729-8ff3-aaa71d56b712',
      uniqueKey: 'a6c7b0a8a66bed0df66abfdab3c77736861703ee',
      name: 'Filesystem backup',
      slug: 'filesystem-backup',
      tags: 'prod backups',
      grace: 600,
      status: 'up',
      lastPing: iso(10),
      nextPing: iso(-50),
      timing: { timeout: 3600 },
    },
    {
      ...base,
      uuid: '803f680d-e89b-492b-82ef-2be7b774a92d',
      uniqueKey: '124f983e0e3dcaeba921cfcef46efd084576e783',
      name: 'Database backup',
      slug: 'database-backup',
      tags: 'prod db backups',
      desc: 'Runs ~/db-backup.sh',
      grace: 1200,
      status: 'down',
      lastPing: iso(26 * 60),
      nextPing: null,
      timing: { schedule: '15 5 * * *', tz: 'Europe/Riga' },
      pings: [
        {
          type: 'fail',
          n: 12,
          date: iso(26 * 60),
          body: 'pg_dump: error: connection to server at "db-1" failed: FATAL: too many connections\nbackup aborted\n',
        },
        { type: 'start', n: 11, date: iso(26 * 60 + 1) },
        { type: 'success', n: 10, date: iso(50 * 60), body: 'backup ok: 2.1 GB' },
      ],
    },
    {
      ...base,
      uuid: 'f618072a-7bde-4eee-af63-71a77c5723bc',
      uniqueKey: '0f6a6d3c2b1e4a5f8c9d7e6b5a4c3d2e1f0a9b8c',
      name: 'Invoice run',
      slug: 'invoice-run',
      tags: 'prod billing',
      grace: 300,
      status: 'grace',
      lastPing: iso(65),
      nextPing: iso(5),
      timing: { timeout: 3600 },
    },
    {
      ...base,
      uuid: '0c8983c9-9d73-446f-adb5-0641fdacc9d4',
      uniqueKey: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
      name: 'Staging smoke test',
      slug: 'staging-smoke',
      tags: 'staging',
      grace: 60,
      status: 'paused',
      lastPing: iso(3000),
      nextPing: null,
      timing: { timeout: 900 },
    },
    {
      ...base,
      uuid: '5b2c7e1a-4d3f-4b8e-9a6c-2f1e0d9c8b7a',
      uniqueKey: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      name: 'New report job',
      slug: 'report-job',
      tags: 'prod',
      grace: 3600,
      nPings: 0,
      status: 'new',
      lastPing: null,
      nextPing: null,
      timing: { timeout: 86400 },
    },
  ];
}
