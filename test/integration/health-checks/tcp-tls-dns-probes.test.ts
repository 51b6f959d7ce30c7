import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthCheckSchema } from '../../../electron/common/providers/health-check-schema.js';
import { systemClock } from '../../../electron/core/ports/clock.js';
import { makeProbe } from '../../../electron/core/sources/health-checks/probes/run-probe.js';
import { makeCheckCertificates, type CheckCertificates } from '../../support/check-certificates.js';
import { closeServer, listenOnLoopback, startTlsServer } from '../../support/check-servers.js';
import { startDnsStub, type DnsStub } from '../../support/dns-stub.js';
import { freeLoopbackPort } from '../../support/loopback-server.js';
import { makeTestCertificate } from '../../support/test-certificates.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** TCP, TLS and DNS checks against real servers on 127.0.0.1 (a name server stub on UDP). */

const probe = makeProbe(systemClock);
const check = (fields: Record<string, unknown>) =>
  healthCheckSchema.parse({ name: 'Test target', timeoutSeconds: 2, ...fields });

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let certs: CheckCertificates;
beforeAll(async () => {
  dir = await makeTempDir();
  certs = await makeCheckCertificates(dir.path);
});
afterAll(() => dir.remove());

describe('a TCP check', () => {
  it('passes when the port accepts, with DNS and connect timed and the address used', async () => {
    const server = createServer((socket) => socket.end());
    const port = await listenOnLoopback(server);
    try {
      const result = await probe(check({ kind: 'tcp', host: 'localhost', port }));
      expect(result).toMatchObject({ ok: true, summary: `connected to localhost:${port}` });
      expect(result.family).toMatch(/^IPv[46]$/);
      expect(result.phases.dns).toBeGreaterThan(0);
      expect(result.phases.connect).toBeGreaterThanOrEqual(0);
    } finally {
      await closeServer(server);
    }
  });

  it('fails in the connect phase on a port that refuses', async () => {
    const port = await freeLoopbackPort();
    const result = await probe(check({ kind: 'tcp', host: '127.0.0.1', port }));
    expect(result).toMatchObject({
      ok: false,
      failedPhase: 'connect',
      summary: `nothing is listening at 127.0.0.1:${port} (connection refused)`,
    });
  });
});

describe('a TLS check', () => {
  const tlsCheck = async (
    pair: { key: string; cert: string },
    fields: Record<string, unknown> = {},
  ) => {
    const server = await startTlsServer(pair);
    try {
      return await probe(
        check({
          kind: 'tls',
          host: '127.0.0.1',
          port: server.port,
          caFile: certs.caPath,
          ...fields,
        }),
      );
    } finally {
      await server.stop();
    }
  };

  it('passes for a certificate from the trusted CA, with protocol, issuer and not-after', async () => {
    const result = await tlsCheck(certs.valid);
    expect(result).toMatchObject({
      ok: true,
      tls: { protocol: 'TLSv1.3', issuer: 'Onwatch Test CA' },
    });
    expect(result.phases).toEqual(
      expect.objectContaining({ dns: 0, connect: expect.any(Number), tls: expect.any(Number) }),
    );
  });

  it('reads an expiry five days out as the earliest in the chain', async () => {
    const result = await tlsCheck(certs.expiringSoon);
    expect(result.ok).toBe(true);
    const days = (Date.parse(result.tls!.earliestNotAfter!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(5);
    expect(days).toBeLessThan(5.3);
  });

  it('fails for an expired, a self-signed and a wrong-host certificate, naming each', async () => {
    expect(await tlsCheck(certs.expired)).toMatchObject({
      ok: false,
      failedPhase: 'tls',
      tls: { authorizationError: 'CERT_HAS_EXPIRED' },
    });
    const selfSigned = await makeTestCertificate(dir.path, 'self');
    expect(await tlsCheck(selfSigned)).toMatchObject({
      ok: false,
      failedPhase: 'tls',
      tls: { authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    const wrongHost = await tlsCheck(certs.wrongHost);
    expect(wrongHost).toMatchObject({
      ok: false,
      tls: { authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    });
    expect(wrongHost.summary).toContain('sent a certificate for another host name');
  });

  it('checks the host name against the servername it is given', async () => {
    const result = await tlsCheck(certs.wrongHost, { servername: 'other.example' });
    expect(result.ok).toBe(true);
  });
});

describe('a DNS check', () => {
  let stub: DnsStub;
  beforeAll(async () => {
    stub = await startDnsStub({
      'api.onwatch.test': { addresses: ['10.0.0.7', '10.0.0.8'] },
      'slow.onwatch.test': { addresses: ['10.0.0.9'], delayMs: 1500 },
      'broken.onwatch.test': { rcode: 2 },
    });
  });
  afterAll(() => stub.stop());
  const dnsCheck = (fields: Record<string, unknown>) =>
    check({ kind: 'dns', resolver: stub.address, ...fields });

  it('passes when the resolver answers exactly the expected set, queried as a FQDN', async () => {
    const result = await probe(
      dnsCheck({ query: 'api.onwatch.test', expectAnswers: ['10.0.0.8', '10.0.0.7'] }),
    );
    expect(result).toMatchObject({ ok: true, dns: { answers: ['10.0.0.7', '10.0.0.8'] } });
    expect(result.phases.dns).toBeGreaterThan(0);
    expect(stub.queries).toContain('api.onwatch.test');
  });

  it('fails on a wrong answer, NXDOMAIN and SERVFAIL, in words', async () => {
    expect(
      await probe(dnsCheck({ query: 'api.onwatch.test', expectAnswers: ['10.0.0.1'] })),
    ).toMatchObject({
      ok: false,
      failedPhase: 'expectation',
      summary: 'answered 10.0.0.7, 10.0.0.8, expected 10.0.0.1',
    });
    expect(await probe(dnsCheck({ query: 'missing.onwatch.test' }))).toMatchObject({
      ok: false,
      failedPhase: 'dns',
      summary: 'missing.onwatch.test A: no such name (NXDOMAIN)',
    });
    expect(await probe(dnsCheck({ query: 'broken.onwatch.test' }))).toMatchObject({
      ok: false,
      summary: 'broken.onwatch.test A: the name server failed to answer (SERVFAIL)',
    });
  });

  it('names DNS as the slow phase when the server answers after the deadline', async () => {
    const result = await probe(dnsCheck({ query: 'slow.onwatch.test', timeoutSeconds: 1 }));
    expect(result).toMatchObject({ ok: false, failedPhase: 'dns' });
    expect(result.summary).toContain('stuck in DNS');
    expect(result.phases.dns).toBeGreaterThanOrEqual(990);
  });

  it('passes a slow answer within the deadline, with the time it took', async () => {
    const result = await probe(dnsCheck({ query: 'slow.onwatch.test', timeoutSeconds: 3 }));
    expect(result.ok).toBe(true);
    expect(result.phases.dns).toBeGreaterThanOrEqual(1400);
  });
});
