/** The phases of one probe, in the order a connection goes through them (Blackbox's names). */
export const probePhases = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
export type ProbePhase = (typeof probePhases)[number];
/** Where a probe failed: in one of its phases, or in what the answer had to be. */
export type FailedPhase = ProbePhase | 'expectation';

/** Milliseconds on the monotonic clock; a phase the probe never reached is absent. */
export type PhaseTimings = Partial<Record<ProbePhase, number>> & { total: number };

/** What the TLS handshake showed, whether or not the certificate was trusted. */
export interface TlsFacts {
  protocol?: string;
  /** The leaf certificate's not-after, ISO-8601. */
  notAfter?: string;
  /** The earliest not-after in the chain the server sent (Blackbox's earliest expiry). */
  earliestNotAfter?: string;
  issuer?: string;
  /** Why the chain or the host name is not valid (an OpenSSL code); absent when it is. */
  authorizationError?: string;
}

/** The two DNS timings that tell a search-domain delay apart from a slow name server. */
export interface DnsFacts {
  answers: string[];
  directMs?: number;
  systemLookupMs?: number;
  /** Set when the system lookup is much slower, in words, with the lines of resolv.conf behind it. */
  searchDelay?: { text: string; resolvConf: string[] };
}

/** How one probe went. Probes never throw: every failure is a result with words and a phase. */
export interface ProbeResult {
  ok: boolean;
  /** One line for the responder: "HTTP 200" or what went wrong. */
  summary: string;
  failedPhase?: FailedPhase;
  phases: PhaseTimings;
  /** The address and family actually connected to (happy eyeballs may pick either). */
  address?: string;
  family?: string;
  status?: number;
  tls?: TlsFacts;
  dns?: DnsFacts;
}

/** What every probe is given: one deadline (as a signal) and the monotonic clock. */
export interface ProbeContext {
  signal: AbortSignal;
  /** Milliseconds on a monotonic clock, for timings only. */
  now: () => number;
  /** The deadline in milliseconds, for the words of a timeout. */
  timeoutMs: number;
}
