import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { shiftSchema } from '../../../../../electron/common/model/shift.js';
import { systemClock } from '../../../../../electron/core/ports/clock.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import { startPagerDutyFake, type PagerDutyFake } from '../../../../fakes/pagerduty-fake.js';

/*
 * fetchShifts against the fake: the responder's on-calls from /oncalls, then each schedule
 * they are on, read through /v3 first and /schedules for a classic one (the fake has one of
 * each, as PagerDuty's schedule upgrade leaves accounts).
 */

const day = 24 * 3_600_000;
let fake: PagerDutyFake;
let now: number;

beforeEach(async () => {
  fake = await startPagerDutyFake();
  now = Date.now();
});

afterEach(async () => {
  await fake.stop();
});

function source(token = fake.tokens.user) {
  const config = pagerDutySourceConfigSchema.parse({
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: fake.me.email,
    apiBaseUrl: fake.baseUrl,
  });
  return new PagerDutySource({ config, secrets: { token }, clock: systemClock });
}

const signal = () => AbortSignal.timeout(5000);
const fortnight = () => ({ since: now, until: now + 14 * day });

describe('fetchShifts', () => {
  it('asks for my on-calls in the window, then each schedule: v3 first, v2 on a 400', async () => {
    await source().fetchShifts(fortnight(), signal());

    const since = new Date(now).toISOString();
    const until = new Date(now + 14 * day).toISOString();
    const calls = fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual([
      'GET /users/me 200',
      'GET /oncalls 200',
      'GET /v3/schedules/PSCHV2A 400',
      'GET /schedules/PSCHV2A 200',
      'GET /v3/schedules/PSCHV3B 200',
    ]);
    const query = (path: string) => fake.requests.find((r) => r.path === path)!.query;
    expect(query('/oncalls')).toEqual([
      ['user_ids[]', 'PJANE01'],
      ['since', since],
      ['until', until],
      ['limit', '100'],
      ['offset', '0'],
    ]);
    expect(query('/v3/schedules/PSCHV3B')).toEqual([
      ['include[]', 'final_schedule'],
      ['since', since],
      ['until', until],
      ['overflow', 'true'],
    ]);
    expect(query('/schedules/PSCHV2A')).toEqual([
      ['since', since],
      ['until', until],
      ['overflow', 'true'],
    ]);
  });

  it('remembers which schedules are classic, so later polls skip the failing v3 call', async () => {
    const pd = source();
    await pd.fetchShifts(fortnight(), signal());
    const before = fake.requests.length;
    await pd.fetchShifts(fortnight(), signal());

    expect(fake.requests.slice(before).map((r) => r.path)).toEqual([
      '/oncalls',
      '/schedules/PSCHV2A',
      '/v3/schedules/PSCHV3B',
    ]);
  });

  it('maps everyone on my schedules, marking my own shifts', async () => {
    const shifts = await source().fetchShifts(fortnight(), signal());

    for (const shift of shifts) expect(shiftSchema.parse(shift)).toEqual(shift);
    const onSchedule = (id: string) => shifts.filter((s) => s.scheduleId === id);
    // Classic: Jane and Ravi alternate 12 h turns; shift-based: Mei, Jane, Ravi in 8 h turns.
    expect(new Set(onSchedule('PSCHV2A').map((s) => s.userName))).toEqual(
      new Set(['Jane Doe', 'Ravi Patel']),
    );
    expect(new Set(onSchedule('PSCHV3B').map((s) => s.userName))).toEqual(
      new Set(['Mei Chen', 'Jane Doe', 'Ravi Patel']),
    );
    expect(onSchedule('PSCHV2A')[0]?.scheduleName).toBe('Checkout primary');
    expect(onSchedule('PSCHV3B')[0]?.scheduleName).toBe('Payments follow-the-sun');
    for (const shift of [...onSchedule('PSCHV2A'), ...onSchedule('PSCHV3B')]) {
      expect(shift.isMe).toBe(shift.userId === 'PJANE01');
      expect(Date.parse(shift.end!)).toBeGreaterThan(now);
      expect(Date.parse(shift.start)).toBeLessThan(now + 14 * day);
    }
    // 14 days of 12 h turns is 28 or 29 entries, depending on where the window starts.
    expect(onSchedule('PSCHV2A').length).toBeGreaterThanOrEqual(28);
  });

  it('marks the stretches an override holds on a classic schedule, however it was made', async () => {
    const start = new Date(Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
    const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
    fake.state.overrides.push({
      id: 'POVELSE',
      scheduleId: 'PSCHV2A',
      userId: 'PMEIC03',
      start,
      end,
      seq: 1,
    });
    const shifts = (await source().fetchShifts(fortnight(), signal())).filter(
      (s) => s.scheduleId === 'PSCHV2A',
    );
    const marked = shifts.filter((s) => s.override);
    expect(marked).toEqual([
      expect.objectContaining({ userName: 'Mei Chen', start, end, override: {} }),
    ]);
    expect(shifts.length).toBeGreaterThan(marked.length);
  });

  it('includes my escalation-policy on-calls with their level', async () => {
    const shifts = await source().fetchShifts(fortnight(), signal());

    const policyShifts = shifts.filter((s) => s.scheduleId.startsWith('PEP'));
    expect(policyShifts.length).toBeGreaterThan(0);
    expect(policyShifts.every((s) => s.isMe && s.userName === 'Jane Doe')).toBe(true);
    const levels = new Set(policyShifts.map((s) => `${s.scheduleName} L${s.escalationLevel}`));
    expect(levels).toEqual(
      new Set(['Checkout on-call L1', 'Checkout on-call L2', 'Payments escalation L1']),
    );
  });

  it('asks /oncalls for at most the 90 days PagerDuty allows', async () => {
    await source().fetchShifts({ since: now, until: now + 365 * day }, signal());

    const oncalls = new URLSearchParams(fake.requests.find((r) => r.path === '/oncalls')!.query);
    expect(Date.parse(oncalls.get('until')!) - Date.parse(oncalls.get('since')!)).toBe(90 * day);
  });

  it('works with an account key, as the user the email names', async () => {
    const shifts = await source(fake.tokens.account).fetchShifts(fortnight(), signal());

    expect(shifts.some((s) => s.isMe)).toBe(true);
  });
});
