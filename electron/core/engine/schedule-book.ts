import { TZDate } from '@date-fns/tz';
import type { ScheduleView } from '../../common/contract/app-state.js';
import { createEmitter } from '../../common/emitter.js';
import type { Shift } from '../../common/model/shift.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { ShiftRevisions } from '../schedule/shift-revisions.js';
import { deepEqual } from './deep-equal.js';
import { mergeSchedule, scheduleWindowDays } from './schedule-merge.js';

const windowMs = scheduleWindowDays * 24 * 60 * 60_000;

/**
 * Each source's latest shifts, merged into the schedule the window shows. The merged view
 * depends on the time, so it is derived again when the shifts change and when time crosses a
 * boundary (a shift starting, ending or entering the 14 days, or local midnight, when the
 * timeline's first day moves), never on every read: an unchanged rotation is not news.
 */
export class ScheduleBook {
  /** The view changed. */
  readonly changed = createEmitter();
  private readonly shifts = new Map<string, Shift[]>();
  private readonly revisions = new ShiftRevisions();
  private current: ScheduleView;
  private timer?: TimerHandle;

  constructor(
    private readonly clock: Clock,
    private readonly timeZone?: string,
  ) {
    this.current = this.rederive();
  }

  /** A source's shifts as last read; the last good ones stay when a read fails. */
  set(sourceId: string, shifts: Shift[]): void {
    if (deepEqual(this.shifts.get(sourceId), shifts)) return;
    this.shifts.set(sourceId, shifts);
    this.revisions.note(sourceId, shifts, this.clock.now());
    this.update();
  }

  remove(sourceId: string): void {
    this.revisions.forget(sourceId);
    if (this.shifts.delete(sourceId)) this.update();
  }

  /** When this shift was last seen to change, if it is still known. */
  revisedAt(shift: Shift): number | undefined {
    return this.revisions.revisedAt(shift);
  }

  view(): ScheduleView {
    return this.current;
  }

  stop(): void {
    this.disarm();
  }

  private update(): void {
    this.current = this.rederive();
    this.changed.emit();
  }

  /** The view as of now, with a timer for the next moment it would change by itself. */
  private rederive(): ScheduleView {
    const now = this.clock.now();
    const all = [...this.shifts.values()].flat();
    this.disarm();
    const next = Math.min(this.nextMidnight(now), ...all.flatMap((s) => boundariesOf(s, now)));
    this.timer = this.clock.setTimeout(() => this.update(), next - now);
    return mergeSchedule(all, now);
  }

  private disarm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nextMidnight(now: number): number {
    const date = this.timeZone ? new TZDate(now, this.timeZone) : new Date(now);
    date.setHours(24, 0, 0, 0);
    return date.getTime();
  }
}

/** The moments after `now` at which this shift changes what the schedule shows. */
function boundariesOf(shift: Shift, now: number): number[] {
  const start = Date.parse(shift.start);
  const end = shift.end === undefined ? Infinity : Date.parse(shift.end);
  return [start - windowMs, start, end].filter((at) => at > now);
}
