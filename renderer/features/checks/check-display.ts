import {
  checkPhases,
  type CheckPhase,
  type CheckPhaseTimings,
  type CheckState,
  type CheckView,
} from '../../../electron/common/contract/checks-state.js';

export const phaseNames: Record<CheckPhase | 'expectation', string> = {
  dns: 'DNS',
  connect: 'connect',
  tls: 'TLS',
  ttfb: 'first byte',
  download: 'download',
  expectation: 'expectation',
};

export const stateWords: Record<CheckState, string> = {
  up: 'Up',
  pending: 'Failing, not yet down',
  down: 'Down',
  recovering: 'Recovering',
  late: 'Late',
  paused: 'Paused',
  unknown: 'No result yet',
};

/** "3 ms", "1.2 ms", "2.5 s": short enough for a table cell. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 ? Math.round(ms) : Number(ms.toFixed(1))} ms`;
}

export interface PhaseSegment {
  phase: CheckPhase;
  ms: number;
  /** Share of the total, 0–100. */
  percent: number;
}

/** The phases the probe reached, each as its share of the total (the bar's segments). */
export function phaseSegments(phases: CheckPhaseTimings): PhaseSegment[] {
  const reached = checkPhases.flatMap((phase) => {
    const ms = phases[phase];
    return ms === undefined ? [] : [{ phase, ms }];
  });
  const sum = reached.reduce((total, { ms }) => total + ms, 0);
  const whole = Math.max(phases.total, sum);
  return reached.map(({ phase, ms }) => ({
    phase,
    ms,
    percent: whole > 0 ? (ms / whole) * 100 : 100 / reached.length,
  }));
}

/** What the bar says to a screen reader: "DNS 1 ms, connect 2 ms, total 4 ms". */
export function phaseSentence(phases: CheckPhaseTimings): string {
  const parts = phaseSegments(phases).map(
    ({ phase, ms }) => `${phaseNames[phase]} ${formatMs(ms)}`,
  );
  return [...parts, `total ${formatMs(phases.total)}`].join(', ');
}

export interface SparkPoint {
  x: number;
  y: number;
  failed: boolean;
}

/**
 * The sparkline's points in a `width` × `height` box: one per bucket that has a probe, the
 * slowest at the top. Empty buckets leave gaps (no line is drawn across them).
 */
export function sparkPoints(
  buckets: NonNullable<CheckView['sparkline']>,
  width: number,
  height: number,
): SparkPoint[][] {
  const highest = Math.max(1, ...buckets.map((bucket) => bucket?.ms ?? 0));
  const step = buckets.length > 1 ? width / (buckets.length - 1) : 0;
  const runs: SparkPoint[][] = [];
  let run: SparkPoint[] = [];
  buckets.forEach((bucket, index) => {
    if (!bucket) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    const y = height - (bucket.ms / highest) * (height - 2) - 1;
    run.push({ x: index * step, y: Number(y.toFixed(1)), failed: bucket.failed });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** "Slowest 12 ms, 2 failing buckets" for a screen reader, or that nothing came back yet. */
export function sparkSentence(buckets: NonNullable<CheckView['sparkline']>): string {
  const probed = buckets.filter((bucket) => bucket !== null);
  if (probed.length === 0) return 'No probes in the last hour';
  const slowest = Math.max(...probed.map((bucket) => bucket.ms));
  const failed = probed.filter((bucket) => bucket.failed).length;
  return `Last hour: slowest ${formatMs(slowest)}${failed > 0 ? `, failures in ${failed} of ${probed.length} slots` : ', no failures'}`;
}

/** Down and failing first, then by name: what needs eyes is on top. */
export function sortChecks(checks: readonly CheckView[]): CheckView[] {
  const rank: Record<CheckState, number> = {
    down: 0,
    recovering: 1,
    pending: 2,
    late: 3,
    unknown: 4,
    up: 5,
    paused: 6,
  };
  return [...checks].sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
}
