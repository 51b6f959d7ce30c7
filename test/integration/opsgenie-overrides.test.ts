import { afterEach, describe, expect, it } from 'vitest';
import { opsgenieSourceConfigSchema } from '../../electron/common/providers/opsgenie.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import type { CoverTarget } from '../../electron/core/sources/coverage.js';
import { OpsgenieSource } from '../../electron/core/sources/opsgenie/opsgenie-source.js';
import { fakeUsername, startOpsgenieFake } from '../fakes/opsgenie-fake.js';
import { ApiContract, startRecordingProxy } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * Cover on Opsgenie against the loopback fake: overrides under Onwatch's own alias, every
 * request and answer checked against Opsgenie's spec, the override in the final timeline,
 * a retried create found by its alias, and a running override cut short rather than deleted.
 */

const specFile = specPath('opsgenie-v2.swagger.json');
const hour = 3_600_000;
const signal = () => AbortSignal.timeout(10_000);
const sam = { id: 'e07c63f0-dd8c-4ad4-983e-4ee7dc600463', name: 'sam@acme.example' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!specFile)('Opsgenie overrides (contract)', () => {
  it('makes, finds, cuts short and deletes overrides as the spec allows', async () => {
    const contract = await ApiContract.load(specFile!);
    const fake = await startOpsgenieFake();
    cleanups.push(fake.stop);
    const proxy = await startRecordingProxy(fake.url);
    cleanups.push(proxy.stop);
    const source = new OpsgenieSource({
      config: opsgenieSourceConfigSchema.parse({
        kind: 'opsgenie',
        id: 'og',
        name: 'Opsgenie',
        region: 'eu',
        username: fakeUsername,
        apiBaseUrl: proxy.url,
      }),
      secrets: { token: fake.apiKey },
      clock: systemClock,
    });
    cleanups.push(async () => source.dispose());
    const coverage = source.coverage;
    // Where to cover by hand: the schedule in the EU web app.
    expect(coverage.providerPage('sched/1')).toBe(
      'https://app.eu.opsgenie.com/schedule#/sched%2F1',
    );

    const teammates = await coverage.teammates(signal());
    expect(teammates.map((t) => t.detail)).toEqual(['lee@acme.example', 'sam@acme.example']);

    const now = Date.now();
    const future: CoverTarget = {
      coverId: 'c0ffee00-0000-4000-8000-000000000001',
      requestedAt: Date.now(),
      scheduleId: 'sched-payments-primary',
      start: now + 2 * hour,
      end: now + 4 * hour,
      coverUser: sam,
      forUser: { name: fakeUsername },
    };
    expect(await coverage.findCover(future, signal())).toBeUndefined();
    await coverage.createCover(future, signal());
    // A retry after a lost answer looks the alias up first, and finds it.
    expect(await coverage.findCover(future, signal())).toEqual({});
    expect(fake.overrides.get('sched-payments-primary')).toEqual([
      expect.objectContaining({ alias: `onwatch-${future.coverId}`, userId: sam.id }),
    ]);

    const shifts = await source.fetchShifts({ since: now, until: now + 2 * 24 * hour }, signal());
    expect(
      shifts.some(
        (s) =>
          s.userId === sam.id &&
          Date.parse(s.start) === future.start &&
          Date.parse(s.end ?? '') === future.end,
      ),
    ).toBe(true);

    const running: CoverTarget = {
      ...future,
      coverId: 'c0ffee00-0000-4000-8000-000000000002',
      start: now - hour,
      end: now + hour,
    };
    await coverage.createCover(running, signal());
    const cutAt = Date.now();
    await coverage.removeCover(running, cutAt, signal());
    const cut = fake.overrides.get('sched-payments-primary')!.find((o) => o.alias.endsWith('2'));
    expect(Date.parse(cut!.endDate)).toBe(cutAt);

    await coverage.removeCover(future, Date.now(), signal());
    expect(fake.overrides.get('sched-payments-primary')!.map((o) => o.alias)).toEqual([
      `onwatch-${running.coverId}`,
    ]);
    // Gone already: removed is removed.
    await coverage.removeCover(future, Date.now(), signal());

    const writes = proxy.exchanges.filter((e) => e.path.includes('/overrides'));
    expect(new Set(writes.map((e) => `${e.method} ${e.status}`))).toEqual(
      new Set(['GET 404', 'GET 200', 'POST 201', 'PUT 200', 'DELETE 200', 'DELETE 404']),
    );
    const usersAndOverrides = proxy.exchanges.filter(
      (e) => e.path.includes('/overrides') || e.path === '/v2/users',
    );
    expect(usersAndOverrides.flatMap((e) => contract.check(e))).toEqual([]);
  });
});
