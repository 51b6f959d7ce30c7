import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverRequest } from '../../electron/common/model/cover.js';
import { jsmOpsSourceConfigSchema } from '../../electron/common/providers/jsm-ops.js';
import { mergeSchedule } from '../../electron/core/engine/schedule-merge.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { CoverDesk } from '../../electron/core/schedule/cover-desk.js';
import type { CoverTarget } from '../../electron/core/sources/coverage.js';
import { JsmOpsSource } from '../../electron/core/sources/jsm-ops/jsm-source.js';
import { startJsmOpsFake, type JsmFake } from '../fakes/jsm-ops-fake.js';
import { ApiContract, startRecordingProxy } from '../support/api-contract.js';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { declareCloudId } from '../support/jsm-spec.js';
import { specPath } from '../support/spec-location.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * Cover on JSM Operations schedules, against the loopback fake over real sockets: overrides
 * made, found again by person and range (JSM picks the alias), deleted before they start and
 * cut short while running, drawn in the final layer with whom they cover for, and a create
 * whose answer was lost found rather than made twice. Every Operations request and answer is
 * checked against Atlassian's OpenAPI file.
 */

const specFile = specPath('jsm-ops-v1.openapi.json');
const hour = 3_600_000;
const signal = () => AbortSignal.timeout(10_000);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sourceAt(url: string, fake: JsmFake): JsmOpsSource {
  const source = new JsmOpsSource({
    config: jsmOpsSourceConfigSchema.parse({
      kind: 'jsm-ops',
      id: 'jsm',
      name: 'JSM',
      siteUrl: url,
      email: fake.email,
      apiBaseUrl: url,
    }),
    secrets: { token: fake.token },
    clock: systemClock,
  });
  cleanups.push(async () => source.dispose());
  return source;
}

/** Dana's next turn on Payments primary (a daily rotation), read the way the poll reads it. */
async function danasNextShift(source: JsmOpsSource, fake: JsmFake) {
  const now = Date.now();
  const shifts = await source.fetchShifts({ since: now, until: now + 14 * 24 * hour }, signal());
  const view = mergeSchedule(shifts, now);
  const shift = view.myShifts.find(
    (s) => s.scheduleId === fake.scheduleIds.paymentsPrimary && Date.parse(s.start) > now,
  )!;
  return { shift, view, shifts };
}

const twoHoursOf = (shift: { start: string }) => ({
  start: Date.parse(shift.start) + hour,
  end: Date.parse(shift.start) + 3 * hour,
});

describe('JSM overrides', () => {
  it('makes, finds, draws, cuts short and deletes overrides as the spec allows', async () => {
    const fake = await startJsmOpsFake();
    cleanups.push(fake.stop);
    const proxy = await startRecordingProxy(fake.url);
    cleanups.push(proxy.stop);
    const source = sourceAt(proxy.url, fake);
    const coverage = source.coverage;
    const [dana, sam, lee] = fake.users;
    const scheduleId = fake.scheduleIds.paymentsPrimary;

    // Active Atlassian accounts, without me and without the Automation app.
    const teammates = await coverage.teammates(signal());
    expect(teammates).toEqual([
      { id: lee!.accountId, name: 'Lee Chen', detail: 'lee@acme.example' },
      { id: sam!.accountId, name: 'Sam Rivera', detail: 'sam@acme.example' },
    ]);

    const { shift } = await danasNextShift(source, fake);
    const future: CoverTarget = {
      coverId: 'c0ffee00-0000-4000-8000-000000000001',
      requestedAt: Date.now(),
      scheduleId,
      ...twoHoursOf(shift),
      coverUser: { id: sam!.accountId, name: 'Sam Rivera' },
      forUser: { id: dana!.accountId, name: 'Dana Scully' },
    };
    expect(await coverage.findCover(future, signal())).toBeUndefined();
    await coverage.createCover(future, signal());
    // The alias is JSM's; a retry after a lost answer finds the override by person and range.
    expect(await coverage.findCover(future, signal())).toEqual({});
    const byLee = { ...future, coverUser: { id: lee!.accountId, name: 'Lee Chen' } };
    expect(await coverage.findCover(byLee, signal())).toBeUndefined();
    expect(fake.overrides.get(scheduleId)).toEqual([
      expect.objectContaining({ responder: { type: 'user', id: sam!.accountId } }),
    ]);

    // The final layer shows Sam on call for those two hours, marked as covering for Dana.
    const { shifts } = await danasNextShift(source, fake);
    const drawn = shifts.filter((s) => s.scheduleId === scheduleId && s.override);
    expect(drawn).toEqual([
      expect.objectContaining({
        userId: sam!.accountId,
        userName: 'Sam Rivera',
        start: new Date(future.start).toISOString(),
        end: new Date(future.end).toISOString(),
        override: { forUserName: 'Dana Scully' },
      }),
    ]);
    // Dana's own shift is split around it, and those parts are no override.
    const danas = shifts.filter((s) => s.scheduleId === scheduleId && s.isMe);
    expect(danas.every((s) => s.override === undefined)).toBe(true);
    expect(danas.some((s) => s.end === new Date(future.start).toISOString())).toBe(true);

    // A running cover is cut at now (a full replace), not deleted.
    const now = Date.now();
    const running: CoverTarget = {
      ...future,
      coverId: 'c0ffee00-0000-4000-8000-000000000002',
      coverUser: { id: lee!.accountId, name: 'Lee Chen' },
      start: now - hour,
      end: now + hour,
    };
    await coverage.createCover(running, signal());
    const cutAt = Date.now();
    await coverage.removeCover(running, cutAt, signal());
    const cut = fake.overrides.get(scheduleId)!.find((o) => o.responder.id === lee!.accountId)!;
    expect(Date.parse(cut.endDate)).toBe(cutAt);
    expect(Date.parse(cut.startDate)).toBe(running.start);
    // Cut short already (its answer lost, say): nothing matches any more, nothing is sent.
    const writesBefore = proxy.exchanges.filter((e) => e.method !== 'GET').length;
    await coverage.removeCover(running, Date.now(), signal());
    expect(proxy.exchanges.filter((e) => e.method !== 'GET')).toHaveLength(writesBefore);

    // One that has not started is deleted; removing it again is no error.
    await coverage.removeCover(future, Date.now(), signal());
    expect(fake.overrides.get(scheduleId)!.map((o) => o.responder.id)).toEqual([lee!.accountId]);
    await coverage.removeCover(future, Date.now(), signal());

    const overrideCalls = proxy.exchanges.filter((e) => e.path.includes('/overrides'));
    expect(new Set(overrideCalls.map((e) => `${e.method} ${e.status}`))).toEqual(
      new Set(['GET 200', 'POST 201', 'PUT 200', 'DELETE 204']),
    );
    // The user search is the Jira site's API, outside the Operations file: its shape by hand.
    const search = proxy.exchanges.filter((e) => e.path === '/rest/api/3/users/search');
    expect(search.map((e) => new URLSearchParams(e.query).get('maxResults'))).toEqual(['100']);

    if (!specFile) return;
    const contract = await ApiContract.load(specFile, { repair: declareCloudId });
    const ops = proxy.exchanges.filter((e) => e.path.startsWith('/jsm/ops/'));
    expect(ops.length).toBeGreaterThan(10);
    expect(ops.flatMap((e) => contract.check(e))).toEqual([]);
    // The check itself: Opsgenie's `user` where JSM wants `responder` is caught.
    const post = ops.find((e) => e.method === 'POST' && e.path.endsWith('/overrides'))!;
    const opsgenieBody = JSON.stringify({
      user: { type: 'user', id: sam!.accountId },
      startDate: '2026-12-03T10:00:00Z',
      endDate: '2026-12-03T12:00:00Z',
    });
    expect(contract.check({ ...post, requestBody: opsgenieBody }).join('\n')).toMatch(/responder/);
  });

  it('refuses a range JSM will not take, with its reason', async () => {
    const fake = await startJsmOpsFake();
    cleanups.push(fake.stop);
    const source = sourceAt(fake.url, fake);
    const now = Date.now();
    const backwards: CoverTarget = {
      coverId: 'c3',
      requestedAt: now,
      scheduleId: fake.scheduleIds.paymentsPrimary,
      start: now + 3 * hour,
      end: now + 2 * hour,
      coverUser: { id: fake.users[1]!.accountId, name: 'Sam Rivera' },
      forUser: { name: 'Dana Scully' },
    };
    await expect(source.coverage.createCover(backwards, signal())).rejects.toMatchObject({
      kind: 'rejected',
      message: 'JSM refused the request (HTTP 422): endDate must be after startDate',
    });
    fake.setScopes(['read:ops-alert', 'write:ops-alert', 'read:ops-config']);
    await expect(
      source.coverage.createCover({ ...backwards, end: now + 4 * hour }, signal()),
    ).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('lacks the scope write:ops-config:jira-service-management'),
    });
    expect(fake.overrides.get(fake.scheduleIds.paymentsPrimary)).toEqual([]);
  });
});

describe('JSM cover through the outbox', () => {
  async function setup() {
    const fake = await startJsmOpsFake();
    cleanups.push(fake.stop);
    const proxy = await startHoldingProxy(
      fake.url,
      (req) => req.method === 'POST' && /\/overrides$/.test(req.url ?? ''),
    );
    cleanups.push(proxy.stop);
    const source = sourceAt(proxy.url, fake);
    const dir = await makeTempDir();
    cleanups.push(dir.remove);
    const { shift, view } = await danasNextShift(source, fake);
    let current = view;
    const open = () =>
      CoverDesk.open({
        journalPath: join(dir.path, 'cover-outbox.jsonl'),
        coversPath: join(dir.path, 'covers.json'),
        clock: systemClock,
        log: silentLog,
        coverageOf: (id) =>
          id === 'jsm' ? { coverage: source.coverage, timeoutMs: 800 } : undefined,
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
      sourceId: 'jsm',
      scheduleId: fake.scheduleIds.paymentsPrimary,
      scheduleName: shift.scheduleName,
      start: new Date(range.start).toISOString(),
      end: new Date(range.end).toISOString(),
      coverUser: { id: fake.users[1]!.accountId, name: 'Sam Rivera' },
      forUser: { id: fake.me.accountId, name: 'Dana Scully' },
    };
    const overrides = () => fake.overrides.get(fake.scheduleIds.paymentsPrimary)!;
    const posts = () =>
      fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/overrides'));
    const repoll = async () => {
      current = (await danasNextShift(source, fake)).view;
      await desk.scheduleChanged();
    };
    return { fake, proxy, desk, request, overrides, posts, repoll, reopen };
  }

  it('does not create an override twice when the answer to the first attempt was lost', async () => {
    const { proxy, desk, request, overrides, posts, repoll } = await setup();
    proxy.setMode('forward-then-hang');
    const { coverId } = await desk.create(request);
    expect(desk.views()).toMatchObject([{ id: coverId, state: 'sending' }]);
    await until(() => overrides().length === 1, 'the override to reach JSM');
    proxy.setMode('pass');
    await until(
      () => desk.views()[0]?.state === 'awaiting-schedule',
      'the retry to settle',
      10_000,
    );
    expect(overrides()).toHaveLength(1);
    expect(posts()).toHaveLength(1);

    await repoll();
    expect(desk.views()).toMatchObject([{ id: coverId, state: 'confirmed' }]);
  });

  it('after a crash mid-create, the restarted outbox finds the override instead of making another', async () => {
    const { proxy, desk, request, overrides, posts, reopen } = await setup();
    proxy.setMode('forward-then-hang');
    await desk.create(request);
    await until(() => overrides().length === 1, 'the override to reach JSM');
    // Stopped with the attempt on disk as sent and unanswered, as a SIGKILL would leave it.
    await desk.stop();
    proxy.setMode('pass');
    const restarted = await reopen();
    expect(restarted.views()).toMatchObject([{ state: 'sending' }]);
    restarted.resume();
    await until(() => restarted.views()[0]?.state === 'awaiting-schedule', 'the resumed create');
    expect(overrides()).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('removes a cover that has not started: deleted at JSM, gone from the list', async () => {
    const { desk, request, overrides } = await setup();
    const { coverId } = await desk.create(request);
    await until(() => desk.views()[0]?.state === 'awaiting-schedule', 'the cover to be made');
    await desk.remove(coverId);
    await until(() => desk.views().length === 0, 'the cover to be removed');
    expect(overrides()).toEqual([]);
  });
});
