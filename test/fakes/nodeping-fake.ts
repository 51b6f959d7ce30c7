import { exchangeFrom, type Exchange } from '../support/api-contract.js';
import { startLoopbackServer } from '../support/loopback-server.js';

/*
 * A loopback stand-in for the NodePing API 1 calls Onwatch makes, written from MONITORS.md §2:
 * the token as the Basic username, `customerid` for a sub-account, the check list as an object
 * keyed by check id, one check with its last result, and the accounts. NodePing refuses with
 * `{"error": …}`; its HTTP codes are unverified, so a test picks the status (200 included, which
 * the official client's way of detecting errors allows). Times are milliseconds. Its answers
 * validate against test/support/schemas/nodeping.schema.json.
 */

interface FakeCheck {
  _id: string;
  label: string;
  type: string;
  enable: 'active' | 'inactive';
  state: 0 | 1;
  /** Milliseconds; when the current failure began. */
  firstdown?: number;
  mute?: boolean | number;
  target: string;
  /** The last result's message and code. */
  lastresult: { m: string; sc: string; su: boolean };
}

export interface NodepingFakeOptions {
  now?: () => number;
}

export interface NodepingFake {
  /** The server's root; the API is under /api/1 (`apiUrl`). */
  url: string;
  apiUrl: string;
  token: string;
  primaryId: string;
  subAccountId: string;
  /** Checks per customer id. */
  checks: Record<string, FakeCheck[]>;
  /** Listed beside the checks as they are: entries the API does not promise. */
  oddItems: Record<string, unknown>;
  exchanges: Exchange[];
  /** Every answer is this refusal until set to null. */
  refuseWith(refusal: { status: number; error: string } | null): void;
  stop(): Promise<void>;
}

const minute = 60_000;

export async function startNodepingFake(options: NodepingFakeOptions = {}): Promise<NodepingFake> {
  const now = options.now ?? Date.now;
  const token = 'FAKENODEPINGTOKEN0123456789';
  const primaryId = '201205050153W2Q4C';
  const subAccountId = '201911191821A7ZKQ';
  const checks = sampleChecks(now(), primaryId, subAccountId);
  const oddItems: Record<string, unknown> = {};
  const exchanges: Exchange[] = [];
  let refusal: { status: number; error: string } | null = null;

  const server = await startLoopbackServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const reply = (status: number, answer: unknown) => {
      const text = JSON.stringify(answer);
      exchanges.push(exchangeFrom(req, body, status, text));
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
    };
    if (refusal) return reply(refusal.status, { error: refusal.error });
    const basic = `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
    if (req.headers.authorization !== basic) return reply(403, { error: 'Access denied' });
    const customer = url.searchParams.get('customerid') ?? primaryId;
    const own = checks[customer];
    if (!own) return reply(200, { error: `No such sub-account: ${customer}` });

    const path = url.pathname.replace(/^\/api\/1/, '');
    const one = /^\/checks\/([^/]+)$/.exec(path);
    if (req.method !== 'GET') return reply(405, { error: 'Read-only fake' });
    if (path === '/checks') {
      const listed = Object.fromEntries(own.map((c) => [c._id, view(c, customer)]));
      return reply(200, { ...listed, ...oddItems });
    }
    if (one) {
      const check = own.find((c) => c._id === decodeURIComponent(one[1]!));
      if (!check) return reply(404, { error: 'Check not found' });
      const withResult = url.searchParams.get('lastresult') === 'true';
      return reply(200, {
        ...view(check, customer),
        ...(withResult && {
          lastresult: { ...check.lastresult, s: now() - minute, e: now() - minute + 812, rt: 812 },
        }),
      });
    }
    if (path === '/accounts') {
      return reply(200, {
        [primaryId]: { _id: primaryId, type: 'primary', name: 'Acme Ops', status: 'Active' },
        [subAccountId]: {
          _id: subAccountId,
          type: 'subaccount',
          name: 'Acme Staging',
          status: 'Active',
        },
      });
    }
    reply(404, { error: 'Not found' });
  });

  function view(check: FakeCheck, customer: string) {
    return {
      _id: check._id,
      customer_id: customer,
      label: check.label,
      interval: 1,
      notifications: [],
      type: check.type,
      status: 'assigned',
      modified: now() - 30 * minute,
      enable: check.enable,
      public: false,
      parameters: { target: check.target, threshold: 5, sens: 2 },
      created: now() - 90 * 24 * 60 * minute,
      state: check.state,
      ...(check.firstdown !== undefined && { firstdown: check.firstdown }),
      ...(check.mute !== undefined && { mute: check.mute }),
    };
  }

  return {
    url: server.url,
    apiUrl: `${server.url}/api/1`,
    token,
    primaryId,
    subAccountId,
    checks,
    oddItems,
    exchanges,
    refuseWith: (next) => {
      refusal = next;
    },
    stop: () => server.stop(),
  };
}

function sampleChecks(now: number, primary: string, sub: string): Record<string, FakeCheck[]> {
  const ok = { m: '', sc: '200', su: true };
  return {
    [primary]: [
      {
        _id: `${primary}-0J2HSIRF`,
        label: 'Checkout API',
        type: 'HTTP',
        enable: 'active',
        state: 0,
        firstdown: now - 7 * minute,
        target: 'https://api.shop.example/health',
        lastresult: { m: 'Connection refused', sc: 'Error', su: false },
      },
      {
        _id: `${primary}-8H1KQ2ZP`,
        label: 'Marketing site',
        type: 'HTTP',
        enable: 'active',
        state: 1,
        target: 'https://www.shop.example/',
        lastresult: ok,
      },
      {
        _id: `${primary}-3XQ9LMVW`,
        label: 'Old VPN',
        type: 'PING',
        enable: 'inactive',
        state: 0,
        firstdown: now - 40 * 24 * 60 * minute,
        target: 'vpn.shop.example',
        lastresult: { m: 'Host unreachable', sc: 'Error', su: false },
      },
    ],
    [sub]: [
      {
        _id: `${sub}-5RT7YU2D`,
        label: 'Staging API',
        type: 'HTTP',
        enable: 'active',
        state: 0,
        firstdown: now - 3 * minute,
        mute: true,
        target: 'https://staging.shop.example/health',
        lastresult: { m: 'HTTP 503 Service Unavailable', sc: '503', su: false },
      },
    ],
  };
}
