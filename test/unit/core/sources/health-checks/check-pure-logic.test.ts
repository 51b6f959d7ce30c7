import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthChecksSourceConfigSchema } from '../../../../../electron/common/providers/health-checks.js';
import { certificateExpiry } from '../../../../../electron/core/sources/health-checks/certificate-expiry.js';
import {
  bodyMismatch,
  readJsonPath,
  statusAccepted,
} from '../../../../../electron/core/sources/health-checks/probes/http-expectations.js';
import { wrongAnswers } from '../../../../../electron/core/sources/health-checks/probes/dns-probe.js';
import {
  resolverSetup,
  searchDelayText,
} from '../../../../../electron/core/sources/health-checks/probes/search-delay.js';

describe('expected statuses', () => {
  it('takes codes, classes and ranges', () => {
    expect(statusAccepted(204, ['2xx'])).toBe(true);
    expect(statusAccepted(301, ['2xx'])).toBe(false);
    expect(statusAccepted(301, [200, '301-302'])).toBe(true);
    expect(statusAccepted(303, [200, '301-302'])).toBe(false);
    expect(statusAccepted(200, ['200'])).toBe(true);
  });
});

describe('body expectations', () => {
  it('reads JSON paths with keys and indexes, and tells absent from null', () => {
    const doc = { a: { b: [{ c: null }, { c: 2 }] } };
    expect(readJsonPath(doc, '$.a.b[1].c')).toEqual({ present: true, value: 2 });
    expect(readJsonPath(doc, 'a.b[0].c')).toEqual({ present: true, value: null });
    expect(readJsonPath(doc, 'a.b[2].c')).toEqual({ present: false });
    expect(readJsonPath(doc, 'a.x')).toEqual({ present: false });
  });

  it('says what is wrong, in words', () => {
    expect(
      bodyMismatch('{"status":"ok"}', { json: { path: 'status', equals: 'ok' } }),
    ).toBeUndefined();
    expect(bodyMismatch('<html>', { json: { path: 'status', equals: 'ok' } })).toBe(
      'the body is not JSON, so status cannot be read',
    );
    expect(bodyMismatch('{}', { json: { path: '$.status', equals: 'ok' } })).toBe(
      'the body has no $.status',
    );
    expect(bodyMismatch('all good', { bodyContains: 'good', bodyMatches: '^all' })).toBeUndefined();
  });
});

describe('DNS answers', () => {
  it('compare as sets, case and trailing dot aside', () => {
    expect(wrongAnswers(['B.example.', 'a.example'], ['a.example.', 'b.example'])).toBeUndefined();
    expect(wrongAnswers([], undefined)).toBe('no answers');
    expect(wrongAnswers(['10.0.0.1'], ['10.0.0.2'])).toBe('answered 10.0.0.1, expected 10.0.0.2');
  });
});

describe('search-domain delay', () => {
  it('is reported only when the system lookup is both slow and far slower than direct', () => {
    expect(searchDelayText(3, 10_000, 12_000)).toBe(
      'search-domain/ndots delay: 10.0 s in the system resolver, 3.0 ms direct',
    );
    expect(searchDelayText(3, undefined, 5000)).toBe(
      'search-domain/ndots delay: over 5.0 s in the system resolver, 3.0 ms direct',
    );
    // Slow everywhere: the name server, not the search list.
    expect(searchDelayText(900, 2000, 5000)).toBeUndefined();
    // Ten times slower but quick: noise.
    expect(searchDelayText(2, 300, 5000)).toBeUndefined();
  });

  it('shows the search, domain and options lines of resolv.conf', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onwatch-resolv-'));
    const path = join(dir, 'resolv.conf');
    await writeFile(
      path,
      '# k8s\nnameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local\noptions ndots:5\n',
    );
    expect(await resolverSetup(path)).toEqual([
      'search shop.svc.cluster.local svc.cluster.local',
      'options ndots:5',
    ]);
    expect(await resolverSetup(join(dir, 'missing'))).toEqual([
      `(${join(dir, 'missing')} could not be read)`,
    ]);
  });
});

describe('certificate expiry', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  const thresholds = { warnDays: 14, criticalDays: 3 };
  it('is quiet beyond 14 days, low urgency within, high within 3 and once expired', () => {
    expect(certificateExpiry('2026-12-30T10:00:00Z', now, thresholds)).toEqual({ daysLeft: 28 });
    expect(certificateExpiry('2026-12-12T10:00:00Z', now, thresholds)).toEqual({
      daysLeft: 10,
      urgency: 'low',
    });
    expect(certificateExpiry('2026-12-05T09:00:00Z', now, thresholds)).toEqual({
      daysLeft: 2,
      urgency: 'high',
    });
    expect(certificateExpiry('2026-12-01T10:00:00Z', now, thresholds)).toEqual({
      daysLeft: -1,
      urgency: 'high',
    });
  });
});

describe('the check schema', () => {
  const parse = (check: Record<string, unknown>) =>
    healthChecksSourceConfigSchema.safeParse({
      kind: 'health-checks',
      id: 'c',
      name: 'C',
      checks: [check],
    });

  it('fills in the defaults an on-call engineer expects', () => {
    const parsed = parse({ kind: 'http', name: 'API', url: 'https://api.example.com/health' });
    expect(parsed.data).toMatchObject({
      pollIntervalSeconds: 5,
      flap: { failAfter: 3, recoverAfter: 2, retryEverySeconds: 10 },
      checks: [
        {
          method: 'GET',
          expectStatus: ['2xx'],
          followRedirects: true,
          intervalSeconds: 30,
          timeoutSeconds: 10,
          urgency: 'high',
          certExpiry: { warnDays: 14, criticalDays: 3 },
        },
      ],
    });
  });

  it('refuses what cannot be probed, saying what it wants', () => {
    const message = (check: Record<string, unknown>) => parse(check).error?.issues[0]?.message;
    expect(message({ kind: 'tcp', name: 'DB', host: 'db:5432', port: 5432 })).toBe(
      'a host name or address, without a port',
    );
    expect(message({ kind: 'dns', name: 'N', query: 'api.example.com', resolver: 'cafe' })).toMatch(
      /^an IP address/,
    );
    expect(message({ kind: 'http', name: 'A', url: 'https://a.test', bodyMatches: '(' })).toBe(
      'not a valid regular expression',
    );
    expect(message({ kind: 'http', name: 'A', url: 'https://a.test', expectStatus: ['2x'] })).toBe(
      'a status such as 200, 2xx or 200-204',
    );
    expect(
      message({
        kind: 'tls',
        name: 'T',
        host: 'a.test',
        certExpiry: { warnDays: 3, criticalDays: 7 },
      }),
    ).toBe('critical days must be fewer than warn days');
  });

  it('refuses two checks whose names make one id', () => {
    const parsed = healthChecksSourceConfigSchema.safeParse({
      kind: 'health-checks',
      id: 'c',
      name: 'C',
      checks: [
        { kind: 'tcp', name: 'DB port', host: 'db', port: 5432 },
        { kind: 'tcp', name: 'db-port', host: 'db', port: 5433 },
      ],
    });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['checks', 1, 'name'],
      message: 'check names must differ: "db-port" and "DB port" are one name',
    });
  });
});
