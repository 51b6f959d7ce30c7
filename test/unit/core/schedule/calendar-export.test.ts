import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { mergeSchedule } from '../../../../electron/core/engine/schedule-merge.js';
import { exportCalendar, shiftUid } from '../../../../electron/core/schedule/calendar-export.js';
import { ShiftRevisions } from '../../../../electron/core/schedule/shift-revisions.js';
import { parseBack } from '../../../support/icalendar-parse-back.js';
import { prop, readCalendar, readUtc, unescapeText } from '../../../support/icalendar-reader.js';

const hour = 60 * 60_000;
const berlin = (y: number, mo: number, d: number, h: number) =>
  new TZDate(y, mo - 1, d, h, 0, 0, 'Europe/Berlin').getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function shift(
  user: string,
  start: number,
  end: number | undefined,
  more: Partial<Shift> = {},
): Shift {
  return {
    sourceId: 'pd',
    scheduleId: 'PCHK',
    scheduleName: 'Checkout, primary',
    userName: user,
    userId: user.toLowerCase(),
    isMe: user === 'Sam',
    start: iso(start),
    end: end === undefined ? undefined : iso(end),
    ...more,
  };
}

// Europe/Berlin leaves CET for CEST at 02:00 local on Sunday 29 March 2026.
const now = berlin(2026, 3, 27, 12);
const shifts = [
  shift('Alex', berlin(2026, 3, 27, 8), berlin(2026, 3, 28, 8)),
  shift('Sam', berlin(2026, 3, 28, 8), berlin(2026, 3, 30, 8)),
  shift('Kim', berlin(2026, 3, 30, 8), berlin(2026, 3, 31, 8)),
];

function exported(
  list: Shift[],
  scope: Parameters<typeof exportCalendar>[0]['scope'],
  revisedAt: (shift: Shift) => number | undefined = () => undefined,
) {
  return exportCalendar({
    view: mergeSchedule(list, now),
    scope,
    now,
    revisedAt,
    sourceName: () => 'PagerDuty; prod',
  });
}

describe('exportCalendar', () => {
  it('writes my shift across a daylight-saving change in exact UTC, read back to the same local hours', () => {
    const file = exported(shifts, { kind: 'mine' });
    expect(file.fileName).toBe('onwatch-my-shifts.ics');
    const events = readCalendar(file.text).children;
    expect(events).toHaveLength(1);
    const start = readUtc(prop(events[0]!, 'DTSTART')!);
    const end = readUtc(prop(events[0]!, 'DTEND')!);
    expect(prop(events[0]!, 'DTSTART')).toBe('20260328T070000Z');
    expect(prop(events[0]!, 'DTEND')).toBe('20260330T060000Z');
    // 08:00 to 08:00 local is 47 hours, not 48, across the change.
    expect(end - start).toBe(47 * hour);
    expect(new TZDate(start, 'Europe/Berlin').getHours()).toBe(8);
    expect(new TZDate(end, 'Europe/Berlin').getHours()).toBe(8);

    // Mozilla's parser reads the same two instants, in UTC, under the same UID.
    const [parsed] = parseBack(file.text).events;
    expect(parsed).toMatchObject({ uid: shiftUid(shifts[1]!), start, end, allUtc: true });
  });

  it('names the schedule and the handoff partners, escaped', () => {
    const event = readCalendar(exported(shifts, { kind: 'mine' }).text).children[0]!;
    expect(unescapeText(prop(event, 'SUMMARY')!)).toBe('On call: Checkout, primary');
    expect(unescapeText(prop(event, 'DESCRIPTION')!)).toBe(
      'Checkout, primary on PagerDuty; prod\nTakes over from Alex.\nHands over to Kim.',
    );
  });

  it('gives a shift the same UID in every export, and different shifts different ones', () => {
    const first = readCalendar(exported(shifts, { kind: 'mine' }).text).children[0]!;
    const later = exportCalendar({
      view: mergeSchedule(shifts, now + 2 * hour),
      scope: { kind: 'mine' },
      now: now + 2 * hour,
      revisedAt: () => undefined,
      sourceName: () => 'x',
    });
    expect(prop(readCalendar(later.text).children[0]!, 'UID')).toBe(prop(first, 'UID'));
    expect(prop(first, 'UID')).toBe(shiftUid(shifts[1]!));
    expect(new Set(shifts.map(shiftUid)).size).toBe(3);
    expect(prop(first, 'UID')).toMatch(/^[0-9a-f]{32}@onwatch$/);
  });

  it('stamps each event with when its shift last changed, not the export time', () => {
    const revisions = new ShiftRevisions();
    revisions.note('pd', shifts, now - 5 * hour);
    const event = readCalendar(
      exported(shifts, { kind: 'mine' }, (s) => revisions.revisedAt(s)).text,
    ).children[0]!;
    expect(readUtc(prop(event, 'DTSTAMP')!)).toBe(now - 5 * hour);

    // Polled again unchanged: same stamp; the end moved: the stamp moves with it.
    revisions.note('pd', shifts, now - hour);
    expect(revisions.revisedAt(shifts[1]!)).toBe(now - 5 * hour);
    const moved = { ...shifts[1]!, end: iso(berlin(2026, 3, 29, 20)) };
    revisions.note('pd', [shifts[0]!, moved, shifts[2]!], now - hour);
    expect(revisions.revisedAt(moved)).toBe(now - hour);
  });

  it('exports a whole schedule with whose shift each event is', () => {
    const file = exported(shifts, { kind: 'schedule', sourceId: 'pd', scheduleId: 'PCHK' });
    expect(file.fileName).toBe('onwatch-checkout-primary.ics');
    const summaries = readCalendar(file.text).children.map((e) =>
      unescapeText(prop(e, 'SUMMARY')!),
    );
    expect(summaries).toEqual([
      'Alex on call: Checkout, primary',
      'Sam on call: Checkout, primary',
      'Kim on call: Checkout, primary',
    ]);
  });

  it('cuts a shift without an end at the window end and says so', () => {
    const forever = [shift('Sam', now - hour, undefined)];
    const event = readCalendar(exported(forever, { kind: 'mine' }).text).children[0]!;
    expect(readUtc(prop(event, 'DTEND')!)).toBe(now + 14 * 24 * hour);
    expect(unescapeText(prop(event, 'DESCRIPTION')!)).toContain('no set end');
  });

  it('refuses a schedule it has no shifts for, with a reason', () => {
    expect(() =>
      exported(shifts, { kind: 'schedule', sourceId: 'pd', scheduleId: 'NOPE' }),
    ).toThrow('That schedule has no shifts in the next 14 days.');
  });
});
