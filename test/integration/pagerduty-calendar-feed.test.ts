import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '../../electron/common/contract/command-error.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import type { Log } from '../../electron/core/ports/log.js';
import { secretAccount } from '../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startPagerDutyFake } from '../fakes/pagerduty-fake.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * A PagerDuty schedule's live feed, from the loopback fake through the core: the address goes
 * to the keychain and nowhere else (app state, settings file, log), the window learns only
 * which schedules have one, and the address comes out only when asked for by command.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCore() {
  const fake = await startPagerDutyFake();
  cleanups.push(fake.stop);
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const settingsPath = join(dir.path, 'settings.json');
  const config = {
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: fake.me.email,
    apiBaseUrl: fake.baseUrl,
  };
  await writeFile(settingsPath, JSON.stringify({ version: 1, sources: [config] }));
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('pd', 'token'), fake.tokens.user);
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  const core = await OnwatchCore.start({ settingsPath, secrets, log, random: () => 1 });
  cleanups.push(() => core.stop());
  const sent: unknown[] = [];
  core.onStateChanged((state) => sent.push(state));
  return { fake, core, secrets, settingsPath, lines, sent };
}

describe('PagerDuty calendar feeds through the core', () => {
  it('keeps the address in the keychain only, and gives it out when asked', async () => {
    const { fake, core, secrets, settingsPath, lines, sent } = await startCore();
    await until(
      () => (core.getState().schedule.calendarFeeds ?? []).length === 2,
      'both schedules to list a feed',
      10_000,
    );

    expect(core.getState().schedule.calendarFeeds).toEqual([
      { sourceId: 'pd', scheduleId: 'PSCHV2A' },
      { sourceId: 'pd', scheduleId: 'PSCHV3B' },
    ]);
    const feed = fake.calendarFeed('PSCHV3B')!;
    const key = /\/private\/([^/]+)\//.exec(feed.webcal)![1]!;
    expect(await secrets.get(secretAccount('pd', 'calendar-feed:PSCHV3B'))).toContain(key);
    // Nowhere the window, the disk or the log sees it.
    expect(JSON.stringify(core.getState())).not.toContain(key);
    expect(JSON.stringify(sent)).not.toContain(key);
    expect(await readFile(settingsPath, 'utf8')).not.toContain(key);
    expect(lines.join('\n')).not.toContain(key);

    expect(await core.handlers.calendarFeed({ sourceId: 'pd', scheduleId: 'PSCHV3B' })).toEqual({
      webcalUrl: feed.webcal,
      httpsUrl: feed.https,
    });
    await expect(
      core.handlers.calendarFeed({ sourceId: 'pd', scheduleId: 'PEP0001' }),
    ).rejects.toThrow(CommandError);
  });

  it('drops a feed the schedule no longer offers, and every feed with the source', async () => {
    const { fake, core, secrets } = await startCore();
    await until(() => (core.getState().schedule.calendarFeeds ?? []).length === 2, 'feeds', 10_000);

    delete fake.state.schedules.find((s) => s.id === 'PSCHV2A')!.feedKey;
    await core.handlers.refresh({ sourceId: 'pd' });
    await until(
      () => core.getState().schedule.calendarFeeds?.length === 1,
      'the feed to go',
      10_000,
    );
    expect(await secrets.get(secretAccount('pd', 'calendar-feed:PSCHV2A'))).toBeUndefined();

    await core.handlers.removeSource({ id: 'pd' });
    await until(async () => !(await secrets.get(secretAccount('pd', 'calendar-feed:PSCHV3B'))));
    expect(core.getState().schedule.calendarFeeds).toEqual([]);
  });
});
