import { afterEach, describe, expect, it } from 'vitest';
import { splunkOnCallSourceConfigSchema } from '../../../../../electron/common/providers/splunk-oncall.js';
import { SplunkOnCallSource } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-source.js';
import { splunkTimeline } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-timeline.js';
import type { SplunkIncident } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-schemas.js';
import {
  startSplunkOnCallFake,
  type SplunkOnCallFake,
} from '../../../../fakes/splunk-oncall-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';

const start = '2026-11-22T08:30:00.000Z';
type Transition = SplunkIncident['transitions'][number];
/** An incident as read from the list: only what the timeline looks at. */
const listed = (transitions: Partial<Transition>[]) =>
  ({
    startTime: start,
    transitions: transitions.map((t) => ({
      name: undefined,
      by: undefined,
      message: undefined,
      ...t,
    })),
  }) as SplunkIncident;

describe('splunkTimeline', () => {
  it('reads each phase change with who made it and their message', () => {
    expect(
      splunkTimeline(
        listed([
          { name: 'acknowledged', at: '2026-11-22T08:35:00.000Z', by: 'bob', message: 'looking' },
          { name: 'triggered', at: start },
          { name: 'rerouted', at: '2026-11-22T08:40:00.000Z', by: 'bob' },
          { name: 'resolved', at: '2026-11-22T08:50:00.000Z', by: 'alice' },
          { name: 'commented', at: '2026-11-22T08:51:00.000Z' },
        ]),
      ).entries,
    ).toEqual([
      { at: start, kind: 'opened', text: 'Triggered' },
      {
        at: '2026-11-22T08:35:00.000Z',
        kind: 'acknowledged',
        text: 'Acknowledged: looking',
        by: 'bob',
      },
      { at: '2026-11-22T08:40:00.000Z', kind: 'assigned', text: 'Rerouted', by: 'bob' },
      { at: '2026-11-22T08:50:00.000Z', kind: 'resolved', text: 'Resolved', by: 'alice' },
      { at: '2026-11-22T08:51:00.000Z', kind: 'other', text: 'Commented' },
    ]);
  });

  it('leaves out a change it cannot place, and starts from startTime without a trigger', () => {
    const entries = splunkTimeline(
      listed([
        { name: undefined, at: start },
        { name: 'acknowledged', at: undefined },
        { name: 'resolved', at: '2026-11-22T08:50:00.000Z', message: '<b>fixed</b>' },
      ]),
    ).entries;
    expect(entries).toEqual([
      { at: start, kind: 'opened', text: 'Triggered' },
      { at: '2026-11-22T08:50:00.000Z', kind: 'resolved', text: 'Resolved: <b>fixed</b>' },
    ]);
  });
});

describe('SplunkOnCallSource.readTimeline', () => {
  let fake: SplunkOnCallFake | undefined;
  afterEach(async () => {
    await fake?.stop();
  });

  it('answers from what the last poll listed, with no request of its own', async () => {
    const clock = new FakeClock();
    fake = await startSplunkOnCallFake({ apiId: 'timeline-api', now: () => clock.now() });
    const source = new SplunkOnCallSource({
      config: splunkOnCallSourceConfigSchema.parse({
        kind: 'splunk-oncall',
        id: 'vo',
        name: 'Splunk On-Call',
        apiId: 'timeline-api',
        username: 'alice',
        apiBaseUrl: `${fake.url}/`,
      }),
      secrets: { token: fake.apiKey },
      clock,
    });
    const incidents = await source.fetchIncidents(AbortSignal.timeout(5000));
    const acked = incidents.find((i) => i.externalId === '1202')!;
    const requests = fake.requests.length;

    const timeline = await source.readTimeline(acked);
    expect(fake.requests.length).toBe(requests);
    expect(timeline.entries.map((e) => [e.kind, e.text, e.by])).toEqual([
      ['opened', 'Triggered', undefined],
      ['acknowledged', 'Acknowledged: looking', 'bob'],
    ]);
    await expect(source.readTimeline({ ...acked, externalId: '9999' })).rejects.toThrow(
      /no longer lists/,
    );
  });
});
