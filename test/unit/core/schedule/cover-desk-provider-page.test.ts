import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { mergeSchedule } from '../../../../electron/core/engine/schedule-merge.js';
import { systemClock } from '../../../../electron/core/ports/clock.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { CoverDesk } from '../../../../electron/core/schedule/cover-desk.js';
import type { CoverageProvider } from '../../../../electron/core/sources/coverage.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

/*
 * Where Onwatch cannot make the cover, the window says why and links the provider's page: the
 * desk passes a provider's https page on with a refusal and with a failed cover, and drops any
 * other kind of link.
 */

const hour = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function deskWith(coverage: CoverageProvider) {
  const now = Date.now();
  const mine: Shift = {
    sourceId: 'src',
    scheduleId: 'S1',
    scheduleName: 'Checkout',
    userId: 'me',
    userName: 'Me',
    isMe: true,
    start: new Date(now + hour).toISOString(),
    end: new Date(now + 9 * hour).toISOString(),
  };
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const desk = await CoverDesk.open({
    journalPath: join(dir.path, 'cover-outbox.jsonl'),
    coversPath: join(dir.path, 'covers.json'),
    clock: systemClock,
    log: silentLog,
    coverageOf: (id) => (id === 'src' ? { coverage, timeoutMs: 1000 } : undefined),
    schedule: () => mergeSchedule([mine], now),
    pollShiftsSoon: () => {},
    onChange: () => {},
    firstRetryMs: 10,
  });
  cleanups.push(() => desk.stop());
  const request = {
    sourceId: 'src',
    scheduleId: 'S1',
    scheduleName: 'Checkout',
    start: mine.start,
    end: new Date(now + 3 * hour).toISOString(),
    coverUser: { id: 'mate', name: 'Mate' },
    forUser: { id: 'me', name: 'Me' },
  };
  return { desk, request };
}

function provider(overrides: Partial<CoverageProvider>): CoverageProvider {
  return {
    whyNot: async () => undefined,
    teammates: async () => [{ id: 'mate', name: 'Mate' }],
    findCover: async () => undefined,
    createCover: async () => ({}),
    removeCover: async () => {},
    providerPage: (scheduleId) => `https://provider.example/schedules/${scheduleId}`,
    ...overrides,
  };
}

describe('the provider page beside a refusal', () => {
  it('comes with the reason the key cannot make cover', async () => {
    const { desk } = await deskWith(provider({ whyNot: async () => 'This key is read-only.' }));
    expect(await desk.teammates('src', 'S1', AbortSignal.timeout(1000))).toEqual({
      teammates: [],
      unavailable: 'This key is read-only.',
      providerPage: 'https://provider.example/schedules/S1',
    });
  });

  it('is not offered when cover can be made, nor when the provider gives no https page', async () => {
    const { desk } = await deskWith(provider({}));
    expect(await desk.teammates('src', 'S1', AbortSignal.timeout(1000))).toEqual({
      teammates: [{ id: 'mate', name: 'Mate' }],
    });
    const { desk: odd } = await deskWith(
      provider({ whyNot: async () => 'No.', providerPage: () => 'javascript:alert(1)' }),
    );
    expect(await odd.teammates('src', 'S1', AbortSignal.timeout(1000))).toEqual({
      teammates: [],
      unavailable: 'No.',
    });
  });

  it('comes with a cover the provider refused, and not with one it made', async () => {
    const refused = await deskWith(
      provider({
        createCover: async () => {
          throw new SourceError('rejected', 'not allowed on this schedule');
        },
      }),
    );
    await refused.desk.create(refused.request);
    await until(() => refused.desk.views()[0]?.state === 'failed', 'the refusal');
    expect(refused.desk.views()[0]).toMatchObject({
      error: expect.stringContaining('not allowed on this schedule'),
      providerPage: 'https://provider.example/schedules/S1',
    });

    const made = await deskWith(provider({}));
    await made.desk.create(made.request);
    await until(() => made.desk.views()[0]?.state === 'awaiting-schedule', 'the cover');
    expect(made.desk.views()[0]).not.toHaveProperty('providerPage');
  });

  it('comes with a cover that left policies unassigned', async () => {
    const { desk, request } = await deskWith(
      provider({ createCover: async () => ({ unassignedPolicies: ['Ops Primary'] }) }),
    );
    await desk.create(request);
    await until(() => desk.views()[0]?.state === 'awaiting-schedule', 'the cover');
    expect(desk.views()[0]).toMatchObject({
      unassignedPolicies: ['Ops Primary'],
      providerPage: 'https://provider.example/schedules/S1',
    });
  });
});
