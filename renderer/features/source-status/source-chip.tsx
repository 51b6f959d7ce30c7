import type { SourceStatus } from '../../../electron/common/model/source-status.js';
import { formatClock } from '../../lib/format-time.js';
import { replicaLine } from './replica-line.js';

/**
 * ok is quiet; degraded says why; blind also says since when, because pages may be missed.
 * A source seen with gaps (items it could not read, a replica down) says so at any health.
 */
export function SourceChip({ source, now }: { source: SourceStatus; now: number }) {
  const lastSuccess = source.lastSuccessAt ? formatClock(source.lastSuccessAt, now) : 'never';
  const replicas = source.replicas && replicaLine(source.replicas);
  const notes = source.health === 'ok' ? (source.notes ?? []) : [];
  const gaps = notes.length > 0 || replicas?.someDown === true;
  const details = [
    source.lastError ?? `${source.name}: ${source.health}`,
    ...notes,
    ...(replicas?.details ?? []),
  ];
  return (
    <li
      className={`source-chip health-${source.health}${gaps ? ' has-gaps' : ''}`}
      data-testid="source-status"
      data-source-id={source.id}
      data-health={source.health}
      title={details.join('\n')}
    >
      <span className={`health-dot${source.polling ? ' is-polling' : ''}`} aria-hidden="true" />
      <span className="chip-name">{source.name}</span>
      <span className="chip-health">{source.health}</span>
      {source.health !== 'ok' && source.lastError && (
        <span className="chip-reason">{source.lastError}</span>
      )}
      {notes.map((note) => (
        <span key={note} className="chip-note" data-testid="source-note">
          {note}
        </span>
      ))}
      {replicas && (
        <span
          className={`chip-replicas${replicas.someDown ? ' is-short' : ''}`}
          data-testid="source-replicas"
        >
          {replicas.summary}
        </span>
      )}
      {source.health === 'blind' && <span className="chip-last">last success {lastSuccess}</span>}
    </li>
  );
}
