import type { Shift } from '../../common/model/shift.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { formatClockTime } from '../../common/time-format.js';

export interface ShiftReminder {
  id: string;
  moment: 'soon' | 'start' | 'ending';
  shift: Shift;
  title: string;
  body: string;
}

const hourMs = 60 * 60_000;
/** How long before a shift starts the responder is told it is coming, by default. */
const defaultStartsSoonMs = 30 * 60_000;

/**
 * Tells the responder shortly before a shift of theirs starts, when it starts, and one hour
 * before it ends; and tells `ended`, when given, the moment a shift ends (the shift report is
 * made then). Each moment is announced once, however often the schedule is re-read.
 */
export class ShiftReminders {
  private readonly timers = new Map<
    string,
    { handle: TimerHandle; at: number; fire: () => void }
  >();
  private readonly announced = new Set<string>();
  private myShifts: readonly Shift[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly remind: (reminder: ShiftReminder) => void,
    private readonly timeZone?: string,
    private startsSoonMs = defaultStartsSoonMs,
    private readonly ended?: (shift: Shift) => void,
  ) {}

  /**
   * How long before a shift starts it is announced (0: not at all). The coming reminders move;
   * one already announced stays announced, and one whose new moment has passed is skipped.
   */
  setStartsSoonMs(ms: number): void {
    if (ms === this.startsSoonMs) return;
    this.startsSoonMs = ms;
    this.update(this.myShifts);
  }

  /** Replaces the reminders with those for `myShifts` (the responder's own, merged). */
  update(myShifts: readonly Shift[]): void {
    this.myShifts = myShifts;
    const wanted = new Map<string, { at: number; fire: () => void }>();
    const remind = (at: number, reminder: ShiftReminder) =>
      wanted.set(reminder.id, { at, fire: () => this.remind(reminder) });
    for (const shift of myShifts) {
      const start = Date.parse(shift.start);
      const key = `${shift.sourceId}/${shift.scheduleId}/${shift.start}`;
      if (this.startsSoonMs > 0) {
        remind(start - this.startsSoonMs, {
          id: `${key}/soon`,
          moment: 'soon',
          shift,
          title: `Your on-call shift for ${shift.scheduleName} starts at ${formatClockTime(start, this.timeZone)}`,
          body: 'Check that every source is green before it begins.',
        });
      }
      remind(start, {
        id: `${key}/start`,
        moment: 'start',
        shift,
        title: `Your on-call shift for ${shift.scheduleName} starts now`,
        body: shift.end
          ? `Until ${formatClockTime(Date.parse(shift.end), this.timeZone)}.`
          : 'It has no set end.',
      });
      if (shift.end) {
        const end = Date.parse(shift.end);
        remind(end - hourMs, {
          id: `${key}/ending`,
          moment: 'ending',
          shift,
          title: `Your shift for ${shift.scheduleName} ends in an hour`,
          body: `Hand over at ${formatClockTime(end, this.timeZone)}.`,
        });
        const ended = this.ended;
        if (ended) wanted.set(`${key}/ended`, { at: end, fire: () => ended(shift) });
      }
    }
    const now = this.clock.now();
    for (const [id, timer] of this.timers) {
      const still = wanted.get(id);
      if (still?.at === timer.at) continue;
      if (still) {
        // Its moment moved (a new lead time, a shift moved): armed again below.
        this.clock.clearTimeout(timer.handle);
        this.timers.delete(id);
        continue;
      }
      this.clock.clearTimeout(timer.handle);
      this.timers.delete(id);
      // The schedule drops a shift the moment it ends, perhaps a moment before its timer.
      if (id.endsWith('/ended') && timer.at <= now) this.fire(id, timer.fire);
    }
    for (const [id, { at, fire }] of wanted) {
      if (this.announced.has(id) || this.timers.has(id) || at < now) continue;
      const handle = this.clock.setTimeout(() => {
        this.timers.delete(id);
        this.fire(id, fire);
      }, at - now);
      this.timers.set(id, { handle, at, fire });
    }
  }

  private fire(id: string, fire: () => void): void {
    this.announced.add(id);
    fire();
  }

  stop(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer.handle);
    this.timers.clear();
  }
}
