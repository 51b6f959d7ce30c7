import { describe, expect, it } from 'vitest';
import type { CoverRequest } from '../../../../electron/common/model/cover.js';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { scheduleShowsCover } from '../../../../electron/core/schedule/cover-confirmation.js';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 9);
const iso = (h: number) => new Date(t0 + h * hour).toISOString();
const cover: CoverRequest = {
  sourceId: 'pd',
  scheduleId: 'PCHK',
  scheduleName: 'Checkout primary',
  start: iso(1),
  end: iso(3),
  coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
  forUser: { id: 'PJANE01', name: 'Jane Doe' },
};
const shift = (user: string, from: number, to: number, more: Partial<Shift> = {}): Shift => ({
  sourceId: 'pd',
  scheduleId: 'PCHK',
  scheduleName: 'Checkout primary',
  userName: user === 'PRAVI02' ? 'Ravi Patel' : 'Jane Doe',
  userId: user,
  isMe: user === 'PJANE01',
  start: iso(from),
  end: iso(to),
  ...more,
});

describe('a cover is confirmed by the schedule', () => {
  it('when the covering person is on call there for the whole range, in one piece or several', () => {
    expect(scheduleShowsCover(cover, [shift('PJANE01', 0, 1), shift('PRAVI02', 1, 3)])).toBe(true);
    expect(scheduleShowsCover(cover, [shift('PRAVI02', 1, 2), shift('PRAVI02', 2, 3)])).toBe(true);
  });

  it('not while the schedule still shows me, only part of the range, or another schedule', () => {
    expect(scheduleShowsCover(cover, [shift('PJANE01', 0, 12)])).toBe(false);
    expect(scheduleShowsCover(cover, [shift('PRAVI02', 1, 2)])).toBe(false);
    expect(scheduleShowsCover(cover, [shift('PRAVI02', 1, 3, { scheduleId: 'OTHER' })])).toBe(
      false,
    );
  });

  it('by name where the provider gives no user ids', () => {
    const unnamed = shift('PRAVI02', 1, 3, { userId: undefined });
    expect(scheduleShowsCover(cover, [unnamed])).toBe(true);
  });
});
