import { useEffect, useState } from 'react';
import type { ReportShift } from '../../../electron/common/model/shift-report.js';
import { useAppStore } from '../../store/store-context.js';
import { HandoffNotesPanel } from './handoff-notes-panel.js';
import { formatShiftRange } from './schedule-format.js';
import { ShiftReportView } from './shift-report-view.js';
import { LoadError } from '../../components/load-error.js';

/**
 * Hand off: my shifts running now or ended this week, each with its shift report. The list is
 * asked for when the page opens (ended shifts are not in the state).
 */
export function ShiftReportCard({ now }: { now: number }) {
  const listReportShifts = useAppStore((s) => s.listReportShifts);
  const [shifts, setShifts] = useState<ReportShift[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReportShift | null>(null);
  useEffect(() => {
    let current = true;
    void listReportShifts().then((outcome) => {
      if (!current) return;
      if (outcome.ok) setShifts(outcome.value);
      else setError(outcome.error);
    });
    return () => {
      current = false;
    };
  }, [listReportShifts]);

  return (
    <section className="schedule-card shift-report-card" aria-labelledby="handoff-heading">
      <header className="card-header">
        <h2 id="handoff-heading" className="card-heading">
          Hand off
        </h2>
      </header>
      <HandoffNotesPanel />
      <LoadError error={error} />
      {shifts?.length === 0 && <p className="card-empty">No shift of yours has run this week.</p>}
      {shifts && shifts.length > 0 && (
        <ul className="card-list">
          {shifts.map((shift) => {
            const running = shift.end === undefined || Date.parse(shift.end) > now;
            return (
              <li
                key={`${shift.sourceId}:${shift.scheduleId}:${shift.start}`}
                className="card-row shift-row"
                data-testid="report-shift"
              >
                <div className="shift-row-line">
                  <span className="card-row-main">
                    <span className="card-row-title">
                      {formatShiftRange(shift.start, shift.end)}
                    </span>
                    <span className="card-row-sub">
                      {shift.scheduleName}
                      {running ? ' · running' : ' · ended'}
                    </span>
                  </span>
                  <span className="card-row-side">
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      onClick={() => setOpen(shift)}
                    >
                      Shift report
                    </button>
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {open && <ShiftReportView shift={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
