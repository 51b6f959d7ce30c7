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
 * Cover on PagerDuty, against the loopback fake over real sockets: every override request and
 * answer checked against PagerDuty's spec, the override shown in the schedule's final layer,
 * a failed item inside a 201 reported as failed, and a create whose answer was lost found
 * again rather than made twice.
 */

const specFile = specPath('pagerduty-rest-v2.openapi.json');
const hour = 3_600_000;
const signal = () => AbortSignal.timeout(10_000);
/**
 * PagerDuty answers 200 to the list, which the spec gives only as 201, and 400 from /v3 for a
 * classic schedule (its upgrade guide), which the spec does not list.
 */
const specGaps = ['GET /schedules/{id}/overrides 200', 'GET /v3/schedules/{id} 400'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sourceAt(baseUrl: string, fake: PagerDutyFake, token = fake.tokens.user) {
  const source = new PagerDutySource({
    config: pagerDutySourceConfigSchema.parse({
      kind: 'pagerduty',
      id: 'pd',
      name: 'PagerDuty',
      email: fake.me.email,
      apiBaseUrl: baseUrl,
    }),
    secrets: { token },
    clock: systemClock,
  });
  cleanups.push(async () => source.dispose());
  return source;
}

/** Jane's next turn on the classic schedule, read the way the poll reads it. */
async function janesNextShift(source: PagerDutySource) {
  const now = Date.now();
  const shifts = await source.fetchShifts({ since: now, until: now + 14 * 24 * hour }, signal());
  const view = mergeSchedule(shifts, now);
  const shift = view.myShifts.find((s) => s.scheduleId === 'PSCHV2A' && Date.parse(s.start) > now)!;
  return { shift, view };
}

const twoHoursOf = (shift: { start: string }) => ({
  start: Date.parse(shift.start) + hour,
  end: Date.parse(shift.start) + 3 * hour,
});

describe.skipIf(!specFile)('PagerDuty overrides (contract)', () => {
  it('sends and parses only what the spec allows, and the final layer shows the cover', async () => {
    const contract = await ApiContract.load(specFile!, { basePath: '/' });
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const proxy = await startRecordingProxy(fake.baseUrl);
    cleanups.push(proxy.stop);
    const source = sourceAt(proxy.url, fake);
    const { shift } = await janesNextShift(source);
    const coverage = source.coverage;

    expect(await coverage.whyNot('PSCHV2A', signal())).toBeUndefined();
    expect(await coverage.whyNot('PSCHV3B', signal())).toBeUndefined();
    expect(await coverage.whyNot('PEP0001', signal())).toMatch(/escalation policy/);
    // Where to do it by hand: the pages PagerDuty's answers linked.
    expect(coverage.providerPage('PSCHV2A')).toBe(
      'https://acme.pagerduty.example/schedules/PSCHV2A',
    );
    expect(coverage.providerPage('PEP0001')).toBe(
      'https://acme.pagerduty.example/escalation_policies/PEP0001',
    );
    const teammates = await coverage.teammates(signal());
    expect(teammates.map((t) => t.name)).toEqual(['Mary-Jane Smith', 'Mei Chen', 'Ravi Patel']);

    const target: CoverTarget = {
      coverId: 'c1',
      requestedAt: Date.now(),
      scheduleId: 'PSCHV2A',
      ...twoHoursOf(shift),
      coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
      forUser: { id: 'PJANE01', name: 'Jane Doe' },
    };
    expect(await coverage.findCover(target, signal())).toBeUndefined();
    await coverage.createCover(target, signal());
    expect(await coverage.findCover(target, signal())).toEqual({});

    const { view } = await janesNextShift(source);
    const ravi = view.timeline.filter((s) => s.scheduleId === 'PSCHV2A' && s.userId === 'PRAVI02');
    expect(
      ravi.some(
        (s) => Date.parse(s.start) === target.start && Date.parse(s.end ?? '') === target.end,
      ),
    ).toBe(true);

    await coverage.removeCover(target, Date.now(), signal());
    expect(fake.state.overrides).toEqual([]);
    expect(fake.applied.map((c) => c.kind)).toEqual(['override-created', 'override-deleted']);
    // Removing again finds nothing to remove, and that counts as removed.
    await coverage.removeCover(target, Date.now(), signal());

    const problems = (exchange: Exchange) => {
      const path = exchange.path.replace(/^\/(v3\/schedules|schedules)\/[^/]+/, '/$1/{id}');
      const found = contract.check(exchange);
      if (!specGaps.includes(`${exchange.method} ${path} ${exchange.status}`)) return found;
      return found.filter((p) => !p.includes('is not in the spec'));
    };
    const calls = new Set(
      proxy.exchanges.map(
        (e) =>
          `${e.method} ${e.path.replace(/\/schedules\/[^/]+/, '/schedules/{id}').replace(/overrides\/[^/]+$/, 'overrides/{override_id}')} ${e.status}`,
      ),
    );
    expect([...calls].filter((c) => c.includes('overrides')).sort()).toEqual([
      'DELETE /schedules/{id}/overrides/{override_id} 204',
      'GET /schedules/{id}/overrides 200',
      'POST /schedules/{id}/overrides 201',
    ]);
    expect(proxy.exchanges.flatMap(problems)).toEqual([]);
  });

  it('says a read-only user cannot make cover, beside the schedule’s page', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    // A Stakeholder (read-only role) may look but not schedule.
    fake.state.users[0]!.role = 'read_only_user';
    const source = sourceAt(fake.baseUrl, fake);
    await janesNextShift(source);
    expect(await source.coverage.whyNot('PSCHV2A', signal())).toMatch(/read-only/);
    expect(source.coverage.providerPage('PSCHV2A')).toBe(
      'https://acme.pagerduty.example/schedules/PSCHV2A',
    );
  });

  it('cuts a running override short and reports a failed item inside a 201 as refused', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.baseUrl, fake);
    const now = Date.now();
    const running: CoverTarget = {
      coverId: 'c2',
      requestedAt: Date.now(),
      scheduleId: 'PSCHV2A',
      start: Math.floor((now - hour) / 1000) * 1000,
      end: Math.floor((now + hour) / 1000) * 1000,
      coverUser: { id: 'PMEIC03', name: 'Mei Chen' },
      forUser: { name: 'Jane Doe' },
    };
    await source.coverage.createCover(running, signal());
    await source.coverage.removeCover(running, Date.now(), signal());
    expect(fake.applied.at(-1)?.kind).toBe('override-truncated');
    expect(Date.parse(fake.state.overrides[0]!.end)).toBeLessThanOrEqual(Date.now());

    const backwards = { ...running, coverId: 'c3', start: now + 3 * hour, end: now + 2 * hour };
    await expect(source.coverage.createCover(backwards, signal())).rejects.toMatchObject({
      kind: 'rejected',
      message: 'PagerDuty refused the override: Override must end after its start',
    });
  });
});

describe('PagerDuty cover through the outbox', () => {
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
    const { shift, view } = await janesNextShift(source);
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
    const reopen = async () => {
      const next = await open();
      cleanups.push(() => next.stop());
      return next;
    };
    const range = twoHoursOf(shift);
    const request: CoverRequest = {
      sourceId: 'pd',
      scheduleId: 'PSCHV2A',
      scheduleName: shift.scheduleName,
      start: new Date(range.start).toISOString(),
      end: new Date(range.end).toISOString(),
      coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
      forUser: { id: 'PJANE01', name: 'Jane Doe' },
    };
    const repoll = async () => {
      current = (await janesNextShift(source)).view;
      await desk.scheduleChanged();
    };
    return { fake, proxy, desk, request, repoll, reopen };
  }

  it('does not create an override twice when the answer to the first attempt was lost', async () => {
    const { fake, proxy, desk, request, repoll } = await setup();
    proxy.setMode('forward-then-hang');
    const { coverId } = await desk.create(request);
    expect(desk.views()).toMatchObject([{ id: coverId, state: 'sending' }]);
    await until(() => fake.state.overrides.length === 1, 'the override to reach PagerDuty');
    proxy.setMode('pass');
    await until(
      () => desk.views()[0]?.state === 'awaiting-schedule',
      'the retry to settle',
      10_000,
    );
    expect(fake.state.overrides).toHaveLength(1);
    expect(fake.applied.filter((c) => c.kind === 'override-created')).toHaveLength(1);

    await repoll();
    expect(desk.views()).toMatchObject([{ id: coverId, state: 'confirmed' }]);
  });

  it('after a crash mid-create, the restarted outbox finds the override instead of making another', async () => {
    const { fake, proxy, desk, request, reopen } = await setup();
    proxy.setMode('forward-then-hang');
    await desk.create(request);
    await until(() => fake.state.overrides.length === 1, 'the override to reach PagerDuty');
    // Stopped with the attempt on disk as sent and unanswered, as a SIGKILL would leave it.
    await desk.stop();
    proxy.setMode('pass');
    const restarted = await reopen();
    expect(restarted.views()).toMatchObject([{ state: 'sending' }]);
    restarted.resume();
    await until(() => restarted.views()[0]?.state === 'awaiting-schedule', 'the resumed create');
    expect(fake.state.overrides).toHaveLength(1);
    expect(fake.writes('POST')).toHaveLength(1);
  });

  it('removes a cover that has not started: deleted at PagerDuty, gone from the list', async () => {
    const { fake, desk, request } = await setup();
    const { coverId } = await desk.create(request);
    await until(() => desk.views()[0]?.state === 'awaiting-schedule', 'the cover to be made');
    // The same request again is the same cover, not a second one.
    expect(await desk.create(request)).toEqual({ coverId });
    await desk.remove(coverId);
    await until(() => desk.views().length === 0, 'the cover to be removed');
    expect(fake.state.overrides).toEqual([]);
  });

  it('refuses a cover outside my shifts, or for myself, before anything is sent', async () => {
    const { fake, desk, request } = await setup();
    const late = { ...request, end: new Date(Date.parse(request.end) + 30 * hour).toISOString() };
    await expect(desk.create(late)).rejects.toThrow('The cover must fall within the shift.');
    const self = { ...request, coverUser: { id: 'PJANE01', name: 'Jane Doe' } };
    await expect(desk.create(self)).rejects.toThrow('Pick someone other than yourself.');
    const elsewhere = { ...request, scheduleId: 'PSCHV3B' };
    await expect(desk.create(elsewhere)).rejects.toThrow(/no shift on that schedule/);
    expect(fake.writes()).toEqual([]);
  });
});
