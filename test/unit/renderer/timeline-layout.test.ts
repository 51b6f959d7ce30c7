import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorSlot, layoutTimeline } from '../../../renderer/features/schedule/timeline-layout.js';
import { shift } from './fixtures.js';

// Day columns are local days, so every expectation here is pinned to a named time zone.
const originalTz = process.env.TZ;
const useTz = (tz: string) => {
  process.env.TZ = tz;
};
beforeAll(() => useTz('UTC'));
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const hour = 3_600_000;
const day = 24 * hour;
// Monday 3 March 2025 to Monday 17 March, UTC.
const window = { windowStart: '2025-03-03T00:00:00Z', windowEnd: '2025-03-17T00:00:00Z' };
const nowMs = Date.parse('2025-03-05T12:00:00Z');
const pctOf = (ms: number) => (ms / (14 * day)) * 100;

function layout(shifts: Parameters<typeof layoutTimeline>[0]['shifts'], now = nowMs) {
  return layoutTimeline({ ...window, shifts, nowMs: now });
}

describe('layoutTimeline: days', () => {
  it('has one column per local day, labelled, with today and weekends marked', () => {
    const { days, nowPct } = layout([]);
    expect(days).toHaveLength(14);
    expect(days[0]).toMatchObject({
      key: '2025-03-03',
      weekday: 'Mon',
      dayOfMonth: 3,
      month: 'Mar',
      leftPct: 0,
      isToday: false,
      isWeekend: false,
    });
    expect(days[0]!.widthPct).toBeCloseTo(100 / 14);
    expect(days[1]!.month).toBeNull();
    expect(days[2]!.isToday).toBe(true);
    expect(days.filter((d) => d.isWeekend).map((d) => d.weekday)).toEqual([
      'Sat',
      'Sun',
      'Sat',
      'Sun',
    ]);
    expect(nowPct).toBeCloseTo(pctOf(2.5 * day));
  });

  it('starts at the local midnight before a window that starts mid-day', () => {
    const { days, startMs } = layoutTimeline({
      windowStart: '2025-03-03T14:23:00Z',
      windowEnd: '2025-03-17T14:23:00Z',
      shifts: [],
      nowMs,
    });
    expect(startMs).toBe(Date.parse('2025-03-03T00:00:00Z'));
    expect(days.map((d) => d.key).at(-1)).toBe('2025-03-17');
  });

  it('names the month where it changes', () => {
    const { days } = layoutTimeline({
      windowStart: '2025-03-25T00:00:00Z',
      windowEnd: '2025-04-08T00:00:00Z',
      shifts: [],
      nowMs,
    });
    expect(days.filter((d) => d.month).map((d) => `${d.month} ${d.dayOfMonth}`)).toEqual([
      'Mar 25',
      'Apr 1',
    ]);
  });

  it('has no "now" outside the timeline, and nothing at all for a broken window', () => {
    expect(layout([], Date.parse('2025-04-01T00:00:00Z')).nowPct).toBeNull();
    const broken = layoutTimeline({ windowStart: 'x', windowEnd: 'y', shifts: [], nowMs });
    expect(broken.days).toEqual([]);
    expect(broken.rows).toEqual([]);
    const backwards = layoutTimeline({
      windowStart: window.windowEnd,
      windowEnd: window.windowStart,
      shifts: [],
      nowMs,
    });
    expect(backwards.days).toEqual([]);
  });
});

describe('layoutTimeline: shifts', () => {
  it('positions a shift by its start and end', () => {
    const [row] = layout([
      shift({ start: '2025-03-04T09:00:00Z', end: '2025-03-04T17:00:00Z' }),
    ]).rows;
    const [block] = row!.blocks;
    expect(block!.leftPct).toBeCloseTo(pctOf(day + 9 * hour));
    expect(block!.widthPct).toBeCloseTo(pctOf(8 * hour));
    expect(block).toMatchObject({ lane: 0, clippedStart: false, clippedEnd: false });
  });

  it('clips shifts to the timeline and drops those outside it', () => {
    const [row] = layout([
      shift({ userName: 'before', start: '2025-03-01T00:00:00Z', end: '2025-03-03T12:00:00Z' }),
      shift({ userName: 'after', start: '2025-03-16T12:00:00Z', end: '2025-03-20T00:00:00Z' }),
      shift({ userName: 'forever', scheduleId: 'P2', start: '2025-03-10T00:00:00Z' }),
      shift({ userName: 'gone', start: '2025-02-01T00:00:00Z', end: '2025-03-03T00:00:00Z' }),
      shift({ userName: 'later', start: '2025-03-17T00:00:00Z', end: '2025-03-18T00:00:00Z' }),
      shift({ userName: 'empty', start: '2025-03-05T00:00:00Z', end: '2025-03-05T00:00:00Z' }),
      shift({ userName: 'garbage', start: 'soon', end: '2025-03-05T00:00:00Z' }),
    ]).rows;
    const byUser = Object.fromEntries(row!.blocks.map((b) => [b.shift.userName, b]));
    expect(Object.keys(byUser).sort()).toEqual(['after', 'before']);
    expect(byUser.before).toMatchObject({ leftPct: 0, clippedStart: true, clippedEnd: false });
    expect(byUser.before!.widthPct).toBeCloseTo(pctOf(12 * hour));
    expect(byUser.after).toMatchObject({ clippedStart: false, clippedEnd: true });
    expect(byUser.after!.leftPct + byUser.after!.widthPct).toBeCloseTo(100);
  });

  it('runs a shift without an end to the right edge', () => {
    const { rows } = layout([shift({ start: '2025-03-10T00:00:00Z' })]);
    expect(rows[0]!.blocks[0]).toMatchObject({ clippedEnd: true });
    expect(rows[0]!.blocks[0]!.leftPct + rows[0]!.blocks[0]!.widthPct).toBeCloseTo(100);
  });

  it('stacks overlapping shifts in lanes and lets back-to-back ones share a lane', () => {
    const [row] = layout([
      shift({ userName: 'a', start: '2025-03-04T00:00:00Z', end: '2025-03-05T00:00:00Z' }),
      shift({ userName: 'b', start: '2025-03-05T00:00:00Z', end: '2025-03-06T00:00:00Z' }),
      shift({ userName: 'c', start: '2025-03-04T12:00:00Z', end: '2025-03-05T12:00:00Z' }),
      shift({ userName: 'd', start: '2025-03-04T18:00:00Z', end: '2025-03-04T20:00:00Z' }),
    ]).rows;
    const lanes = Object.fromEntries(row!.blocks.map((b) => [b.shift.userName, b.lane]));
    expect(lanes).toEqual({ a: 0, b: 0, c: 1, d: 2 });
    expect(row!.lanes).toBe(3);
  });

  it('makes one row per schedule and source, sorted by name, marking mine', () => {
    const { rows } = layout([
      shift({ scheduleId: 'P2', scheduleName: 'Secondary', start: '2025-03-04T00:00:00Z' }),
      shift({ scheduleId: 'P1', scheduleName: 'Primary', start: '2025-03-04T00:00:00Z' }),
      shift({
        sourceId: 'og',
        scheduleId: 'P1',
        scheduleName: 'Primary',
        isMe: true,
        start: '2025-03-05T00:00:00Z',
      }),
    ]);
    expect(rows.map((r) => [r.sourceId, r.scheduleName, r.hasMe])).toEqual([
      ['og', 'Primary', true],
      ['pd', 'Primary', false],
      ['pd', 'Secondary', false],
    ]);
  });
});

describe('layoutTimeline across daylight-saving changes', () => {
  afterAll(() => useTz('UTC'));

  it('gives the 23-hour spring-forward day its true width (Europe/Berlin)', () => {
    useTz('Europe/Berlin');
    const { days, startMs, endMs, rows } = layoutTimeline({
      windowStart: '2025-03-24T00:00:00+01:00',
      windowEnd: '2025-04-07T00:00:00+02:00',
      shifts: [shift({ start: '2025-03-31T00:00:00+02:00', end: '2025-03-31T08:00:00+02:00' })],
      nowMs,
    });
    expect(endMs - startMs).toBe(14 * day - hour);
    const total = endMs - startMs;
    const sunday = days.find((d) => d.key === '2025-03-30')!;
    const monday = days.find((d) => d.key === '2025-03-31')!;
    expect(sunday.weekday).toBe('Sun');
    expect(sunday.widthPct).toBeCloseTo(((23 * hour) / total) * 100);
    expect(monday.widthPct).toBeCloseTo((day / total) * 100);
    // A shift from local midnight starts exactly on the day's gridline.
    expect(rows[0]!.blocks[0]!.leftPct).toBeCloseTo(monday.leftPct);
    expect(days.map((d) => d.key)).toHaveLength(14);
  });

  it('gives the 25-hour fall-back day its true width (America/New_York)', () => {
    useTz('America/New_York');
    const { days, startMs, endMs } = layoutTimeline({
      windowStart: '2025-10-27T00:00:00-04:00',
      windowEnd: '2025-11-10T00:00:00-05:00',
      shifts: [],
      nowMs,
    });
    const total = endMs - startMs;
    expect(total).toBe(14 * day + hour);
    const sunday = days.find((d) => d.key === '2025-11-02')!;
    expect(sunday.widthPct).toBeCloseTo(((25 * hour) / total) * 100);
    const next = days[days.indexOf(sunday) + 1]!;
    expect(next.leftPct).toBeCloseTo(sunday.leftPct + sunday.widthPct);
    expect(next.leftPct).toBeCloseTo(
      ((Date.parse('2025-11-03T00:00:00-05:00') - startMs) / total) * 100,
    );
  });
});

describe('colorSlot', () => {
  it('is stable per name and within range', () => {
    expect(colorSlot('Dana', 6)).toBe(colorSlot('Dana', 6));
    for (const name of ['Dana', 'Sam', 'Ana María', '李雷', '']) {
      expect(colorSlot(name, 6)).toBeGreaterThanOrEqual(0);
      expect(colorSlot(name, 6)).toBeLessThan(6);
    }
  });
});
