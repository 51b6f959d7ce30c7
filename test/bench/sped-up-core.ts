import type { Clock, TimerHandle } from '../../electron/core/ports/clock.js';
import type { DesktopNotification, Notifier } from '../../electron/core/ports/notifier.js';

/** Real time scaled up: timers fire `speed` times sooner, and `now()` runs that much faster. */
export function fastClock(speed: number): Clock {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * speed,
    setTimeout: (callback, ms) => setTimeout(callback, ms / speed) as unknown as TimerHandle,
    clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
  };
}

/** Remembers, on `now`, when a notification first carried each text (a page's title is its body). */
export class TimingNotifier implements Notifier {
  readonly supportsActions = true;
  readonly firstShown = new Map<string, number>();
  constructor(private readonly now: () => number) {}
  show(notification: DesktopNotification): void {
    if (!this.firstShown.has(notification.body)) {
      this.firstShown.set(notification.body, this.now());
    }
  }
  close(): void {}
  onAction(): () => void {
    return () => {};
  }
  dispose(): void {}
}
