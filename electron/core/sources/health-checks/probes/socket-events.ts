import { lookup as systemLookup } from 'node:dns';
import { readFile } from 'node:fs/promises';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { networkFailureText } from '../../network-failure.js';
import type { PhaseTimer } from './phase-timer.js';
import type { FailedPhase, ProbeContext, ProbeResult, TlsFacts } from './probe-result.js';

/**
 * The system lookup (getaddrinfo, as http and net use it) with the end of DNS stamped. It
 * cannot be cancelled, so after the deadline its late answer is dropped: the socket is gone.
 */
export function timedLookup(timer: PhaseTimer, signal: AbortSignal): LookupFunction {
  return (hostname, options, callback) => {
    systemLookup(hostname, options, (error, ...answer: unknown[]) => {
      if (signal.aborted) return;
      if (!error) timer.end('dns');
      (callback as (...args: unknown[]) => void)(error, ...answer);
    });
  };
}

/** An address literal needs no lookup: its DNS phase ends before it starts. */
export function skipDnsForAddress(host: string, timer: PhaseTimer): void {
  if (isIP(bare(host))) timer.skip('dns');
}

/** `[::1]` as the URL writes it, `::1` as sockets take it. */
export function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** Where the socket actually connected, once it has. */
export function peerOf(socket: Socket): Pick<ProbeResult, 'address' | 'family'> {
  return { address: socket.remoteAddress, family: socket.remoteFamily };
}

/** Protocol, expiry, issuer and trust of the chain the server sent, trusted or not. */
export function tlsFactsOf(socket: TLSSocket): TlsFacts {
  const leaf = socket.getPeerCertificate(true);
  const facts: TlsFacts = { protocol: socket.getProtocol() ?? undefined };
  if (!leaf || !leaf.valid_to) return facts;
  facts.notAfter = isoDate(leaf.valid_to);
  facts.earliestNotAfter = earliestNotAfter(leaf);
  facts.issuer = first(leaf.issuer?.O ?? leaf.issuer?.CN);
  if (!socket.authorized && socket.authorizationError) {
    facts.authorizationError = String(socket.authorizationError);
  }
  return facts;
}

function earliestNotAfter(leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }) {
  let earliest = Date.parse(leaf.valid_to);
  const seen = new Set<PeerCertificate>();
  let current: typeof leaf | undefined = leaf;
  // A self-signed root names itself as its issuer: stop at the first repeat.
  while (current && !seen.has(current)) {
    seen.add(current);
    earliest = Math.min(earliest, Date.parse(current.valid_to));
    current = current.issuerCertificate as typeof leaf | undefined;
  }
  return new Date(earliest).toISOString();
}

/** A certificate field may repeat (two O= entries); the first names it well enough. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const isoDate = (text: string) => new Date(Date.parse(text)).toISOString();

/** The default roots plus a PEM file of the check's own authorities, when it names one. */
export async function trustedAuthorities(caFile?: string): Promise<string[] | undefined> {
  if (!caFile) return undefined;
  try {
    return [...rootCertificates, await readFile(caFile, 'utf8')];
  } catch (error) {
    throw new Error(`cannot read the CA file ${caFile}: ${(error as Error).message}`);
  }
}

/** Calls `abort` once when the deadline passes; returns the undo for a probe that ended first. */
export function onDeadline(signal: AbortSignal, abort: () => void): () => void {
  if (signal.aborted) {
    queueMicrotask(abort);
    return () => {};
  }
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

/**
 * A probe's one outcome: the first to come wins, disarms the deadline and closes the connection.
 * Arm it once the connection exists; the deadline settles with `timeout()`.
 */
export function settleOnce<T>(
  signal: AbortSignal,
  finish: (outcome: T) => void,
  close: () => void,
  timeout: () => T,
): (outcome: T) => void {
  let settled = false;
  const settle = (outcome: T) => {
    if (settled) return;
    settled = true;
    disarm();
    close();
    finish(outcome);
  };
  const disarm = onDeadline(signal, () => settle(timeout()));
  return settle;
}

/** An OpenSSL verdict on a certificate (CERT_HAS_EXPIRED…) in words. */
export function certificateProblem(code: string, where: string): string {
  return networkFailureText(Object.assign(new Error(code), { code }), where);
}

/** A failed probe's result: the words, the phase it was in, and what it measured so far. */
export function failure(
  summary: string,
  failedPhase: FailedPhase,
  timer: PhaseTimer,
  more: Partial<ProbeResult> = {},
): ProbeResult {
  timer.finish();
  return { ...more, ok: false, summary, failedPhase, phases: timer.timings() };
}

/** The deadline's words, naming the phase that used it up. */
export function timedOut(ctx: ProbeContext, timer: PhaseTimer): string {
  return `no answer within ${formatMs(ctx.timeoutMs)} (stuck in ${phaseWords[timer.current()]})`;
}

export const phaseWords: Record<FailedPhase, string> = {
  dns: 'DNS',
  connect: 'connect',
  tls: 'TLS handshake',
  ttfb: 'waiting for the first byte',
  download: 'download',
  expectation: 'the answer',
};

/** "10.0 s", "25 ms", "0.4 ms": loopback phases are fractions of a millisecond. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}
