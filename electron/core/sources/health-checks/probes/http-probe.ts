import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { HttpCheck } from '../../../../common/providers/health-check-schema.js';
import { networkFailureText } from '../../network-failure.js';
import { bodyMismatch, statusAccepted } from './http-expectations.js';
import { PhaseTimer } from './phase-timer.js';
import type { PhaseTimings, ProbeContext, ProbePhase, ProbeResult } from './probe-result.js';
import {
  bare,
  certificateProblem,
  failure,
  peerOf,
  settleOnce,
  skipDnsForAddress,
  timedLookup,
  timedOut,
  tlsFactsOf,
  trustedAuthorities,
} from './socket-events.js';

/** Redirects followed at most; each is a fresh connection on the same deadline. */
const maxRedirects = 5;
/** Enough of a body to test what a health endpoint says; the rest is read and dropped. */
const maxBodyBytes = 1024 * 1024;

/**
 * One HTTP(S) check: a fresh socket per request (no agent, no keep-alive), its phases stamped
 * from socket events, redirects followed as new requests with their phases added up.
 */
export async function probeHttp(check: HttpCheck, ctx: ProbeContext): Promise<ProbeResult> {
  let ca: string[] | undefined;
  try {
    ca = await trustedAuthorities(check.caFile);
  } catch (error) {
    return {
      ok: false,
      summary: (error as Error).message,
      failedPhase: 'tls',
      phases: { total: 0 },
    };
  }
  const started = ctx.now();
  const hops: ProbeResult[] = [];
  let url = new URL(check.url);
  for (;;) {
    const hop = await requestOnce(url, check, ctx, ca);
    hops.push(hop.result);
    const next = hop.location && check.followRedirects ? new URL(hop.location, url) : undefined;
    if (!next || !hop.result.ok) break;
    if (hops.length > maxRedirects) {
      return finalResult(hops, started, ctx, {
        ok: false,
        summary: `more than ${maxRedirects} redirects`,
        failedPhase: 'expectation',
      });
    }
    url = next;
  }
  return finalResult(hops, started, ctx);
}

/** The last hop's verdict, with every hop's phases added up and the whole probe's total. */
function finalResult(
  hops: ProbeResult[],
  started: number,
  ctx: ProbeContext,
  verdict: Partial<ProbeResult> = {},
): ProbeResult {
  const last = hops.at(-1)!;
  const phases: PhaseTimings = { total: Math.round((ctx.now() - started) * 10) / 10 };
  for (const hop of hops) {
    for (const [phase, ms] of Object.entries(hop.phases) as [ProbePhase | 'total', number][]) {
      if (phase !== 'total') phases[phase] = Math.round(((phases[phase] ?? 0) + ms) * 10) / 10;
    }
  }
  const summary =
    hops.length > 1 && !verdict.summary
      ? `${last.summary} after ${hops.length - 1} redirect(s)`
      : last.summary;
  return { ...last, summary, ...verdict, phases };
}

interface Hop {
  result: ProbeResult;
  /** Where a redirect points, when the answer was one. */
  location?: string;
}

function requestOnce(
  url: URL,
  check: HttpCheck,
  ctx: ProbeContext,
  ca: string[] | undefined,
): Promise<Hop> {
  const secure = url.protocol === 'https:';
  const phases: ProbePhase[] = secure
    ? ['dns', 'connect', 'tls', 'ttfb', 'download']
    : ['dns', 'connect', 'ttfb', 'download'];
  const timer = new PhaseTimer(ctx.now, phases);
  skipDnsForAddress(url.hostname, timer);
  const where = url.host;
  const send = secure ? httpsRequest : httpRequest;

  return new Promise<Hop>((resolve) => {
    let seen: Partial<ProbeResult> = {};
    const request = send(url, {
      method: check.method,
      headers: { 'user-agent': 'Onwatch health check', ...check.headers },
      agent: false,
      lookup: timedLookup(timer, ctx.signal),
      // Trust is judged below, so an untrusted certificate still shows its expiry and issuer.
      rejectUnauthorized: false,
      ...(ca && { ca }),
      ...(secure && { servername: bare(url.hostname) }),
    });
    const settle = settleOnce<Hop>(
      ctx.signal,
      resolve,
      () => request.destroy(),
      () => ({ result: failure(timedOut(ctx, timer), timer.current(), timer, seen) }),
    );
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        timer.end('connect');
        seen = { ...seen, ...peerOf(socket) };
      });
      if (!secure) return;
      socket.once('secureConnect', () => {
        timer.end('tls');
        const tls = tlsFactsOf(socket as TLSSocket);
        seen = { ...seen, tls };
        if (tls.authorizationError) {
          const why = certificateProblem(tls.authorizationError, where);
          settle({ result: failure(why, 'tls', timer, seen) });
        }
      });
    });
    request.on('error', (error) =>
      settle({ result: failure(networkFailureText(error, where), timer.current(), timer, seen) }),
    );
    request.on('response', (response) => {
      timer.end('ttfb');
      readBody(response, (body) => {
        timer.end('download');
        settle(judge(response, body, check, timer, seen));
      });
      response.on('error', (error) =>
        settle({ result: failure(networkFailureText(error, where), 'download', timer, seen) }),
      );
    });
    request.end();
  });
}

function readBody(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let kept = 0;
  response.on('data', (chunk: Buffer) => {
    if (kept >= maxBodyBytes) return;
    chunks.push(chunk);
    kept += chunk.length;
  });
  response.on('end', () => done(Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8')));
}

function judge(
  response: IncomingMessage,
  body: string,
  check: HttpCheck,
  timer: PhaseTimer,
  seen: Partial<ProbeResult>,
): Hop {
  const status = response.statusCode ?? 0;
  const location = status >= 300 && status < 400 ? response.headers.location : undefined;
  timer.finish();
  const facts = { ...seen, status, phases: timer.timings() };
  if (location && check.followRedirects) {
    return { result: { ...facts, ok: true, summary: `HTTP ${status}` }, location };
  }
  if (!statusAccepted(status, check.expectStatus)) {
    const wanted = check.expectStatus.join(', ');
    return {
      result: {
        ...facts,
        ok: false,
        summary: `expected status ${wanted}, got ${status}`,
        failedPhase: 'expectation',
      },
    };
  }
  const mismatch = bodyMismatch(body, check);
  if (mismatch) {
    return { result: { ...facts, ok: false, summary: mismatch, failedPhase: 'expectation' } };
  }
  return { result: { ...facts, ok: true, summary: `HTTP ${status}` } };
}
