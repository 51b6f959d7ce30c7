import type { Shift } from '../../common/model/shift.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { formatClockTime } from '../../common/time-format.js';

export interface ShiftReminder {
  id: string;
  title: string;
  body: string;
}

const hourMs = 60 * 60_000;
/** How long before a shift starts the responder is told it is coming, by default. */
const defaultStartsSoonMs = 30 * 60_000;

/**
 * Tells the responder shortly before a shift of theirs starts, when it starts, and one hour
 * before it ends. Each moment is announced once, however often the schedule is re-read.
 */
export class ShiftReminders {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly announced = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly remind: (reminder: ShiftReminder) => void,
    private readonly timeZone?: string,
    private readonly startsSoonMs = defaultStartsSoonMs,
  ) {}

  /** Replaces the reminders with those for `myShifts` (the responder's own, merged). */
  update(myShifts: readonly Shift[]): void {
    const wanted = new Map<string, { at: number; reminder: ShiftReminder }>();
    for (const shift of myShifts) {
      const start = Date.parse(shift.start);
      const key = `${shift.sourceId}/${shift.scheduleId}/${shift.start}`;
      if (this.startsSoonMs > 0) {
        wanted.set(`${key}/soon`, {
          at: start - this.startsSoonMs,
          reminder: {
            id: `${key}/soon`,
            title: `Your on-call shift for ${shift.scheduleName} starts at ${formatClockTime(start, this.timeZone)}`,
            body: 'Check that every source is green before it begins.',
          },
        });
      }
      wanted.set(`${key}/start`, {
        at: start,
        reminder: {
          id: `${key}/start`,
          title: `Your on-call shift for ${shift.scheduleName} starts now`,
          body: shift.end
            ? `Until ${formatClockTime(Date.parse(shift.end), this.timeZone)}.`
            : 'It has no set end.',
        },
      });
      if (shift.end) {
        const end = Date.parse(shift.end);
        wanted.set(`${key}/ending`, {
          at: end - hourMs,
          reminder: {
            id: `${key}/ending`,
            title: `Your shift for ${shift.scheduleName} ends in an hour`,
            body: `Hand over at ${formatClockTime(end, this.timeZone)}.`,
          },
        });
      }
    }
    for (const [id, timer] of this.timers) {
      if (!wanted.has(id)) {
        this.clock.clearTimeout(timer);
        this.timers.delete(id);
      }
    }
    const now = this.clock.now();
    for (const [id, { at, reminder }] of wanted) {
      if (this.announced.has(id) || this.timers.has(id) || at < now) continue;
      this.timers.set(
        id,
        this.clock.setTimeout(() => {
          this.timers.delete(id);
          this.announced.add(id);
          this.remind(reminder);
        }, at - now),
      );
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
