import type { CSSProperties } from 'react';
import { selectSourceName } from '../../store/selectors.js';
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
  return (
    `${shift.userName}${shift.isMe ? ' (you)' : ''} · ${shift.scheduleName}${level}\n` +
    `${formatShiftRange(shift.start, shift.end)}${duration ? ` (${duration})` : ''}`
  );
}

function blockClass(block: TimelineBlock): string {
  return [
    'timeline-block',
    block.shift.isMe ? 'is-me' : `color-${colorSlot(block.shift.userName, colorSlots)}`,
    block.clippedStart ? 'clipped-start' : '',
    block.clippedEnd ? 'clipped-end' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function TimelineRowView({ row }: { row: TimelineRow }) {
  const sourceName = useAppStore(selectSourceName(row.sourceId));
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
      </div>
    </div>
  );
}
