import { useEffect, useMemo, useRef, useState } from 'react';
import type { Shift } from '../../../electron/common/model/shift.js';
import { formatDuration } from '../../../electron/common/time-format.js';
import { selectCovers, selectMyShifts } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { CalendarExportButton } from './calendar-export-button.js';
import { CoverForm } from './cover-form.js';
import { CoverList } from './cover-list.js';
import { formatShiftRange, shiftDuration } from './schedule-format.js';
import { ShowMore } from './show-more.js';

const shownAtFirst = 6;
const mineScope = { kind: 'mine' } as const;

export function MyShiftList({ now }: { now: number }) {
  const myShifts = useAppStore(selectMyShifts);
  const covers = useAppStore(selectCovers);
  const [expanded, setExpanded] = useState(false);
  const sorted = useMemo(
    () => [...myShifts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
    [myShifts],
  );
  return (
    <section className="schedule-card" aria-labelledby="my-shifts-heading">
      <header className="card-header">
        <h2 id="my-shifts-heading" className="card-heading">
          My next shifts
        </h2>
        {sorted.length > 0 && (
          <CalendarExportButton scope={mineScope} label="Add to calendar (.ics)" />
        )}
      </header>
      {sorted.length === 0 ? (
        <p className="card-empty" data-testid="no-shifts">
          You have no shifts in the next 14 days
        </p>
      ) : (
        <ul className="card-list">
          {sorted.slice(0, expanded ? undefined : shownAtFirst).map((shift) => (
            <MyShiftRow
              key={`${shift.sourceId}:${shift.scheduleId}:${shift.start}`}
              shift={shift}
              now={now}
            />
          ))}
        </ul>
      )}
      <CoverList covers={covers} now={now} />
      <ShowMore
        shown={shownAtFirst}
        total={sorted.length}
        expanded={expanded}
        onToggle={() => setExpanded(!expanded)}
      />
    </section>
  );
}

function MyShiftRow({ shift, now }: { shift: Shift; now: number }) {
  const [asking, setAsking] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  // "I need cover" in the tray names this shift: its form is open until it is done with.
  const askedHere = useAppStore(
    (s) =>
      s.coverAskedFor?.sourceId === shift.sourceId &&
      s.coverAskedFor.scheduleId === shift.scheduleId &&
      s.coverAskedFor.start === shift.start,
  );
  const askForCover = useAppStore((s) => s.askForCover);
  useEffect(() => {
    if (askedHere) row.current?.scrollIntoView({ block: 'nearest' });
  }, [askedHere]);
  const open = asking || askedHere;
  const done = () => {
    setAsking(false);
    if (askedHere) askForCover(null);
  };
  const startsIn = Date.parse(shift.start) - now;
  const duration = shiftDuration(shift.start, shift.end);
  // An escalation level is not a schedule: its cover is made on the schedule behind it.
  const coverable = shift.escalationLevel === undefined;
  return (
    <li
      ref={row}
      className={`card-row shift-row${startsIn <= 0 ? ' is-now' : ''}`}
      data-testid="my-shift"
      data-schedule-id={shift.scheduleId}
    >
      <div className="shift-row-line">
        <span className="card-row-main">
          <span className="card-row-title">{formatShiftRange(shift.start, shift.end)}</span>
          <span className="card-row-sub">
            {shift.scheduleName}
            {duration && <span className="shift-duration"> · {duration}</span>}
          </span>
        </span>
        <span className="card-row-side">
          {startsIn <= 0 ? (
            <span className="pill now-pill">on call now</span>
          ) : (
            <span className="card-row-note">in {formatDuration(startsIn)}</span>
          )}
          {coverable && !open && (
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setAsking(true)}
            >
              Get cover
            </button>
          )}
        </span>
      </div>
      {open && <CoverForm shift={shift} now={now} onDone={done} />}
    </li>
  );
}
