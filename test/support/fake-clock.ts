import type { Clock, TimerHandle } from '../../electron/core/ports/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock tests move by hand; `advance` fires due timers in order and lets promises settle. */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = Date.parse('2026-11-22T09:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== (handle as unknown as number));
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.callback();
      await settle();
    }
    this.current = until;
    await settle();
  }
}

/** Lets every queued promise continuation run (several hops of async/await). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
