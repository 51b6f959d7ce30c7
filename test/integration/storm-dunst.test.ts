import { describe, expect, it } from 'vitest';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import { canRunDunst, runStorm } from '../support/storm-run.js';

// Debian: xvfb, dunst, dbus, prometheus-alertmanager.
const ready = canRunDunst && commandOnPath('prometheus-alertmanager', process.env);
if (!ready) {
  console.warn(
    '\n*** SKIPPING storm-dunst.test.ts: needs Xvfb, dunst, dbus-run-session and ' +
      'prometheus-alertmanager. Install: apt-get install xvfb dunst dbus prometheus-alertmanager ***\n',
  );
}

describe.skipIf(!ready)('a storm of 1,000 new alerts at once, against dunst', () => {
  it('reaches the desktop as at most three notifications, with no process spawned', async () => {
    const storm = await runStorm(1000);

    // The scenario waits for the window to hold all 1,000 as triggered before it counts.
    expect(storm.alerts).toBe(1000);
    expect(storm.notificationsReceived).toBeGreaterThanOrEqual(1);
    expect(storm.notificationsReceived).toBeLessThanOrEqual(3);
    expect(storm.peakProcesses).toBe(1);
    expect(storm.sessionSurvivors).toEqual([]);
    // Acks from the window during the storm were answered and shown.
    expect(storm.ackShownMs.max).toBeGreaterThan(0);
  }, 240_000);
});
