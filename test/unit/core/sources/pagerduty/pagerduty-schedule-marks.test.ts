import { describe, expect, it } from 'vitest';
import {
  calendarFeedOf,
  v3OverrideIds,
  v3ScheduleShifts,
} from '../../../../../electron/core/sources/pagerduty/pagerduty-schedules.js';
import type { V3Schedule } from '../../../../../electron/core/sources/pagerduty/pagerduty-schemas.js';

const context = {
  sourceId: 'pd',
  meId: 'PJANE',
  names: new Map([['PJANE', 'Jane Doe']]),
  since: '2026-12-01T00:00:00Z',
};

const schedule: V3Schedule = {
  id: 'PS3',
  name: 'Payments',
  users: [
    { id: 'PJANE', summary: 'Jane Doe' },
    { id: 'PRAVI', summary: 'Ravi Patel' },
  ],
  final_schedule: {
    computed_shift_assignments: [
      {
        start_time: '2026-12-01T00:00:00Z',
        end_time: '2026-12-01T08:00:00Z',
        member: { type: 'user_member', user_id: 'PJANE' },
        source: { type: 'schedule_rotation' },
      },
      {
        start_time: '2026-12-01T08:00:00Z',
        end_time: '2026-12-01T10:00:00Z',
        member: { type: 'user_member', user_id: 'PRAVI' },
        source: { type: 'schedule_rotation_override', override_id: 'QA' },
      },
      {
        start_time: '2026-12-01T10:00:00Z',
        end_time: '2026-12-01T12:00:00Z',
        member: { type: 'user_member', user_id: 'PJANE' },
        source: { type: 'custom_shift_override', override_id: 'QB' },
      },
    ],
  },
};

describe('v3ScheduleShifts override marks', () => {
  it('marks the stretches an override holds, with whom each replaced where known', () => {
    expect(v3OverrideIds(schedule)).toEqual(['QA', 'QB']);
    const shifts = v3ScheduleShifts(schedule, context, new Map([['QA', 'PJANE']]));
    expect(shifts.map((s) => [s.userName, s.override])).toEqual([
      ['Jane Doe', undefined],
      ['Ravi Patel', { forUserName: 'Jane Doe' }],
      // Not in the list read (or an empty slot replaced): marked, without a name.
      ['Jane Doe', {}],
    ]);
  });

  it('marks nothing on a schedule whose final layer names no override', () => {
    const plain = {
      ...schedule,
      final_schedule: {
        computed_shift_assignments: schedule.final_schedule!.computed_shift_assignments.slice(0, 1),
      },
    };
    expect(v3OverrideIds(plain)).toEqual([]);
    expect(v3ScheduleShifts(plain, context).every((s) => s.override === undefined)).toBe(true);
  });
});

describe('calendarFeedOf', () => {
  const address = 'acme.pagerduty.com/private/ABC123/feed/PS3';

  it('takes both forms of the address, or derives webcal from https alone', () => {
    expect(
      calendarFeedOf({ web_cal_url: `webcal://${address}`, http_cal_url: `https://${address}` }),
    ).toEqual({ webcalUrl: `webcal://${address}`, httpsUrl: `https://${address}` });
    expect(calendarFeedOf({ http_cal_url: `https://${address}` })).toEqual({
      webcalUrl: `webcal://${address}`,
      httpsUrl: `https://${address}`,
    });
    expect(calendarFeedOf({ web_cal_url: `webcal://${address}` })).toEqual({
      webcalUrl: `webcal://${address}`,
    });
    // Upper-case schemes are the same address, written the way the keychain keeps it.
    expect(calendarFeedOf({ web_cal_url: `WEBCAL://${address}` })?.webcalUrl).toBe(
      `webcal://${address}`,
    );
  });

  it('has no feed for a missing address or one of another scheme', () => {
    expect(calendarFeedOf({})).toBeUndefined();
    expect(calendarFeedOf({ web_cal_url: null, http_cal_url: null })).toBeUndefined();
    expect(calendarFeedOf({ web_cal_url: 'javascript:alert(1)' })).toBeUndefined();
    expect(calendarFeedOf({ http_cal_url: `http://${address}` })).toBeUndefined();
    expect(calendarFeedOf({ web_cal_url: 'not a url' })).toBeUndefined();
  });
});
