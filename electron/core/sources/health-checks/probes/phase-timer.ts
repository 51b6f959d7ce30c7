import type { PhaseTimings, ProbePhase } from './probe-result.js';

/**
 * Stamps the end of each phase of one probe on the monotonic clock, and names the phase in
 * progress when the probe fails or runs out of time. A phase ends at most once: a second
 * socket event (a redirect's) never moves an earlier stamp.
 */
export class PhaseTimer {
  private readonly startedAt: number;
  private readonly ends = new Map<ProbePhase, number>();
  private endedAt?: number;

  constructor(
    private readonly now: () => number,
    /** The phases this probe goes through, in order: a TCP probe has only dns and connect. */
    private readonly phases: readonly ProbePhase[],
  ) {
    this.startedAt = now();
  }

  end(phase: ProbePhase): void {
    if (!this.ends.has(phase)) this.ends.set(phase, this.now());
  }

  /** A phase with nothing to do (no lookup for an address): it ends where it began. */
  skip(phase: ProbePhase): void {
    const index = this.phases.indexOf(phase);
    const before = this.phases.slice(0, index).map((p) => this.ends.get(p));
    if (!this.ends.has(phase)) this.ends.set(phase, before.at(-1) ?? this.startedAt);
  }

  /** The first phase not yet ended: where a failure happened. */
  current(): ProbePhase {
    return this.phases.find((phase) => !this.ends.has(phase)) ?? this.phases.at(-1)!;
  }

  finish(): void {
    this.endedAt ??= this.now();
  }

  /** Each reached phase's length; the one in progress counts up to now (or the finish). */
  timings(): PhaseTimings {
    const until = this.endedAt ?? this.now();
    const timings: PhaseTimings = { total: round(until - this.startedAt) };
    let from = this.startedAt;
    for (const phase of this.phases) {
      const end = this.ends.get(phase);
      timings[phase] = round((end ?? until) - from);
      if (end === undefined) break;
      from = end;
    }
    return timings;
  }
}

/** Tenths of a millisecond: finer is noise, coarser hides a loopback connect. */
function round(ms: number): number {
  return Math.round(Math.max(0, ms) * 10) / 10;
}
