import { useState } from 'react';
import type { CheckView } from '../../../electron/common/contract/checks-state.js';
import { formatAge } from '../../lib/format-time.js';
import { useAppStore } from '../../store/store-context.js';
import { selectSourceName } from '../../store/selectors.js';
import { formatMs, phaseNames, stateWords } from './check-display.js';
import { PhaseBar } from './phase-bar.js';
import { Sparkline } from './sparkline.js';

interface Props {
  check: CheckView;
  now: number;
  onEdit(check: CheckView): void;
}

/** One check: what it is, its verdict, its last probe, its last hour, and what can be done. */
export function CheckRow({ check, now, onEdit }: Props) {
  const { last } = check;
  const sourceName = useAppStore(selectSourceName(check.sourceId));
  return (
    <tr
      className={`check-row is-${check.state}`}
      data-testid="check-row"
      data-check-id={check.checkId}
      data-state={check.state}
    >
      <th scope="row" className="check-name">
        <span className="check-title">{check.name}</span>
        <span className="check-muted">
          {sourceName} · {check.type}
          {check.target && <> · {check.target}</>}
        </span>
      </th>
      <td>
        <span className={`check-state is-${check.state}`} data-testid="check-state">
          {stateWords[check.state]}
        </span>
        {check.flapping && <span className="check-flapping"> · flapping</span>}
      </td>
      <td className="check-last" data-testid="check-last">
        {last ? (
          <>
            <span>{last.summary}</span>
            <span className="check-muted">
              {formatAge(last.at, now)}
              {last.phases && <> · {formatMs(last.phases.total)}</>}
              {last.failedPhase && <> · failed in {phaseNames[last.failedPhase]}</>}
            </span>
          </>
        ) : (
          <span className="check-muted">—</span>
        )}
      </td>
      <td>{last ? <PhaseBar last={last} /> : <span className="check-muted">—</span>}</td>
      <td>
        {check.sparkline ? (
          <Sparkline buckets={check.sparkline} />
        ) : (
          <span className="check-muted">—</span>
        )}
      </td>
      <td>
        {check.certificateDaysLeft === undefined ? (
          <span className="check-muted">—</span>
        ) : (
          <span className={check.certificateDaysLeft <= 14 ? 'check-cert is-soon' : 'check-cert'}>
            {check.certificateDaysLeft < 0
              ? 'expired'
              : `${check.certificateDaysLeft} day${check.certificateDaysLeft === 1 ? '' : 's'}`}
          </span>
        )}
      </td>
      <td className="check-actions">
        <CheckActions check={check} onEdit={onEdit} />
      </td>
    </tr>
  );
}

function CheckActions({ check, onEdit }: { check: CheckView; onEdit(check: CheckView): void }) {
  const runCheck = useAppStore((s) => s.runCheck);
  const removeCheck = useAppStore((s) => s.removeCheck);
  const showIncident = useAppStore((s) => s.showIncident);
  const [running, setRunning] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = async () => {
    setRunning(true);
    setSaid(null);
    const outcome = await runCheck(check.sourceId, check.checkId);
    setRunning(false);
    setSaid(
      outcome.ok
        ? `${outcome.value.ok ? 'Passed' : 'Failed'}: ${outcome.value.summary}`
        : outcome.error,
    );
  };
  const remove = async () => {
    const outcome = await removeCheck(check.sourceId, check.checkId);
    if (!outcome.ok) setSaid(outcome.error);
    setConfirming(false);
  };
  const named = (verb: string) => `${verb} ${check.name}`;
  return (
    <>
      {check.canRunNow && (
        <button
          type="button"
          className="button button-small"
          aria-label={named('Run now:')}
          disabled={running}
          onClick={() => void run()}
        >
          {running ? 'Running…' : 'Run now'}
        </button>
      )}
      {check.incidentKey && (
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label={named('Open the incident of')}
          onClick={() => showIncident(check.incidentKey!)}
        >
          Incident
        </button>
      )}
      {check.config &&
        (confirming ? (
          <>
            <button
              type="button"
              className="button button-small button-danger"
              aria-label={named('Confirm removing')}
              onClick={() => void remove()}
            >
              Remove it
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setConfirming(false)}
            >
              Keep
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={named('Edit')}
              onClick={() => onEdit(check)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={named('Remove')}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          </>
        ))}
      <span className="check-said" role="status">
        {said}
      </span>
    </>
  );
}
