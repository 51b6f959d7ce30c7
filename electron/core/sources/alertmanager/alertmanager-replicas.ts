import type { ReplicaStatus } from '../../../common/model/source-status.js';
import type { Clock } from '../../ports/clock.js';
import { SourceError, toSourceError, type SourceErrorKind } from '../source-error.js';

/** One replica's roots: its UI (route prefix included, no trailing slash) and its API. */
export interface ReplicaRoot {
  ui: string;
  api: string;
}

interface ReplicaState {
  root: ReplicaRoot;
  /** "host:port/prefix", for messages. */
  label: string;
  answering?: boolean;
  problem?: string;
  failedAt?: number;
  /** The last `first` call that asked it, so side probes skip what a poll just heard. */
  askedIn?: number;
  probing?: boolean;
}

/** A replica that failed is asked after the others until this long has passed. */
const failedReplicaPauseMs = 60_000;

/**
 * The replicas of one Alertmanager cluster, and which of them answer. A request goes to the
 * first healthy replica in the configured order and, when it fails, to the next one within
 * the same deadline, so the source is blind only when every replica is. A replica that failed
 * moves to the back for a minute: a hanging one must not cost each poll its share of the
 * deadline. The replicas a poll did not need are probed on the side, so the status says which
 * answer, not only which one was used.
 */
export class ReplicaSet {
  private readonly replicas: ReplicaState[];
  /** Ends side probes still running when the source goes away. */
  private readonly disposed = new AbortController();
  private calls = 0;

  constructor(
    roots: readonly ReplicaRoot[],
    private readonly clock: Clock,
    /** The whole request's deadline, shared out among the replicas it may have to try. */
    private readonly timeoutMs: number,
  ) {
    this.replicas = roots.map((root) => ({ root, label: labelOf(root) }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /**
   * Runs `attempt` on replicas until one succeeds. `retried` says an earlier replica failed
   * in this call: what it was sent may have landed. With one replica, its error is the error;
   * with several, an error names each replica's failure.
   */
  async first<T>(
    signal: AbortSignal,
    attempt: (root: ReplicaRoot, signal: AbortSignal, retried: boolean) => Promise<T>,
  ): Promise<T> {
    if (this.replicas.length === 1) return attempt(this.replicas[0]!.root, signal, false);
    const call = ++this.calls;
    const deadline = this.clock.now() + this.timeoutMs;
    const failures: { replica: ReplicaState; error: SourceError }[] = [];
    const order = this.inOrder();
    for (const [index, replica] of order.entries()) {
      if (signal.aborted) break;
      replica.askedIn = call;
      // What the replicas before left of the deadline, shared among those still to try.
      const shareMs = (deadline - this.clock.now()) / (order.length - index);
      try {
        const answer = await this.withDeadline(signal, shareMs, (share) =>
          attempt(replica.root, share, failures.length > 0),
        );
        this.answered(replica);
        return answer;
      } catch (error) {
        const failure = toSourceError(error);
        this.failed(replica, failure);
        failures.push({ replica, error: failure });
      }
    }
    throw combined(failures);
  }

  /**
   * Asks each replica the last `first` did not, without waiting for the answers: they show in
   * the statuses once they come (by the next poll).
   */
  probeOthers(probe: (root: ReplicaRoot, signal: AbortSignal) => Promise<unknown>): void {
    const shareMs = this.timeoutMs / this.replicas.length;
    for (const replica of this.replicas) {
      if (this.replicas.length === 1 || replica.probing || replica.askedIn === this.calls) continue;
      replica.probing = true;
      void this.withDeadline(this.disposed.signal, shareMs, (share) => probe(replica.root, share))
        .then(
          () => this.answered(replica),
          (error: unknown) => {
            if (!this.disposed.signal.aborted) this.failed(replica, toSourceError(error));
          },
        )
        .finally(() => (replica.probing = false));
    }
  }

  /**
   * Asks every replica at once and waits for each answer (Test connection), within half the
   * deadline: the other half is left for a poll beside it to fail over from a hanging one.
   */
  async askEach(
    signal: AbortSignal,
    probe: (root: ReplicaRoot, signal: AbortSignal) => Promise<unknown>,
  ): Promise<ReplicaStatus[]> {
    const shareMs = this.timeoutMs / 2;
    await Promise.all(
      this.replicas.map((replica) =>
        this.withDeadline(signal, shareMs, (share) => probe(replica.root, share)).then(
          () => this.answered(replica),
          (error: unknown) => this.failed(replica, toSourceError(error)),
        ),
      ),
    );
    return this.statuses();
  }

  statuses(): ReplicaStatus[] {
    return this.replicas.map(({ label, answering, problem }) => ({
      url: label,
      ...(answering !== undefined && { answering }),
      ...(problem !== undefined && { problem }),
    }));
  }

  dispose(): void {
    this.disposed.abort();
  }

  /** Healthy (or never asked) replicas in the configured order, then those that failed lately. */
  private inOrder(): ReplicaState[] {
    const now = this.clock.now();
    const pausing = (r: ReplicaState) =>
      r.failedAt !== undefined && now - r.failedAt < failedReplicaPauseMs;
    return [...this.replicas.filter((r) => !pausing(r)), ...this.replicas.filter(pausing)];
  }

  private answered(replica: ReplicaState): void {
    Object.assign(replica, { answering: true, problem: undefined, failedAt: undefined });
  }

  private failed(replica: ReplicaState, error: SourceError): void {
    Object.assign(replica, {
      answering: false,
      problem: error.message,
      failedAt: this.clock.now(),
    });
  }

  /** Runs with `signal` cut short after `ms`, so a hanging replica leaves time for the next. */
  private async withDeadline<T>(
    signal: AbortSignal,
    ms: number,
    run: (share: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const share = new AbortController();
    const abort = () => share.abort();
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) share.abort();
    const timer = this.clock.setTimeout(abort, ms);
    try {
      return await run(share.signal);
    } finally {
      this.clock.clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    }
  }
}

/** "host:port" plus any route prefix: enough to tell replicas apart, never credentials. */
function labelOf(root: ReplicaRoot): string {
  const url = new URL(root.ui);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}${url.pathname.replace(/\/$/, '')}`;
}

/**
 * Every replica failed: the error names each. Its kind is theirs when they agree (every key
 * rejected is still a credential problem); otherwise the cluster is simply unreachable.
 */
function combined(failures: { replica: ReplicaState; error: SourceError }[]): SourceError {
  if (failures.length === 0) return new SourceError('timeout', 'no replica answered in time');
  const kinds = new Set<SourceErrorKind>(failures.map(({ error }) => error.kind));
  const [kind] = kinds.size === 1 ? kinds : ['unreachable' as const];
  const waits = failures.map(({ error }) => error.retryAfterMs);
  const retryAfterMs = waits.every((ms) => ms !== undefined)
    ? Math.min(...(waits as number[]))
    : undefined;
  const each = failures.map(({ replica, error }) => `${replica.label}: ${error.message}`);
  return new SourceError(kind!, `no replica answered (${each.join('; ')})`, { retryAfterMs });
}
