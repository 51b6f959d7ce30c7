import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverRequest } from '../../electron/common/model/cover.js';
import { pagerDutySourceConfigSchema } from '../../electron/common/providers/pagerduty.js';
import { mergeSchedule } from '../../electron/core/engine/schedule-merge.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { CoverDesk } from '../../electron/core/schedule/cover-desk.js';
import type { CoverTarget } from '../../electron/core/sources/coverage.js';
import { PagerDutySource } from '../../electron/core/sources/pagerduty/pagerduty-source.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { ApiContract, startRecordingProxy, type Exchange } from '../support/api-contract.js';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { specPath } from '../support/spec-location.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * Cover on a shift-based (v3) PagerDuty schedule, against the loopback fake over real sockets:
 * the override names the rotation and the replaced member (read from the final layer), every
 * request and answer is checked against the /v3 paths of PagerDuty's spec, the final layer
 * then shows the teammate, a 201 that does not bring back every override asked for is a
 * failed cover (and what was made is undone), and a create whose answer was lost is found
 * again instead of made twice.
 */

const specFile = specPath('pagerduty-rest-v2.openapi.json');
const hour = 3_600_000;
const signal = () => AbortSignal.timeout(10_000);
const v3Schedule = 'PSCHV3B';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sourceAt(baseUrl: string, fake: PagerDutyFake) {
  const source = new PagerDutySource({
    config: pagerDutySourceConfigSchema.parse({
      kind: 'pagerduty',
      id: 'pd',
      name: 'PagerDuty',
      email: fake.me.email,
      apiBaseUrl: baseUrl,
    }),
    secrets: { token: fake.tokens.user },
    clock: systemClock,
  });
  cleanups.push(async () => source.dispose());
  return source;
}

/** The schedule as the poll reads it, and Jane's turns on the shift-based one from now on. */
async function poll(source: PagerDutySource) {
  const now = Date.now();
  const shifts = await source.fetchShifts({ since: now, until: now + 14 * 24 * hour }, signal());
  const view = mergeSchedule(shifts, now);
  const janes = view.myShifts.filter(
    (s) => s.scheduleId === v3Schedule && Date.parse(s.start) > now,
  );
  return { view, janes };
}

function coverOf(start: number, end: number, coverId = 'c1'): CoverTarget {
  return {
    coverId,
    requestedAt: Date.now(),
    scheduleId: v3Schedule,
    start,
    end,
    coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
    forUser: { id: 'PJANE01', name: 'Jane Doe' },
  };
}

const raviCovers = (
  view: Awaited<ReturnType<typeof poll>>['view'],
  target: Pick<CoverTarget, 'start' | 'end'>,
) =>
  view.timeline.some(
    (s) =>
      s.scheduleId === v3Schedule &&
      s.userId === 'PRAVI02' &&
      Date.parse(s.start) === target.start &&
      Date.parse(s.end ?? '') === target.end,
  );

describe.skipIf(!specFile)('PagerDuty v3 overrides (contract)', () => {
  it('names the rotation and the replaced member, stays within the spec, and the final layer shows the cover', async () => {
    const contract = await ApiContract.load(specFile!, { basePath: '/' });
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const proxy = await startRecordingProxy(fake.baseUrl);
    cleanups.push(proxy.stop);
    const source = sourceAt(proxy.url, fake);
    const { janes } = await poll(source);
    const shiftStart = Date.parse(janes[0]!.start);
    const target = coverOf(shiftStart + hour, shiftStart + 3 * hour);
    const coverage = source.coverage;

    expect(await coverage.whyNot(v3Schedule, signal())).toBeUndefined();
    expect(await coverage.findCover(target, signal())).toBeUndefined();
    expect(await coverage.createCover(target, signal())).toEqual({});
    expect(fake.state.v3Overrides).toMatchObject([
      {
        rotationId: `R${v3Schedule}`,
        overridden: 'PJANE01',
        overriding: 'PRAVI02',
        start: target.start,
        end: target.end,
      },
    ]);
    expect(await coverage.findCover(target, signal())).toEqual({});
    // Asked again (a retry the outbox could not tell had landed): nothing more is made.
    expect(await coverage.createCover(target, signal())).toEqual({});
    expect(fake.state.v3Overrides).toHaveLength(1);
    expect(raviCovers((await poll(source)).view, target)).toBe(true);

    // Running by the clock we pass: cut at that minute with PUT, not deleted.
    const cutAt = target.start + hour;
    await coverage.removeCover(target, cutAt, signal());
    expect(fake.state.v3Overrides).toMatchObject([{ start: target.start, end: cutAt }]);
    // Not started by the real clock: deleted.
    await coverage.removeCover({ ...target, end: cutAt }, Date.now(), signal());
    expect(fake.state.v3Overrides).toEqual([]);
    // Nothing left to remove counts as removed.
    await coverage.removeCover(target, Date.now(), signal());

    const route = (e: Exchange) =>
      `${e.method} ${e.path
        .replace(/^\/v3\/schedules\/[^/]+/, '/v3/schedules/{id}')
        .replace(/overrides\/[^/]+$/, 'overrides/{override_id}')} ${e.status}`;
    // Only the shift-based schedule: the poll's probe of the classic one (400) is another test's.
    const v3 = proxy.exchanges.filter((e) => e.path.startsWith(`/v3/schedules/${v3Schedule}`));
    const v3Calls = [...new Set(v3.map(route))];
    expect(v3Calls.sort()).toEqual([
      'DELETE /v3/schedules/{id}/overrides/{override_id} 204',
      'GET /v3/schedules/{id} 200',
      'GET /v3/schedules/{id}/overrides 200',
      'POST /v3/schedules/{id}/overrides 201',
      'PUT /v3/schedules/{id}/overrides/{override_id} 200',
    ]);
    expect(v3.flatMap((e) => contract.check(e))).toEqual([]);
  });

  it('the checker refuses a create that does not name the replaced member', async () => {
    const contract = await ApiContract.load(specFile!, { basePath: '/' });
    const item = {
      type: 'override_shift',
      rotation_id: 'RX',
      start_time: '2026-03-15T09:00:00Z',
      end_time: '2026-03-15T11:00:00Z',
      overriding_member: { type: 'user_member', user_id: 'PRAVI02' },
    };
    const exchange: Exchange = {
      method: 'POST',
      path: '/v3/schedules/PX/overrides',
      query: [],
      contentType: 'application/json',
      requestBody: JSON.stringify({ overrides: [item] }),
      status: 201,
      responseBody: JSON.stringify({ overrides: [] }),
    };
    expect(contract.check(exchange)).toEqual([
      "POST /v3/schedules/PX/overrides request body: /overrides/0 must have required property 'overridden_member'",
    ]);
  });
});

describe('PagerDuty v3 overrides made elsewhere, on the timeline', () => {
  it('marks the stretch an override holds, with whom it replaced', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.baseUrl, fake);
    const { janes } = await poll(source);
    const start = Date.parse(janes[0]!.start);
    fake.overrideV3(v3Schedule, {
      overridden: 'PJANE01',
      overriding: 'PMEIC03',
      start: start + hour,
      end: start + 2 * hour,
    });

    const { view } = await poll(source);
    const marked = view.timeline.filter((s) => s.scheduleId === v3Schedule && s.override);
    expect(marked).toEqual([
      expect.objectContaining({
        userName: 'Mei Chen',
        start: new Date(start + hour).toISOString(),
        override: { forUserName: 'Jane Doe' },
      }),
    ]);
    // Jane's turn around it is hers as the rotation has it: not an override.
    expect(
      view.timeline.filter((s) => s.scheduleId === v3Schedule && s.isMe && s.override),
    ).toEqual([]);
  });

  it('still marks the stretch when the override list is refused, without the name', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.baseUrl, fake);
    const now = Date.now();
    fake.overrideV3(v3Schedule, {
      overridden: 'PRAVI02',
      overriding: null,
      start: now,
      end: now + 2 * 24 * hour,
    });
    fake.overrideV3(v3Schedule, {
      overridden: 'PMEIC03',
      overriding: 'PRAVI02',
      start: now,
      end: now + 2 * 24 * hour,
    });
    fake.setFault(
      { status: 403, body: { error: { message: 'Access Denied', code: 2010 } } },
      { path: `/v3/schedules/${v3Schedule}/overrides` },
    );

    const { view } = await poll(source);
    const marked = view.timeline.filter((s) => s.scheduleId === v3Schedule && s.override);
    expect(marked.length).toBeGreaterThan(0);
    // An empty slot is no shift; Ravi's stretches in Mei's place are marked, without her name.
    expect(new Set(marked.map((s) => s.userName))).toEqual(new Set(['Ravi Patel']));
    expect(marked.every((s) => s.override!.forUserName === undefined)).toBe(true);
  });
});

describe('PagerDuty v3 cover: failures', () => {
  it('reports a 201 that brings back only some of the overrides as failed, and undoes what was made', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.baseUrl, fake);
    const { janes } = await poll(source);
    // Two of Jane's turns (others' turns between): two overrides in one request.
    const target = coverOf(Date.parse(janes[0]!.start), Date.parse(janes[1]!.end!));
    fake.rewriteAnswers((body) => ({ overrides: (body.overrides as unknown[]).slice(0, 1) }), {
      method: 'POST',
      path: `/v3/schedules/${v3Schedule}/overrides`,
    });
    await expect(source.coverage.createCover(target, signal())).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringMatching(/made only 1 of 2 overrides/),
    });
    const posted = fake.writes('POST', `/v3/schedules/${v3Schedule}/overrides`);
    expect((posted[0]!.body as { overrides: unknown[] }).overrides).toHaveLength(2);
    expect(fake.state.v3Overrides).toEqual([]);
  });

  it('before any poll (a cover resumed after a restart) asks /v3 which API the schedule has', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const { janes } = await poll(sourceAt(fake.baseUrl, fake));
    const shiftStart = Date.parse(janes[0]!.start);
    const target = coverOf(shiftStart, shiftStart + hour);
    const fresh = sourceAt(fake.baseUrl, fake);
    expect(await fresh.coverage.createCover(target, signal())).toEqual({});
    expect(fake.state.v3Overrides).toHaveLength(1);
    expect(fake.writes('POST').map((r) => r.path)).toEqual([
      `/v3/schedules/${v3Schedule}/overrides`,
    ]);
  });

  it('refuses a cover where the final layer has someone else on call', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.baseUrl, fake);
    const { view, janes } = await poll(source);
    const other = view.timeline.find(
      (s) =>
        s.scheduleId === v3Schedule &&
        s.userId !== 'PJANE01' &&
        Date.parse(s.start) > Date.parse(janes[0]!.end!),
    )!;
    const start = Date.parse(other.start);
    await expect(
      source.coverage.createCover(coverOf(start, start + hour), signal()),
    ).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/off call/) });
    expect(fake.writes('POST')).toEqual([]);
  });
});

describe('PagerDuty v3 cover through the outbox', () => {
  async function setup() {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const proxy = await startHoldingProxy(
      fake.baseUrl,
      (req) => req.method === 'POST' && /\/overrides$/.test(req.url ?? ''),
    );
    cleanups.push(proxy.stop);
    const source = sourceAt(proxy.url, fake);
    const dir = await makeTempDir();
    cleanups.push(dir.remove);
    const { view, janes } = await poll(source);
    let current = view;
    const open = () =>
      CoverDesk.open({
        journalPath: join(dir.path, 'cover-outbox.jsonl'),
        coversPath: join(dir.path, 'covers.json'),
        clock: systemClock,
        log: silentLog,
        coverageOf: (id) =>
          id === 'pd' ? { coverage: source.coverage, timeoutMs: 800 } : undefined,
        schedule: () => current,
        pollShiftsSoon: () => {},
        onChange: () => {},
        firstRetryMs: 20,
        random: () => 1,
      });
    const desk = await open();
    cleanups.push(() => desk.stop());
    const shiftStart = Date.parse(janes[0]!.start);
    const request: CoverRequest = {
      sourceId: 'pd',
      scheduleId: v3Schedule,
      scheduleName: janes[0]!.scheduleName,
      start: new Date(shiftStart + hour).toISOString(),
      end: new Date(shiftStart + 3 * hour).toISOString(),
      coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
      forUser: { id: 'PJANE01', name: 'Jane Doe' },
    };
    const repoll = async () => {
      current = (await poll(source)).view;
      await desk.scheduleChanged();
    };
    const reopen = async () => {
      const next = await open();
      cleanups.push(() => next.stop());
      return next;
    };
    return { fake, proxy, desk, request, repoll, reopen };
  }

  it('does not create an override twice when the answer to the first attempt was lost', async () => {
    const { fake, proxy, desk, request, repoll } = await setup();
    proxy.setMode('forward-then-hang');
    const { coverId } = await desk.create(request);
    await until(() => fake.state.v3Overrides.length === 1, 'the override to reach PagerDuty');
    proxy.setMode('pass');
    await until(
      () => desk.views()[0]?.state === 'awaiting-schedule',
      'the retry to settle',
      10_000,
    );
    expect(fake.state.v3Overrides).toHaveLength(1);
    expect(fake.writes('POST')).toHaveLength(1);
    await repoll();
    expect(desk.views()).toMatchObject([{ id: coverId, state: 'confirmed' }]);
  });

  it('after a crash mid-create, the restarted outbox finds the override instead of making another', async () => {
    const { fake, proxy, desk, request, reopen } = await setup();
    proxy.setMode('forward-then-hang');
    await desk.create(request);
    await until(() => fake.state.v3Overrides.length === 1, 'the override to reach PagerDuty');
    await desk.stop();
    proxy.setMode('pass');
    const restarted = await reopen();
    restarted.resume();
    await until(() => restarted.views()[0]?.state === 'awaiting-schedule', 'the resumed create');
    expect(fake.state.v3Overrides).toHaveLength(1);
    expect(fake.writes('POST')).toHaveLength(1);
  });
});
