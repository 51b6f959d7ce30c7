import { describe, expect, it } from 'vitest';
import {
  ShiftReminders,
  type ShiftReminder,
} from '../../../../electron/core/attention/shift-reminders.js';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { FakeClock } from '../../../support/fake-clock.js';

const t0 = Date.parse('2026-11-22T09:00:00Z');
const hour = 3_600_000;
const at = (h: number) => new Date(t0 + h * hour).toISOString();

const myShift: Shift = {
  sourceId: 'pd',
  scheduleId: 'PRIMARY',
  scheduleName: 'Payments primary',
  userName: 'Me',
  isMe: true,
  start: at(2),
  end: at(10),
};

function setup() {
  const clock = new FakeClock(t0);
  const heard: ShiftReminder[] = [];
  const reminders = new ShiftReminders(clock, (r) => heard.push(r), 'UTC');
  return { clock, heard, reminders };
}

describe('ShiftReminders', () => {
  it('announces my shift 30 minutes ahead, at its start and one hour before its end, each once', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([myShift]);
    await clock.advance(1.5 * hour - 1);
    expect(heard).toEqual([]);
    await clock.advance(1);
    expect(heard.map((r) => r.title)).toEqual([
      'Your on-call shift for Payments primary starts at 11:00',
    ]);
    await clock.advance(0.5 * hour);
    expect(heard.map((r) => r.title)).toEqual([
      'Your on-call shift for Payments primary starts at 11:00',
      'Your on-call shift for Payments primary starts now',
    ]);
    expect(heard[1]!.body).toBe('Until 19:00.');
    reminders.update([myShift]); // the schedule is re-read every few minutes
    await clock.advance(7 * hour);
    expect(heard.map((r) => r.title).slice(1)).toEqual([
      'Your on-call shift for Payments primary starts now',
      'Your shift for Payments primary ends in an hour',
    ]);
    expect(heard[2]!.body).toBe('Hand over at 19:00.');
    await clock.advance(24 * hour);
    expect(heard).toHaveLength(3);
  });

  it('can be told not to announce a shift ahead of its start', async () => {
    const clock = new FakeClock(t0);
    const heard: ShiftReminder[] = [];
    new ShiftReminders(clock, (r) => heard.push(r), 'UTC', 0).update([myShift]);
    await clock.advance(2 * hour);
    expect(heard.map((r) => r.title)).toEqual([
      'Your on-call shift for Payments primary starts now',
    ]);
  });

  it('drops the reminders of a shift that disappeared from the schedule', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([myShift]);
    reminders.update([]);
    await clock.advance(24 * hour);
    expect(heard).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not announce a start that is already past, but still the coming end', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([{ ...myShift, start: at(-1) }]);
    await clock.advance(24 * hour);
    expect(heard.map((r) => r.id.split('/').at(-1))).toEqual(['ending']);
  });

  it('has no end reminder for a shift without an end', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([{ ...myShift, end: undefined }]);
    await clock.advance(48 * hour);
    expect(heard.map((r) => r.body)).toEqual([
      'Check that every source is green before it begins.',
      'It has no set end.',
    ]);
    reminders.stop();
  });

  it('moves the coming reminder when the lead time changes, without announcing one twice', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([myShift]);
    reminders.setStartsSoonMs(hour);
    await clock.advance(hour - 1);
    expect(heard).toEqual([]);
    await clock.advance(1);
    expect(heard.map((r) => r.id)).toEqual([`pd/PRIMARY/${myShift.start}/soon`]);

    // Told already: a shorter lead does not tell it again at the new moment.
    reminders.setStartsSoonMs(15 * 60_000);
    reminders.update([myShift]);
    await clock.advance(hour);
    expect(heard.map((r) => r.id.split('/').at(-1))).toEqual(['soon', 'start']);
    reminders.stop();
  });

  it('skips a reminder whose new moment has passed, and stops reminding ahead at 0', async () => {
    const { clock, heard, reminders } = setup();
    const later = { ...myShift, start: at(11), end: at(13) };
    reminders.update([myShift, later]);
    await clock.advance(1.25 * hour); // 45 minutes before the first shift
    reminders.setStartsSoonMs(hour);
    reminders.setStartsSoonMs(0);
    expect(clock.pendingTimers()).toBe(4); // two starts, two ends: nothing ahead of either
    await clock.advance(12 * hour);
    expect(heard.map((r) => r.id.split('/').at(-1))).toEqual([
      'start',
      'ending',
      'start',
      'ending',
    ]);
  });

  it('arms the reminder again when the lead time grows back before its moment', async () => {
    const { clock, heard, reminders } = setup();
    reminders.update([myShift]);
    reminders.setStartsSoonMs(0);
    reminders.setStartsSoonMs(45 * 60_000);
    await clock.advance(1.25 * hour);
    expect(heard.map((r) => r.moment)).toEqual(['soon']);
    reminders.stop();
  });
});
