import type { CheckView } from '../../../electron/common/contract/checks-state.js';
import { sparkPoints, sparkSentence } from './check-display.js';

const width = 120;
const height = 24;

/** The last hour's totals: a line per unbroken run of probes, a red dot where one failed. */
export function Sparkline({ buckets }: { buckets: NonNullable<CheckView['sparkline']> }) {
  const runs = sparkPoints(buckets, width, height);
  const sentence = sparkSentence(buckets);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={sentence}
    >
      <title>{sentence}</title>
      {runs.map((run) =>
        run.length === 1 ? null : (
          <polyline
            key={`${run[0]!.x}`}
            className="sparkline-line"
            points={run.map(({ x, y }) => `${x},${y}`).join(' ')}
          />
        ),
      )}
      {runs.flat().map((point) => (
        <circle
          key={point.x}
          className={point.failed ? 'sparkline-dot is-failed' : 'sparkline-dot'}
          cx={point.x}
          cy={point.y}
          r={point.failed ? 2 : 1}
        />
      ))}
    </svg>
  );
}
