import { afterEach, describe, expect, it } from 'vitest';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import { startPagerDutyFake, type PagerDutyFake } from '../../../../fakes/pagerduty-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';

/*
 * The fast lane against the PagerDuty fake: polled every 3 s instead of every 30 s, the source
 * looks at the newest open incident and reads everything only when it moved.
 */

let fake: PagerDutyFake;
afterEach(async () => {
  await fake.stop();
});

const signal = () => AbortSignal.timeout(10_000);

async function fastLane() {
  const clock = new FakeClock();
  fake = await startPagerDutyFake({ now: () => clock.now() });
  const config = pagerDutySourceConfigSchema.parse({
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: fake.me.email,
    apiBaseUrl: fake.baseUrl,
    pollIntervalSeconds: 30,
  });
  const pd = new PagerDutySource({ config, secrets: { token: fake.tokens.user }, clock });
  const incidentReads = () => fake.requests.filter((r) => r.path === '/incidents');
  const looks = () => incidentReads().filter((r) => r.query.some(([name]) => name === 'sort_by'));
  /** One poll, `seconds` after the last. */
  const pollAfter = async (seconds: number) => {
    await clock.advance(seconds * 1000);
    return pd.fetchIncidents(signal());
  };
  const page = (id: string) => {
    const template = fake.state.incidents.find((i) => i.status === 'triggered')!;
    fake.state.incidents.push({
      ...template,
      id,
      number: 9000 + fake.state.incidents.length,
      title: `New page ${id}`,
      createdAt: new Date(clock.now()).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
      acknowledgements: [],
      notes: [],
    });
  };
  return { pd, clock, incidentReads, looks, pollAfter, page };
}

describe('PagerDuty fast lane', () => {
  it('polled at its own interval, sends what it always sent: no looks', async () => {
    const { incidentReads, looks, pollAfter } = await fastLane();
    await pollAfter(0);
    for (let poll = 0; poll < 4; poll++) await pollAfter(30);
    expect(looks()).toEqual([]);
    expect(incidentReads()).toHaveLength(5);
  });

  it('between full reads takes one look per poll, and reads everything when a page arrives', async () => {
    const { incidentReads, looks, pollAfter, page } = await fastLane();
    const first = await pollAfter(0);
    // The lane comes on: a look for the signal to compare with, and one full read.
    await pollAfter(3);
    const fullReadsBefore = incidentReads().length - looks().length;
    for (let poll = 0; poll < 5; poll++) await pollAfter(3);
    expect(looks()).toHaveLength(1 + 5);
    expect(incidentReads().length - looks().length).toBe(fullReadsBefore);

    page('PNEW001');
    const after = await pollAfter(3);
    expect(after.map((i) => i.externalId)).toContain('PNEW001');
    expect(after).toHaveLength(first.length + 1);
    expect(incidentReads().length - looks().length).toBe(fullReadsBefore + 1);
    // The look asked only for the newest open incident and the count.
    const look = looks().at(-1)!.query;
    expect(look).toEqual(
      expect.arrayContaining([
        ['sort_by', 'created_at:desc'],
        ['limit', '1'],
        ['total', 'true'],
        ['statuses[]', 'triggered'],
        ['statuses[]', 'acknowledged'],
      ]),
    );
  });

  it('still reads everything once its own interval has passed, and after readAfresh', async () => {
    const { pd, incidentReads, looks, pollAfter } = await fastLane();
    await pollAfter(0);
    await pollAfter(3);
    const fullReads = () => incidentReads().length - looks().length;
    const before = fullReads();
    // 3 s polls for 27 s more: the last of them is the interval's full read.
    for (let poll = 0; poll < 9; poll++) await pollAfter(3);
    expect(fullReads()).toBe(before + 1);

    pd.readAfresh();
    await pollAfter(3);
    expect(fullReads()).toBe(before + 2);
  });

  it('stops looking while the key has spent its share of the minute, and catches up at the next full read', async () => {
    const { pd, incidentReads, looks, pollAfter, page } = await fastLane();
    await pollAfter(0);
    await pollAfter(3);
    // Every look sees a change (a page each time): each costs a look and a full read.
    let polls = 0;
    for (; polls < 40; polls++) {
      page(`PSTORM${polls}`);
      await pollAfter(1);
    }
    const sent =
      incidentReads().length + fake.requests.filter((r) => r.path !== '/incidents').length;
    // 48 a minute all told, plus the interval's own full read: never more in these 40 s.
    expect(sent).toBeLessThanOrEqual(48 + 1);
    expect(looks().length).toBeLessThan(polls);
    // The pages held back are in the next full read.
    await pollAfter(30);
    const shown = await pd.fetchIncidents(signal());
    expect(shown.filter((i) => i.externalId.startsWith('PSTORM'))).toHaveLength(polls);
  });
});
