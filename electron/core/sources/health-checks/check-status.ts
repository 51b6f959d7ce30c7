import {
  checkIdOf,
  type FlapSettings,
  type HealthCheck,
} from '../../../common/providers/health-check-schema.js';
import { certificateExpiry } from './certificate-expiry.js';
import { CheckHistory } from './check-history.js';
import { afterProbe, initialFlapState, type FlapState } from './flap-control.js';
import type { ProbeResult } from './probes/probe-result.js';

/** A probe's result and when it came back (wall clock, for the window). */
export interface Observed {
  result: ProbeResult;
  at: number;
}

/** The certificate a check last saw, kept while the server is down so its expiry stays known. */
export interface SeenCertificate {
  notAfter: string;
  issuer?: string;
  /** When it first came within the warning threshold: its incident's start. */
  expiringSince?: number;
}

/**
 * One check's standing: its flap state, its latest result and latest failure, the certificate
 * it last saw, and what the responder acknowledged. Acks are kept here, locally: a check has
 * nobody else to tell, and an ack lasts until the outage (or that certificate) is over.
 */
export class CheckStatus {
  readonly id: string;
  flap: FlapState = initialFlapState;
  last?: Observed;
  lastFailure?: Observed;
  certificate?: SeenCertificate;
  /** The last hour or so of probes, for the sparkline. */
  readonly history = new CheckHistory();
  private acked = new Map<string, number>();

  constructor(
    readonly check: HealthCheck,
    readonly settings: FlapSettings,
  ) {
    this.id = checkIdOf(check.name);
  }

  record(result: ProbeResult, at: number): void {
    this.flap = afterProbe(this.flap, result.ok, at, this.settings);
    this.last = { result, at };
    this.history.add({ at, ok: result.ok, totalMs: result.phases.total });
    if (!result.ok) this.lastFailure = { result, at };
    this.noteCertificate(result, at);
    this.forgetAcksOtherThan(this.openIds());
  }

  private noteCertificate(result: ProbeResult, at: number): void {
    const notAfter = result.tls?.earliestNotAfter ?? result.tls?.notAfter;
    if (!notAfter || !('certExpiry' in this.check)) return;
    const same = this.certificate?.notAfter === notAfter;
    const expiring = certificateExpiry(notAfter, at, this.check.certExpiry).urgency !== undefined;
    const since = same ? this.certificate?.expiringSince : undefined;
    this.certificate = {
      notAfter,
      issuer: result.tls?.issuer,
      ...(expiring && { expiringSince: since ?? at }),
    };
  }

  acknowledge(externalId: string, at: number): boolean {
    if (!this.openIds().includes(externalId)) return false;
    if (!this.acked.has(externalId)) this.acked.set(externalId, at);
    return true;
  }

  acknowledgedAt(externalId: string): number | undefined {
    return this.acked.get(externalId);
  }

  outageId(): string | undefined {
    const since = this.flap.outageSince;
    return since === undefined ? undefined : `${this.id}:${since}`;
  }

  /** The certificate's expiry incident, while it is within the warning threshold. */
  certificateId(): string | undefined {
    const certificate = this.certificate;
    if (certificate?.expiringSince === undefined) return undefined;
    return `${this.id}:certificate:${certificate.notAfter}`;
  }

  /** What may be open now; an ack of anything else (a recovered outage) is gone. */
  private openIds(): string[] {
    return [this.outageId(), this.certificateId()].filter((id): id is string => id !== undefined);
  }

  private forgetAcksOtherThan(open: string[]): void {
    for (const id of [...this.acked.keys()]) if (!open.includes(id)) this.acked.delete(id);
  }
}
