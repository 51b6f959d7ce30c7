import type { OnCallNow } from '../../../electron/common/contract/app-state.js';
import { formatClock } from '../../lib/format-time.js';
import { selectOnCallNow, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

export function OnCallNowList({ now }: { now: number }) {
  const onCall = useAppStore(selectOnCallNow);
  return (
    <section className="schedule-card" aria-labelledby="on-call-now-heading">
      <h2 id="on-call-now-heading" className="card-heading">
        On call now
      </h2>
      {onCall.length === 0 ? (
        <p className="card-empty">No schedule reports anyone on call.</p>
      ) : (
        <ul className="card-list">
          {onCall.map((entry) => (
            <OnCallRow key={`${entry.sourceId}:${entry.scheduleId}`} entry={entry} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OnCallRow({ entry, now }: { entry: OnCallNow; now: number }) {
  const sourceName = useAppStore(selectSourceName(entry.sourceId));
  const nobody = entry.userNames.length === 0;
  return (
    <li
      className={`card-row oncall-row${entry.isMe ? ' is-me' : ''}`}
      data-testid="on-call-now"
      data-source-id={entry.sourceId}
      data-schedule-id={entry.scheduleId}
      data-is-me={entry.isMe}
    >
      <span className="card-row-main">
        <span className="card-row-title">{entry.scheduleName}</span>
        <span className={nobody ? 'oncall-nobody' : 'oncall-names'}>
          {nobody ? 'Nobody on call' : entry.userNames.join(', ')}
          {entry.isMe && <span className="pill mine-pill">you</span>}
        </span>
      </span>
      <span className="card-row-side">
        <span className="source-badge">{sourceName}</span>
        {entry.until && (
          <span className="card-row-note">until {formatClock(entry.until, now)}</span>
        )}
      </span>
    </li>
  );
}
