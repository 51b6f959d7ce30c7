import type { SourceStatus } from '../../../electron/common/model/source-status.js';
import { formatClock } from '../../lib/format-time.js';

/** ok is quiet; degraded says why; blind also says since when, because pages may be missed. */
export function SourceChip({ source, now }: { source: SourceStatus; now: number }) {
  const lastSuccess = source.lastSuccessAt ? formatClock(source.lastSuccessAt, now) : 'never';
  return (
    <li
      className={`source-chip health-${source.health}`}
      data-testid="source-status"
      data-source-id={source.id}
      data-health={source.health}
      title={source.lastError ?? `${source.name}: ${source.health}`}
    >
      <span className={`health-dot${source.polling ? ' is-polling' : ''}`} aria-hidden="true" />
      <span className="chip-name">{source.name}</span>
      <span className="chip-health">{source.health}</span>
      {source.health !== 'ok' && source.lastError && (
        <span className="chip-reason">{source.lastError}</span>
      )}
      {source.health === 'blind' && <span className="chip-last">last success {lastSuccess}</span>}
    </li>
  );
}
