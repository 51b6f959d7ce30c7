import type { CheckView } from '../../../electron/common/contract/checks-state.js';
import { phaseNames, phaseSegments, phaseSentence } from './check-display.js';

type Last = NonNullable<CheckView['last']>;

/** The last probe's phases as one stacked bar; the phase that failed is marked. */
export function PhaseBar({ last }: { last: Last }) {
  if (!last.phases) return <span className="check-muted">—</span>;
  const segments = phaseSegments(last.phases);
  const failed = last.failedPhase;
  const sentence = phaseSentence(last.phases) + (failed ? `; failed in ${phaseNames[failed]}` : '');
  return (
    <span className="phase-bar" role="img" aria-label={sentence} title={sentence}>
      {segments.map(({ phase, percent }) => (
        <span
          key={phase}
          className={`phase-segment phase-${phase}${failed === phase ? ' is-failed' : ''}`}
          style={{ width: `${percent}%` }}
        />
      ))}
    </span>
  );
}

/** Which colour is which phase, once for the whole table. */
export function PhaseLegend() {
  return (
    <ul className="phase-legend" aria-label="Phase colours">
      {(['dns', 'connect', 'tls', 'ttfb', 'download'] as const).map((phase) => (
        <li key={phase}>
          <span className={`phase-swatch phase-${phase}`} aria-hidden="true" />
          {phaseNames[phase]}
        </li>
      ))}
    </ul>
  );
}
