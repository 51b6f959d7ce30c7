import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { ScheduleBook } from '../../../../electron/core/engine/schedule-book.js';
import { FakeClock } from '../../../support/fake-clock.js';

const shift = (overrides: Partial<Shift> = {}): Shift => ({
  sourceId: 'pd',
  scheduleId: 'primary',
  scheduleName: 'Primary',
  userName: 'sam',
  isMe: true,
  start: '2026-11-22T08:00:00.000Z',
  end: '2026-11-22T12:00:00.000Z',
  ...overrides,
});

function setup(start = '2026-11-22T09:00:00Z', timeZone = 'UTC') {
  const clock = new FakeClock(Date.parse(start));
  const book = new ScheduleBook(clock, timeZone);
  let changes = 0;
  book.changed.on(() => (changes += 1));
  return { clock, book, changes: () => changes };
}

describe('ScheduleBook', () => {
  it('is no news when a source reads the same rotation again', () => {
    const { book, changes } = setup();
    book.set('pd', [shift()]);
    const view = book.view();
    book.set('pd', [{ ...shift() }]);
    expect(changes()).toBe(1);
    expect(book.view()).toBe(view);
    expect(view.onCallNow).toMatchObject([{ scheduleName: 'Primary', userNames: ['sam'] }]);
  });

  it('derives the view again when a shift ends, and only then', async () => {
    const { clock, book, changes } = setup();
    book.set('pd', [shift()]);
    await clock.advance(3 * 60 * 60_000 - 1); // 11:59:59.999
    expect(changes()).toBe(1);
    await clock.advance(1);
    expect(changes()).toBe(2);
    expect(book.view().onCallNow).toEqual([]);
  });

  it('moves the window to the next day at local midnight', async () => {
    const { clock, book, changes } = setup('2026-11-22T23:00:00Z');
    expect(book.view().windowStart).toBe('2026-11-22T23:00:00.000Z');
    await clock.advance(60 * 60_000);
    expect(changes()).toBe(1);
    expect(book.view().windowStart).toBe('2026-11-23T00:00:00.000Z');
  });

  it('finds local midnight on a day with 23 hours', async () => {
    // New York springs forward on 2026-03-08: that day ends at 04:00 UTC, not 05:00.
    const { clock, changes } = setup('2026-03-08T05:30:00Z', 'America/New_York');
    await clock.advance(Date.parse('2026-03-09T04:00:00Z') - clock.now() - 1);
    expect(changes()).toBe(0);
    await clock.advance(1);
    expect(changes()).toBe(1);
  });

  it('forgets a source and stops its timer on stop', async () => {
    const { clock, book, changes } = setup();
    book.set('pd', [shift()]);
    book.remove('pd');
    book.remove('pd');
    expect(changes()).toBe(2);
    expect(book.view().timeline).toEqual([]);
    book.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
