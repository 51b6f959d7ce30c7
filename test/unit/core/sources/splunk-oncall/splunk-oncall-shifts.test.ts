import { describe, expect, it } from 'vitest';
import {
  teamScheduleSchema,
  type PolicySchedule,
} from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-schemas.js';
import { policyShifts } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-shifts.js';

const t = (day: number, hour = 0) =>
  new Date(Date.UTC(2026, 10, 22 + day, hour)).toISOString().replace('.000Z', 'Z');
const user = (username: string) => ({ username });
const context = {
  sourceId: 'vo',
  username: 'alice',
  teamName: 'Ops',
  now: Date.parse(t(0, 9)),
};

function policy(schedule: unknown[], overrides: unknown[] = []): PolicySchedule {
  return teamScheduleSchema.parse({
    schedules: [{ policy: { name: 'Ops Primary', slug: 'pol-ops' }, schedule, overrides }],
  }).schedules[0]!;
}

const brief = (shifts: ReturnType<typeof policyShifts>) =>
  shifts.map((s) => `${s.userName} ${s.start.slice(5, 13)}→${s.end?.slice(5, 13)}`);

describe('Splunk On-Call shifts', () => {
  it('turns rolls into shifts named by team and policy, marking mine', () => {
    const shifts = policyShifts(
      policy([
        {
          onCallType: 'rotation_group',
          rolls: [
            { start: t(-1), end: t(2), onCallUser: user('alice'), isRoll: true },
            { start: t(2), end: t(9), onCallUser: user('bob'), isRoll: true },
          ],
        },
      ]),
      context,
    );
    expect(shifts).toEqual([
      {
        sourceId: 'vo',
        scheduleId: 'pol-ops',
        scheduleName: 'Ops / Ops Primary',
        userName: 'alice',
        isMe: true,
        start: '2026-11-21T00:00:00.000Z',
        end: '2026-11-24T00:00:00.000Z',
      },
      expect.objectContaining({ userName: 'bob', isMe: false }),
    ]);
  });

  it('cuts an override into the roll it covers; the overriding user wins', () => {
    const shifts = policyShifts(
      policy(
        [{ rolls: [{ start: t(2), end: t(9), onCallUser: user('bob'), isRoll: true }] }],
        [
          {
            start: t(4),
            end: t(5),
            origOnCallUser: user('bob'),
            overrideOnCallUser: user('alice'),
          },
          // Someone else's override does not touch bob's roll.
          {
            start: t(6),
            end: t(7),
            origOnCallUser: user('carol'),
            overrideOnCallUser: user('dave'),
          },
        ],
      ),
      context,
    );
    expect(brief(shifts)).toEqual([
      'bob 11-24T00→11-26T00',
      'alice 11-26T00→11-27T00',
      'bob 11-27T00→12-01T00',
    ]);
    expect(shifts[1]!.isMe).toBe(true);
    // Drawn as an override, naming whose roll it covers; the roll itself is not one.
    expect(shifts.map((s) => s.override)).toEqual([undefined, { forUserName: 'bob' }, undefined]);
  });

  it('clips an override that runs past the roll, and one without an original user', () => {
    const shifts = policyShifts(
      policy(
        [{ rolls: [{ start: t(0), end: t(1), onCallUser: user('bob'), isRoll: true }] }],
        [{ start: t(0, 12), end: t(3), overrideOnCallUser: user('carol') }],
      ),
      context,
    );
    expect(brief(shifts)).toEqual(['bob 11-22T00→11-22T12', 'carol 11-22T12→11-23T00']);
  });

  it("lets an entry's current override user win for the stretch holding now", () => {
    const shifts = policyShifts(
      policy([
        {
          onCallUser: user('carol'),
          overrideOnCallUser: user('bob'),
          rolls: [
            { start: t(-3), end: t(4), onCallUser: user('carol'), isRoll: true },
            { start: t(4), end: t(11), onCallUser: user('carol'), isRoll: true },
          ],
        },
      ]),
      context,
    );
    expect(brief(shifts)).toEqual(['bob 11-19T00→11-26T00', 'carol 11-26T00→12-03T00']);
    expect(shifts.map((s) => s.override)).toEqual([{ forUserName: 'carol' }, undefined]);
  });

  it('skips rolls nobody holds or with unreadable times', () => {
    const shifts = policyShifts(
      policy([
        {
          rolls: [
            { start: t(0), end: t(1), isRoll: true },
            { start: 'soon', end: t(2), onCallUser: user('bob'), isRoll: true },
            { start: t(2), end: t(2), onCallUser: user('bob'), isRoll: true },
          ],
        },
      ]),
      context,
    );
    expect(shifts).toEqual([]);
  });
});
