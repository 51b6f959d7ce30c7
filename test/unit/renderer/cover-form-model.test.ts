import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../electron/common/model/shift.js';
import {
  filterTeammates,
  fromLocalInput,
  onCallElsewhere,
  toLocalInput,
} from '../../../renderer/features/schedule/cover-form-model.js';

const hour = 3_600_000;
const at = new Date(2026, 2, 2, 9, 30).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const shift = (more: Partial<Shift>): Shift => ({
  sourceId: 'pd',
  scheduleId: 'PCHK',
  scheduleName: 'Checkout primary',
  userName: 'Sam',
  userId: 'sam',
  isMe: true,
  start: iso(at),
  end: iso(at + 12 * hour),
  ...more,
});
const ravi = { id: 'PRAVI02', name: 'Ravi Patel', detail: 'ravi@example.com' };
const mei = { id: 'PMEI03', name: 'Mei Chen', detail: 'mei@example.com' };

describe('cover form', () => {
  it('round-trips local input times to the minute and refuses what is not a time', () => {
    expect(toLocalInput(at)).toBe('2026-03-02T09:30');
    expect(fromLocalInput('2026-03-02T09:30')).toBe(at);
    expect(fromLocalInput('')).toBeNaN();
    expect(fromLocalInput('tomorrow')).toBeNaN();
  });

  it('finds teammates by any words of their name or email', () => {
    expect(filterTeammates([ravi, mei], 'patel')).toEqual([ravi]);
    expect(filterTeammates([ravi, mei], 'mei example')).toEqual([mei]);
    expect(filterTeammates([ravi, mei], '  ')).toEqual([ravi, mei]);
  });

  it('says where a teammate is already on call during the range, never here', () => {
    const timeline = [
      shift({ userName: 'Ravi Patel', userId: 'PRAVI02', isMe: false }),
      shift({
        scheduleId: 'PPAY',
        scheduleName: 'Payments',
        userName: 'Ravi Patel',
        userId: 'PRAVI02',
        isMe: false,
      }),
      shift({
        scheduleId: 'PSRCH',
        scheduleName: 'Search',
        userName: 'Ravi Patel',
        userId: 'PRAVI02',
        isMe: false,
        start: iso(at + 20 * hour),
        end: iso(at + 30 * hour),
      }),
    ];
    const range = { start: at + hour, end: at + 3 * hour };
    expect(onCallElsewhere(timeline, ravi, range, { sourceId: 'pd', scheduleId: 'PCHK' })).toEqual([
      'Payments',
    ]);
    expect(onCallElsewhere(timeline, mei, range, { sourceId: 'pd', scheduleId: 'PCHK' })).toEqual(
      [],
    );
  });
});
