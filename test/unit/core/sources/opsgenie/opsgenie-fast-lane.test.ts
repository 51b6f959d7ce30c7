import { afterEach, describe, expect, it } from 'vitest';
import { opsgenieSourceConfigSchema } from '../../../../../electron/common/providers/opsgenie.js';
import type { Clock, TimerHandle } from '../../../../../electron/core/ports/clock.js';
import { OpsgenieSource } from '../../../../../electron/core/sources/opsgenie/opsgenie-source.js';
import {
  fakeUsername,
  startOpsgenieFake,
  type OpsgenieFake,
} from '../../../../fakes/opsgenie-fake.js';

/*
 * The fast lane against the Opsgenie fake: polled every 3 s instead of every 30 s, the source
 * looks at the newest open alert and reads every page only when it moved.
 */

let fake: OpsgenieFake;
afterEach(async () => {
  await fake.stop();
});

/** Real timers (the key's pacing waits for real), and a `now` the test moves on by hand. */
function steppedClock() {
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset,
    setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerHandle,
    clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
  };
  return { clock, advance: (ms: number) => (offset += ms) };
}

describe('Opsgenie fast lane', () => {
  it('looks at the newest open alert between full reads, and reads every page when it moved', async () => {
    // Pages of two, so a full read is several requests and a look is one.
    fake = await startOpsgenieFake({ pageSize: 2 });
    const { clock, advance } = steppedClock();
    const config = opsgenieSourceConfigSchema.parse({
      kind: 'opsgenie',
      id: 'og',
      name: 'Opsgenie',
      region: 'eu',
      username: fakeUsername,
      apiBaseUrl: fake.url,
      pollIntervalSeconds: 30,
    });
    const og = new OpsgenieSource({ config, secrets: { token: fake.apiKey }, clock });
    const pollAfter = (seconds: number) => {
      advance(seconds * 1000);
      return og.fetchIncidents(AbortSignal.timeout(10_000));
    };
    const alertLists = () => fake.requests.filter((r) => r.path === '/v2/alerts');
    const looks = () =>
      alertLists().filter((r) => r.query.some(([k, v]) => k === 'limit' && v === '1'));

    const first = await pollAfter(0);
    await pollAfter(30);
    expect(looks()).toEqual([]);

    await pollAfter(3);
    const fullListsBefore = alertLists().length - looks().length;
    for (let poll = 0; poll < 4; poll++) await pollAfter(3);
    expect(looks()).toHaveLength(1 + 4);
    expect(alertLists().length - looks().length).toBe(fullListsBefore);

    const template = [...fake.alerts.values()][0]!;
    fake.addAlert({
      ...template,
      id: 'b7d2e9f0-0000-4000-8000-000000000001',
      tinyId: '1800',
      alias: 'new-page',
      message: 'A new page',
      createdAt: new Date(clock.now()).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
    });
    const after = await pollAfter(3);
    expect(after).toHaveLength(first.length + 1);
    expect(after.map((i) => i.title)).toContain('A new page');
    expect(alertLists().length - looks().length).toBeGreaterThan(fullListsBefore + 1);
  });
});
