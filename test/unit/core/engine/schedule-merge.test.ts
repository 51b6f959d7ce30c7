import { describe, expect, it } from 'vitest';
import { mergeSchedule } from '../../../../electron/core/engine/schedule-merge.js';
import type { Shift } from '../../../../electron/common/model/shift.js';

const now = Date.parse('2026-11-22T09:00:00Z');
const hours = (h: number) => new Date(now + h * 3_600_000).toISOString();

function shift(overrides: Partial<Shift>): Shift {
  return {
    sourceId: 'pd',
    scheduleId: 'PRIMARY',
    scheduleName: 'Payments primary',
    userName: 'Alice',
    isMe: false,
    start: hours(-2),
    end: hours(6),
    ...overrides,
  };
}

describe('mergeSchedule', () => {
  it('says who is on call now per schedule, and until when', () => {
    const view = mergeSchedule(
      [
        shift({ userName: 'Alice' }),
        shift({ userName: 'Bob', start: hours(6), end: hours(30) }),
        shift({
          scheduleId: 'DB',
          scheduleName: 'Database',
          userName: 'Me',
          isMe: true,
          start: hours(-1),
          end: undefined,
        }),
      ],
      now,
    );
    expect(view.onCallNow).toEqual([
      {
        sourceId: 'pd',
        scheduleId: 'DB',
        scheduleName: 'Database',
        userNames: ['Me'],
        isMe: true,
        until: undefined,
      },
      {
        sourceId: 'pd',
        scheduleId: 'PRIMARY',
        scheduleName: 'Payments primary',
        userNames: ['Alice'],
        isMe: false,
        until: hours(6),
      },
    ]);
  });

  it('lists my shifts in the next 14 days, joining back-to-back ones and skipping past and far ones', () => {
    const view = mergeSchedule(
      [
        shift({ isMe: true, userName: 'Me', start: hours(-30), end: hours(-20) }),
        shift({ isMe: true, userName: 'Me', start: hours(24), end: hours(36) }),
        shift({ isMe: true, userName: 'Me', start: hours(36), end: hours(48) }),
        shift({ isMe: true, userName: 'Me', start: hours(15 * 24), end: hours(16 * 24) }),
        shift({ userName: 'Alice', start: hours(48), end: hours(60) }),
      ],
      now,
    );
    expect(view.myShifts.map((s) => [s.start, s.end])).toEqual([[hours(24), hours(48)]]);
    expect(view.windowEnd).toBe(hours(14 * 24));
  });

  it('finds handoffs where the person changes, and marks the ones that involve me', () => {
    const view = mergeSchedule(
      [
        shift({ userName: 'Alice', start: hours(-2), end: hours(6) }),
        shift({ userName: 'Me', isMe: true, start: hours(6), end: hours(18) }),
        shift({ userName: 'Me', isMe: true, start: hours(18), end: hours(30) }),
        shift({ userName: 'Bob', start: hours(30), end: hours(42) }),
      ],
      now,
    );
    expect(view.handoffs.map((h) => [h.at, h.from, h.to, h.involvesMe])).toEqual([
      [hours(6), 'Alice', 'Me', true],
      [hours(30), 'Me', 'Bob', true],
    ]);
  });

  it('keeps one copy of a shift two polls or two sources reported identically', () => {
    const same = shift({});
    const view = mergeSchedule([same, { ...same }], now);
    expect(view.timeline).toHaveLength(1);
    expect(view.onCallNow[0]!.userNames).toEqual(['Alice']);
  });

  it('merges several sources into one timeline, ordered by schedule and time', () => {
    const view = mergeSchedule(
      [
        shift({
          sourceId: 'og',
          scheduleId: 'ops',
          scheduleName: 'Ops',
          userName: 'Carol',
          start: hours(2),
          end: hours(8),
        }),
        shift({
          sourceId: 'og',
          scheduleId: 'ops',
          scheduleName: 'Ops',
          userName: 'Dan',
          start: hours(-4),
          end: hours(2),
        }),
        shift({}),
      ],
      now,
    );
    expect(view.timeline.map((s) => `${s.scheduleName}:${s.userName}`)).toEqual([
      'Ops:Dan',
      'Ops:Carol',
      'Payments primary:Alice',
    ]);
  });

  it('has nothing to say when no source knows a schedule', () => {
    expect(mergeSchedule([], now)).toMatchObject({
      onCallNow: [],
      myShifts: [],
      timeline: [],
      handoffs: [],
    });
  });
});
