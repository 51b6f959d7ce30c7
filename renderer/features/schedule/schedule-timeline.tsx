import { useMemo } from 'react';
import { selectSchedule } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { layoutTimeline } from './timeline-layout.js';
import { TimelineRowView } from './timeline-row.js';

/** Columns are local days; the grid behind the rows carries weekends, today and the now line. */
export function ScheduleTimeline({ now }: { now: number }) {
  const schedule = useAppStore(selectSchedule);
  const layout = useMemo(
    () =>
      schedule &&
      layoutTimeline({
        windowStart: schedule.windowStart,
        windowEnd: schedule.windowEnd,
        shifts: schedule.timeline,
        nowMs: now,
      }),
    [schedule, now],
  );
  if (!layout || layout.days.length === 0) return null;
  return (
    <section className="schedule-card timeline-card" aria-labelledby="timeline-heading">
      <header className="timeline-card-header">
        <h2 id="timeline-heading" className="card-heading">
          Next 14 days
        </h2>
        <span className="timeline-legend">
          <span className="legend-swatch is-me" aria-hidden="true" /> Your shifts
          <span className="legend-swatch is-override" aria-hidden="true" /> Override (striped)
          <span className="legend-swatch is-cover" aria-hidden="true" /> Cover from Onwatch (dashed
          until the schedule shows it)
        </span>
      </header>
      <div className="timeline-scroll">
        <div className="timeline" data-testid="schedule-timeline">
          <div className="timeline-scale" aria-hidden="true">
            <div className="timeline-corner" />
            <div className="timeline-days">
              {layout.days.map((day) => (
                <div
                  key={day.key}
                  className={`timeline-day-label${day.isToday ? ' is-today' : ''}${day.isWeekend ? ' is-weekend' : ''}`}
                  data-date={day.key}
                  style={{ left: `${day.leftPct}%`, width: `${day.widthPct}%` }}
                >
                  <span className="timeline-weekday">
                    {day.weekday}
                    {day.month && ` · ${day.month}`}
                  </span>
                  <span className="timeline-date">{day.dayOfMonth}</span>
                </div>
              ))}
            </div>
          </div>
          <div className="timeline-body">
            <div className="timeline-grid" aria-hidden="true">
              {layout.days.map((day) => (
                <div
                  key={day.key}
                  className={`timeline-column${day.isToday ? ' is-today' : ''}${day.isWeekend ? ' is-weekend' : ''}`}
                  style={{ left: `${day.leftPct}%`, width: `${day.widthPct}%` }}
                />
              ))}
            </div>
            {layout.rows.map((row) => (
              <TimelineRowView key={row.key} row={row} span={layout} />
            ))}
            {/* After the rows, so the line is drawn over the shifts it cuts through. */}
            {layout.nowPct !== null && (
              <div className="timeline-overlay" aria-hidden="true">
                <div
                  className="timeline-now"
                  data-testid="timeline-now"
                  style={{ left: `${layout.nowPct}%` }}
                />
              </div>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
