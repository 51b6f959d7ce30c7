/**
 * Polls every source at once when the laptop wakes, is unlocked, or gets its network back: the
 * scheduled polls may be minutes away, and whatever paged meanwhile must show now.
 *
 * Electron's main process has no "online" event. The renderer has one, but the window may be
 * closed (the tray keeps watching without it), so we poll `net.isOnline()` instead: it reads the
 * OS's link state without touching the network, so every 10 s costs nothing.
 */
import { net, powerMonitor } from 'electron';
import { systemClock, type Clock, type TimerHandle } from '../core/ports/clock.js';
import type { Log } from '../core/ports/log.js';

export interface PowerEventsOptions {
  refreshAll(): void;
  log: Log;
  clock?: Clock;
  onlineCheckMs?: number;
}

/** Call once the app is ready (powerMonitor needs it); returns a function that stops watching. */
export function watchPowerEvents({
  refreshAll,
  log,
  clock = systemClock,
  onlineCheckMs = 10_000,
}: PowerEventsOptions): () => void {
  const refresh = (why: string) => () => {
    log.info(`${why}: polling every source now`);
    refreshAll();
  };
  const onResume = refresh('woke from sleep');
  const onUnlock = refresh('screen unlocked');
  const onOnline = refresh('network is back');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);

  let online = net.isOnline();
  let timer: TimerHandle;
  const checkOnline = () => {
    const now = net.isOnline();
    if (now && !online) onOnline();
    online = now;
    timer = clock.setTimeout(checkOnline, onlineCheckMs);
  };
  timer = clock.setTimeout(checkOnline, onlineCheckMs);

  return () => {
    clock.clearTimeout(timer);
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onUnlock);
  };
}
