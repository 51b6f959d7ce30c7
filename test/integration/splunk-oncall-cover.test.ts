import { afterEach, describe, expect, it } from 'vitest';
import { splunkOnCallSourceConfigSchema } from '../../electron/common/providers/splunk-oncall.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import type { CoverTarget } from '../../electron/core/sources/coverage.js';
import { SplunkOnCallSource } from '../../electron/core/sources/splunk-oncall/splunk-oncall-source.js';
import { startSplunkOnCallFake, type SplunkOnCallFake } from '../fakes/splunk-oncall-fake.js';

/*
 * Cover on Splunk On-Call against the loopback fake: an override records alice's absence, each
 * escalation policy she is on is assigned to the teammate (one this key may not assign is
 * reported, since alice stays on duty there), a retry finds the absence instead of recording
 * it twice, and cover that starts within 30 minutes is a take-on-call of the policy.
 */

const hour = 3_600_000;
const signal = () => AbortSignal.timeout(10_000);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const fake = await startSplunkOnCallFake();
  cleanups.push(fake.stop);
  const source = new SplunkOnCallSource({
    config: splunkOnCallSourceConfigSchema.parse({
      kind: 'splunk-oncall',
      id: 'vo',
      name: 'Splunk On-Call',
      apiId: fake.apiId,
      username: fake.users[0],
      apiBaseUrl: fake.url,
    }),
    secrets: { token: fake.apiKey },
    clock: systemClock,
  });
  cleanups.push(async () => source.dispose());
  return { fake, source, coverage: source.coverage };
}

const later = (fake: SplunkOnCallFake, now = Date.now()): CoverTarget => ({
  coverId: 'c1',
  scheduleId: 'pol-ops-primary',
  requestedAt: now,
  start: Math.floor((now + 10 * hour) / 1000) * 1000,
  end: Math.floor((now + 12 * hour) / 1000) * 1000,
  coverUser: { id: 'bob', name: 'Bob Example' },
  forUser: { name: fake.users[0]! },
});

describe('Splunk On-Call cover', () => {
  it('lists the organisation’s users but the responder', async () => {
    const { coverage } = await setup();
    expect(coverage.providerPage()).toBe('https://portal.victorops.com/');
    expect((await coverage.teammates(signal())).map((t) => t.id)).toEqual(['bob', 'carol', 'dave']);
  });

  it('records the absence and assigns every policy to the teammate, once, even when retried', async () => {
    const { fake, coverage } = await setup();
    const target = later(fake);
    expect(await coverage.findCover(target, signal())).toBeUndefined();
    expect(await coverage.createCover(target, signal())).toEqual({});
    expect(fake.overrides).toHaveLength(1);
    expect(fake.overrides[0]).toMatchObject({
      username: 'alice',
      assignments: [{ policy: { slug: 'pol-ops-primary' }, assignee: 'bob' }],
    });
    // As after a lost answer: the absence is found, not recorded again.
    expect(await coverage.findCover(target, signal())).toEqual({});
    expect(fake.overrides).toHaveLength(1);

    await coverage.removeCover(target, Date.now(), signal());
    expect(fake.overrides).toEqual([]);
  });

  it('says which policies are still unassigned when the key may not assign them', async () => {
    const { fake, source, coverage } = await setup();
    fake.refuseAssignments(['pol-ops-primary']);
    // Named as the schedules name it once they have been read; by slug until then.
    expect(await coverage.createCover({ ...later(fake), coverId: 'c0' }, signal())).toEqual({
      unassignedPolicies: ['pol-ops-primary'],
    });
    await source.fetchShifts({ since: Date.now(), until: Date.now() + 7 * 86_400_000 }, signal());
    expect(await coverage.createCover(later(fake), signal())).toEqual({
      unassignedPolicies: ['Ops Primary'],
    });
  });

  it('takes on-call for cover that starts within 30 minutes, and hands it back on removal', async () => {
    const { fake, coverage } = await setup();
    const now = Date.now();
    const soon = { ...later(fake, now), start: now + 5 * 60_000 };
    await coverage.createCover(soon, signal());
    await coverage.removeCover(soon, Date.now(), signal());
    expect(fake.overrides).toEqual([]);
    expect(fake.takeovers).toEqual([
      { policy: 'pol-ops-primary', fromUser: 'alice', toUser: 'bob' },
      { policy: 'pol-ops-primary', fromUser: 'bob', toUser: 'alice' },
    ]);
  });
});
