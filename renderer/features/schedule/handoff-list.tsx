import { useMemo, useState } from 'react';
import { formatClock } from '../../lib/format-time.js';
import { selectHandoffs } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { ShowMore } from './show-more.js';

const shownAtFirst = 6;

export function HandoffList({ now }: { now: number }) {
  const handoffs = useAppStore(selectHandoffs);
  const [expanded, setExpanded] = useState(false);
  const upcoming = useMemo(
    () =>
      handoffs
        .filter((handoff) => Date.parse(handoff.at) >= now)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    [handoffs, now],
  );
  const next = expanded ? upcoming : upcoming.slice(0, shownAtFirst);
  return (
    <section className="schedule-card" aria-labelledby="handoffs-heading">
      <h2 id="handoffs-heading" className="card-heading">
        Handoffs
      </h2>
      {upcoming.length === 0 ? (
        <p className="card-empty">No handoffs in the next 14 days.</p>
      ) : (
        <ul className="card-list">
          {next.map((handoff) => (
            <li
              key={`${handoff.sourceId}:${handoff.scheduleId}:${handoff.at}`}
              className={`card-row handoff-row${handoff.involvesMe ? ' is-me' : ''}`}
              data-testid="handoff"
              data-involves-me={handoff.involvesMe}
            >
              <span className="card-row-main">
                <span className="card-row-title">
                  {handoff.from ?? 'Nobody'} <span className="handoff-arrow">→</span> {handoff.to}
                  {handoff.involvesMe && <span className="pill mine-pill">you</span>}
                </span>
                <span className="card-row-sub">{handoff.scheduleName}</span>
              </span>
              <span className="card-row-side">
                <span className="card-row-note">{formatClock(handoff.at, now)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <ShowMore
        shown={shownAtFirst}
        total={upcoming.length}
        expanded={expanded}
        onToggle={() => setExpanded(!expanded)}
      />
    </section>
  );
}
