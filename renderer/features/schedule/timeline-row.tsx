import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { selectCovers, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { CalendarExportButton } from './calendar-export-button.js';
import { formatShiftRange, shiftDuration } from './schedule-format.js';
import { colorSlot, type TimelineBlock, type TimelineRow } from './timeline-layout.js';

const laneHeightPx = 24;
/** Tall enough for the two-line label; lanes are centred within it. */
const minRowHeightPx = 44;
const colorSlots = 6;

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => [...part][0]!.toUpperCase())
    .join('');

function describe({ shift }: TimelineBlock): string {
  const duration = shiftDuration(shift.start, shift.end);
  const level = shift.escalationLevel === undefined ? '' : ` · level ${shift.escalationLevel}`;
  const who = `${shift.userName}${shift.isMe ? ' (you)' : ''}`;
  const forWhom = shift.override?.forUserName;
  const override = shift.override
    ? forWhom
      ? ` covers for ${forWhom} (override)`
      : ' (override)'
    : '';
  return (
    `${who}${override} · ${shift.scheduleName}${level}\n` +
    `${formatShiftRange(shift.start, shift.end)}${duration ? ` (${duration})` : ''}`
  );
}

function blockClass(block: TimelineBlock): string {
  return [
    'timeline-block',
    block.shift.isMe ? 'is-me' : `color-${colorSlot(block.shift.userName, colorSlots)}`,
    block.shift.override ? 'is-override' : '',
    block.clippedStart ? 'clipped-start' : '',
    block.clippedEnd ? 'clipped-end' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function TimelineRowView({
  row,
  span,
}: {
  row: TimelineRow;
  /** The timeline's first and last instant, to place covers on the same scale as shifts. */
  span: { startMs: number; endMs: number };
}) {
  const sourceName = useAppStore(selectSourceName(row.sourceId));
  const allCovers = useAppStore(selectCovers);
  const covers = useMemo(
    () =>
      allCovers.filter(
        (c) =>
          c.sourceId === row.sourceId && c.scheduleId === row.scheduleId && c.state !== 'failed',
      ),
    [allCovers, row.sourceId, row.scheduleId],
  );
  const lanesPx = row.lanes * laneHeightPx;
  const rowPx = Math.max(minRowHeightPx, lanesPx + 12);
  const firstLanePx = (rowPx - lanesPx) / 2;
  const height: CSSProperties = { height: `${rowPx}px` };
  return (
    <div
      className={`timeline-row${row.hasMe ? ' has-me' : ''}`}
      role="group"
      aria-label={row.scheduleName}
      data-testid="timeline-row"
      data-schedule-id={row.scheduleId}
    >
      <div className="timeline-row-label" style={height}>
        <span className="timeline-row-name" title={row.scheduleName}>
          {row.scheduleName}
        </span>
        <span className="timeline-row-source">
          {sourceName}
          <CalendarExportButton
            scope={{ kind: 'schedule', sourceId: row.sourceId, scheduleId: row.scheduleId }}
            label=".ics"
            compact
          />
        </span>
      </div>
      <div className="timeline-track" style={height}>
        {row.blocks.map((block) => {
          const text = describe(block);
          return (
            <div
              key={`${block.shift.userName}:${block.shift.start}:${block.lane}`}
              className={blockClass(block)}
              data-testid="timeline-shift"
              data-mine={block.shift.isMe}
              data-override={block.shift.override ? 'true' : undefined}
              title={text}
              style={{
                left: `${block.leftPct}%`,
                width: `${block.widthPct}%`,
                top: `${firstLanePx + block.lane * laneHeightPx + 2}px`,
                height: `${laneHeightPx - 4}px`,
              }}
            >
              {/* Container queries pick the name, the initials or nothing to fit the block. */}
              <span className="timeline-block-name" aria-hidden="true">
                {block.shift.userName}
              </span>
              <span className="timeline-block-initials" aria-hidden="true">
                {initials(block.shift.userName)}
              </span>
              <span className="visually-hidden">{text}</span>
            </div>
          );
        })}
        {covers.map((cover) => {
          const total = span.endMs - span.startMs;
          const from = Math.max(Date.parse(cover.start), span.startMs);
          const to = Math.min(Date.parse(cover.end), span.endMs);
          if (!(total > 0) || to <= from) return null;
          const pending = cover.state !== 'confirmed';
          const text = `${cover.coverUser.name} covers for ${cover.forUser.name} · ${formatShiftRange(cover.start, cover.end)}${pending ? ' (pending)' : ''}`;
          return (
            <div
              key={cover.id}
              className={`timeline-cover${pending ? ' is-pending' : ''}`}
              data-testid="timeline-cover"
              data-state={cover.state}
              title={text}
              style={{
                left: `${((from - span.startMs) / total) * 100}%`,
                width: `${((to - from) / total) * 100}%`,
              }}
            >
              <span className="visually-hidden">{text}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
