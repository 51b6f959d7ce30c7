import { describe, expect, it } from 'vitest';
import { AttentionCenter } from '../../../../electron/core/attention/attention-center.js';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';

const hour = 3_600_000;

function setup(
  shiftStarted: (shift: Shift) => Promise<{ title: string; body: string; ok: boolean }>,
) {
  const clock = new FakeClock();
  const notifier = new FakeNotifier();
  const ended: Shift[] = [];
  const center = new AttentionCenter({
    clock,
    log: silentLog,
    config: () => undefined,
    ringOf: () => ({ rings: true, reason: 'Rings' }),
    notifier,
    intervalOf: () => undefined,
    ack: () => Promise.resolve(),
    openIncident: () => {},
    sourceName: () => undefined,
    onChange: () => {},
    timeZone: 'UTC',
    shiftStarted,
    shiftEnded: (shift) => ended.push(shift),
  });
  const shift: Shift = {
    sourceId: 'pd',
    scheduleId: 'P1',
    scheduleName: 'Checkout',
    userName: 'Ana',
    isMe: true,
    start: new Date(clock.now() + hour).toISOString(),
    end: new Date(clock.now() + 3 * hour).toISOString(),
  };
  center.myShiftsChanged([shift]);
  return { clock, notifier, ended, center, shift };
}

describe('the start and end of my shift', () => {
  it('shows the checked notice at the start, loud when something is not OK, and tells the end', async () => {
    const { clock, notifier, ended, center, shift } = setup(async () => ({
      ok: false,
      title: "You're on call for Checkout until Tue 12:00, but a source is not OK",
      body: 'PagerDuty: the credential check failed (401).',
    }));
    await clock.advance(hour);
    const start = notifier.history.at(-1);
    expect(start).toMatchObject({
      title: "You're on call for Checkout until Tue 12:00, but a source is not OK",
      urgency: 'critical',
    });
    expect(ended).toEqual([]);
    await clock.advance(2 * hour);
    expect(ended).toEqual([shift]);
    center.stop();
  });

  it('falls back to the plain reminder when the check itself fails', async () => {
    const { clock, notifier, center } = setup(() => Promise.reject(new Error('boom')));
    await clock.advance(hour);
    expect(notifier.history.at(-1)).toMatchObject({
      title: 'Your on-call shift for Checkout starts now',
      urgency: 'normal',
    });
    center.stop();
  });
});
