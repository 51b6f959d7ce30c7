import { exchangeFrom, type Exchange } from '../support/api-contract.js';
import { startLoopbackServer } from '../support/loopback-server.js';

/*
 * A loopback stand-in for the Pingdom API 3.1 calls Onwatch makes, written from MONITORS.md §1:
 * Bearer tokens, the check list with its `tags` filter, a check's newest down result, the
 * maintenance windows and their occurrences, the contacts (the owner names the account), and
 * the two request budgets in `Req-Limit-Short`/`Req-Limit-Long` on every answer, a 429 once the
 * short one is spent. Times are UNIX seconds. Its 200 answers validate against the vendor's
 * OpenAPI file; its refusals against the error shape that file's description gives.
 */

type FakeStatus = 'up' | 'down' | 'unconfirmed_down' | 'unknown' | 'paused';

interface FakeCheck {
  id: number;
  name: string;
  hostname: string;
  type: string;
  status: FakeStatus;
  tags: string[];
  /** UNIX seconds. */
  lastdownstart: number;
  /** The newest down result's words. */
  error?: { short: string; long: string };
}

interface FakeMaintenance {
  id: number;
  description: string;
  /** UNIX seconds. */
  from: number;
  to: number;
  checks: number[];
}

export interface PingdomFakeOptions {
  /** Requests in the short budget's window (an hour) before 429. */
  shortLimit?: number;
  now?: () => number;
}

export interface PingdomFake {
  /** The API root, e.g. http://127.0.0.1:1234/api/3.1 */
  apiUrl: string;
  token: string;
  checks: FakeCheck[];
  maintenance: FakeMaintenance[];
  /** Listed after the checks as they are: items the spec does not promise. */
  oddItems: unknown[];
  exchanges: Exchange[];
  revoke(): void;
  stop(): Promise<void>;
}

const hourSeconds = 3600;
const monthSeconds = 30 * 24 * hourSeconds;

export async function startPingdomFake(options: PingdomFakeOptions = {}): Promise<PingdomFake> {
  const now = () => Math.floor((options.now ?? Date.now)() / 1000);
  const shortLimit = options.shortLimit ?? 500;
  const token = 'fake-pingdom-token-Zx81Qw';
  const started = now();
  const checks = sampleChecks(started);
  const maintenance: FakeMaintenance[] = [];
  const oddItems: unknown[] = [];
  const exchanges: Exchange[] = [];
  let spent = 0;
  let window = 0;
  let revoked = false;

  const server = await startLoopbackServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const at = now();
    const hour = Math.floor((at - started) / hourSeconds);
    if (hour !== window) [window, spent] = [hour, 0];
    const remaining = Math.max(0, shortLimit - spent);
    const shortReset = hourSeconds - ((at - started) % hourSeconds);
    const reply = (status: number, answer: unknown) => {
      const text = JSON.stringify(answer);
      exchanges.push(exchangeFrom(req, body, status, text));
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Req-Limit-Short': `Remaining: ${remaining} Time until reset: ${shortReset}`,
        'Req-Limit-Long': `Remaining: ${99_000 - spent} Time until reset: ${monthSeconds}`,
      });
      res.end(text);
    };
    const refuse = (status: number, statusdesc: string, errormessage: string) =>
      reply(status, { error: { statuscode: status, statusdesc, errormessage } });
    if (revoked || req.headers.authorization !== `Bearer ${token}`) {
      return refuse(401, 'Unauthorized', 'Invalid identification');
    }
    if (remaining === 0)
      return refuse(429, 'Too Many Requests', 'Request limit exceeded, try again later');
    spent++;

    const path = url.pathname.replace(/^\/api\/3\.1/, '');
    const results = /^\/results\/(\d+)$/.exec(path);
    if (req.method !== 'GET') return refuse(405, 'Method Not Allowed', 'Read-only fake');
    if (path === '/checks') return reply(200, listChecks(url.searchParams));
    if (results) return reply(200, resultsOf(Number(results[1]), url.searchParams));
    if (path === '/maintenance.occurrences') return reply(200, occurrences(url.searchParams));
    if (path === '/maintenance') {
      return reply(200, {
        maintenance: maintenance.map((m) => ({
          id: m.id,
          description: m.description,
          from: m.from,
          to: m.to,
          recurrencetype: 'none',
          repeatevery: 0,
          effectiveto: m.to,
          checks: { uptime: m.checks, tms: [] },
        })),
      });
    }
    if (path === '/alerting/contacts') {
      return reply(200, {
        contacts: [
          { id: 1, name: 'Dana Ops', paused: false, type: 'user', owner: true, teams: [] },
          { id: 2, name: 'On-call pager', paused: false, type: 'contact', teams: [] },
        ],
      });
    }
    refuse(404, 'Not Found', 'No such resource');
  });

  function listChecks(query: URLSearchParams) {
    const wanted = (query.get('tags') ?? '').split(',').filter(Boolean);
    const listed = checks.filter(
      (c) => wanted.length === 0 || c.tags.some((t) => wanted.includes(t)),
    );
    return {
      checks: [
        ...listed.map((c) => ({
          id: c.id,
          created: started - monthSeconds,
          name: c.name,
          hostname: c.hostname,
          resolution: 1,
          type: c.type,
          ipv6: false,
          verify_certificate: true,
          lasterrortime: c.lastdownstart,
          lasttesttime: now() - 20,
          lastresponsetime: c.status === 'down' ? 0 : 212,
          lastdownstart: c.lastdownstart,
          // During a downtime lastdownend is lasttesttime (MONITORS.md §1).
          lastdownend: c.status === 'down' ? now() - 20 : c.lastdownstart + 300,
          status: c.status,
          ...(query.get('include_tags') === 'true' && {
            tags: c.tags.map((name) => ({ name, type: 'u', count: 1 })),
          }),
        })),
        ...oddItems,
      ],
      counts: { total: checks.length, limited: listed.length, filtered: listed.length },
    };
  }

  function resultsOf(id: number, query: URLSearchParams) {
    const check = checks.find((c) => c.id === id);
    const wantsDown = (query.get('status') ?? 'down').split(',').includes('down');
    const results =
      check?.error && wantsDown
        ? [
            {
              probeid: 33,
              time: now() - 20,
              status: 'down',
              responsetime: 0,
              statusdesc: check.error.short,
              statusdesclong: check.error.long,
            },
          ]
        : [];
    return { results: results.slice(0, Number(query.get('limit') ?? 1000)), activeprobes: [33] };
  }

  function occurrences(query: URLSearchParams) {
    const from = Number(query.get('from') ?? now());
    const to = Number(query.get('to') ?? from);
    return {
      occurrences: maintenance
        .filter((m) => m.from <= to && m.to >= from)
        .map((m) => ({ id: m.id * 10, maintenanceid: m.id, from: m.from, to: m.to })),
    };
  }

  return {
    apiUrl: `${server.url}/api/3.1`,
    token,
    checks,
    maintenance,
    oddItems,
    exchanges,
    revoke: () => {
      revoked = true;
    },
    stop: () => server.stop(),
  };
}

function sampleChecks(now: number): FakeCheck[] {
  return [
    {
      id: 85975,
      name: 'Checkout API',
      hostname: 'api.shop.example',
      type: 'http',
      status: 'down',
      tags: ['production', 'checkout'],
      lastdownstart: now - 540,
      error: { short: 'Timeout (> 30s)', long: 'Connection timed out after 30 seconds' },
    },
    {
      id: 161748,
      name: 'Marketing site',
      hostname: 'www.shop.example',
      type: 'http',
      status: 'up',
      tags: ['production'],
      lastdownstart: now - 86_400,
    },
    {
      id: 208655,
      name: 'Mail relay',
      hostname: 'smtp.shop.example',
      type: 'smtp',
      status: 'unconfirmed_down',
      tags: ['production'],
      lastdownstart: now - 40,
    },
    {
      id: 259922,
      name: 'Legacy FTP',
      hostname: 'ftp.shop.example',
      type: 'tcp',
      status: 'paused',
      tags: [],
      lastdownstart: 0,
    },
    {
      id: 302311,
      name: 'Status page',
      hostname: 'status.shop.example',
      type: 'http',
      status: 'unknown',
      tags: ['staging'],
      lastdownstart: 0,
    },
  ];
}
