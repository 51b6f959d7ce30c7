import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../../electron/core/ports/log.js';
import { watchPowerEvents } from '../../../electron/shell/power-events.js';
import { FakeClock } from '../../support/fake-clock.js';
import { net, powerMonitor, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

function setup() {
  const refreshAll = vi.fn();
  const clock = new FakeClock();
  const stop = watchPowerEvents({ refreshAll, log: silentLog, clock });
  return { refreshAll, clock, stop };
}

beforeEach(resetElectronFakes);

describe('power events', () => {
  it('polls every source when the machine wakes or the screen is unlocked', () => {
    const { refreshAll } = setup();
    powerMonitor.emit('resume');
    expect(refreshAll).toHaveBeenCalledTimes(1);
    powerMonitor.emit('unlock-screen');
    expect(refreshAll).toHaveBeenCalledTimes(2);
  });

  it('polls every source when the network comes back, checking every 10 s', async () => {
    const { refreshAll, clock } = setup();
    await clock.advance(30_000);
    expect(refreshAll).not.toHaveBeenCalled();

    net.isOnline.mockReturnValue(false);
    await clock.advance(10_000);
    expect(refreshAll).not.toHaveBeenCalled();

    net.isOnline.mockReturnValue(true);
    await clock.advance(9_999);
    expect(refreshAll).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(refreshAll).toHaveBeenCalledTimes(1);
    await clock.advance(60_000);
    expect(refreshAll).toHaveBeenCalledTimes(1);
  });

  it('stops watching', async () => {
    const { refreshAll, clock, stop } = setup();
    stop();
    expect(clock.pendingTimers()).toBe(0);
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    net.isOnline.mockReturnValue(false);
    await clock.advance(10_000);
    net.isOnline.mockReturnValue(true);
    await clock.advance(10_000);
    expect(refreshAll).not.toHaveBeenCalled();
  });
});
