import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthCheckSchema } from '../../../electron/common/providers/health-check-schema.js';
import { systemClock } from '../../../electron/core/ports/clock.js';
import { makeProbe } from '../../../electron/core/sources/health-checks/probes/run-probe.js';
import { makeCheckCertificates, type CheckCertificates } from '../../support/check-certificates.js';
import { closeServer, listenOnLoopback, startTlsServer } from '../../support/check-servers.js';
import { freeLoopbackPort } from '../../support/loopback-server.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** HTTP(S) checks against real servers on 127.0.0.1: each phase, each verdict, each certificate. */

const probe = makeProbe(systemClock);
const httpCheck = (fields: Record<string, unknown>) =>
  healthCheckSchema.parse({ kind: 'http', name: 'Test endpoint', timeoutSeconds: 2, ...fields });

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok':
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }] }));
      case '/slow-first-byte':
        return void setTimeout(() => res.end('late'), 300);
      case '/never':
        return;
      case '/unavailable':
        res.statusCode = 503;
        return res.end('down for maintenance');
      case '/redirect':
        res.writeHead(302, { location: '/ok' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/echo-header':
        return res.end(String(req.headers['x-probe'] ?? ''));
      default:
        res.statusCode = 404;
        return res.end();
    }
  });
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});
afterAll(() => closeServer(server));

describe('an HTTP check', () => {
  it('passes with every phase stamped, the address used, and a JSON path that holds', async () => {
    const result = await probe(
      httpCheck({ url: `${base}/ok`, json: { path: '$.checks[0].ok', equals: true } }),
    );
    expect(result).toMatchObject({
      ok: true,
      summary: 'HTTP 200',
      status: 200,
      address: '127.0.0.1',
      family: 'IPv4',
    });
    expect(Object.keys(result.phases).sort()).toEqual([
      'connect',
      'dns',
      'download',
      'total',
      'ttfb',
    ]);
    // An address literal needs no lookup.
    expect(result.phases.dns).toBe(0);
    const sum = result.phases.connect! + result.phases.ttfb! + result.phases.download!;
    expect(result.phases.total).toBeGreaterThanOrEqual(sum - 0.5);
  });

  it('names waiting for the first byte as the slow phase', async () => {
    const result = await probe(httpCheck({ url: `${base}/slow-first-byte` }));
    expect(result.ok).toBe(true);
    expect(result.phases.ttfb).toBeGreaterThanOrEqual(290);
    expect(result.phases.connect).toBeLessThan(100);
  });

  it('gives up at its deadline, in the phase it was stuck in', async () => {
    const result = await probe(httpCheck({ url: `${base}/never`, timeoutSeconds: 1 }));
    expect(result).toMatchObject({
      ok: false,
      failedPhase: 'ttfb',
      summary: 'no answer within 1.0 s (stuck in waiting for the first byte)',
    });
    expect(result.phases.total).toBeGreaterThanOrEqual(990);
  });

  it('fails on a status it does not expect, and passes on one it does', async () => {
    const unavailable = await probe(httpCheck({ url: `${base}/unavailable` }));
    expect(unavailable).toMatchObject({
      ok: false,
      status: 503,
      failedPhase: 'expectation',
      summary: 'expected status 2xx, got 503',
    });
    const expected = await probe(
      httpCheck({ url: `${base}/unavailable`, expectStatus: ['500-503'] }),
    );
    expect(expected.ok).toBe(true);
  });

  it('fails when the body does not contain, match, or hold the JSON value asked for', async () => {
    const cases = [
      [{ bodyContains: 'healthy' }, 'the body does not contain "healthy"'],
      [{ bodyMatches: '"status":\\s*"green"' }, 'the body does not match /"status":\\s*"green"/'],
      [{ json: { path: 'status', equals: 'degraded' } }, 'status is "ok", expected "degraded"'],
    ] as const;
    for (const [expectation, summary] of cases) {
      const result = await probe(httpCheck({ url: `${base}/ok`, ...expectation }));
      expect(result).toMatchObject({ ok: false, failedPhase: 'expectation', summary });
    }
  });

  it('follows a redirect on a fresh connection, adding up both requests’ phases', async () => {
    const followed = await probe(httpCheck({ url: `${base}/redirect` }));
    expect(followed).toMatchObject({
      ok: true,
      status: 200,
      summary: 'HTTP 200 after 1 redirect(s)',
    });
    const notFollowed = await probe(
      httpCheck({ url: `${base}/redirect`, followRedirects: false, expectStatus: [302] }),
    );
    expect(notFollowed).toMatchObject({ ok: true, status: 302 });
    const endless = await probe(httpCheck({ url: `${base}/loop` }));
    expect(endless).toMatchObject({ ok: false, summary: 'more than 5 redirects' });
  });

  it('sends the configured method and headers', async () => {
    const result = await probe(
      httpCheck({
        url: `${base}/echo-header`,
        headers: { 'x-probe': 'onwatch' },
        bodyContains: 'onwatch',
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('fails in the connect phase when nothing listens', async () => {
    const port = await freeLoopbackPort();
    const result = await probe(httpCheck({ url: `http://127.0.0.1:${port}/` }));
    expect(result).toMatchObject({
      ok: false,
      failedPhase: 'connect',
      summary: `nothing is listening at 127.0.0.1:${port} (connection refused)`,
    });
  });

  it('fails in the DNS phase for a name that does not exist', async () => {
    const result = await probe(httpCheck({ url: 'http://no-such-host.invalid/' }));
    expect(result).toMatchObject({ ok: false, failedPhase: 'dns' });
    // Answered at once where DNS is reachable; where it is not, the deadline names the phase.
    expect(result.summary).toMatch(/cannot resolve no-such-host\.invalid|stuck in DNS/);
  });
});

describe('an HTTPS check', () => {
  let certs: CheckCertificates;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    certs = await makeCheckCertificates(dir.path);
  });
  afterAll(() => dir.remove());

  it('passes against a certificate from a CA it is told to trust, with TLS facts', async () => {
    const server = await startTlsServer(certs.valid);
    try {
      const result = await probe(
        httpCheck({ url: `https://127.0.0.1:${server.port}/`, caFile: certs.caPath }),
      );
      expect(result).toMatchObject({ ok: true, status: 200 });
      expect(result.tls).toMatchObject({ protocol: 'TLSv1.3', issuer: 'Onwatch Test CA' });
      expect(result.tls?.authorizationError).toBeUndefined();
      expect(result.phases.tls).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('fails in the TLS phase without that CA, yet still reads the expiry', async () => {
    const server = await startTlsServer(certs.valid);
    try {
      const result = await probe(httpCheck({ url: `https://127.0.0.1:${server.port}/` }));
      expect(result).toMatchObject({
        ok: false,
        failedPhase: 'tls',
        tls: { authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      });
      expect(Date.parse(result.tls!.notAfter!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    } finally {
      await server.stop();
    }
  });
});
