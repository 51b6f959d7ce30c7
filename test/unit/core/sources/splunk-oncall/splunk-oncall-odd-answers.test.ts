import { afterEach, describe, expect, it } from 'vitest';
import { splunkOnCallSourceConfigSchema } from '../../../../../electron/common/providers/splunk-oncall.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import { SplunkOnCallSource } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-source.js';
import {
  startSplunkOnCallFake,
  type SplunkOnCallFake,
} from '../../../../fakes/splunk-oncall-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * Incidents Splunk On-Call's API description allows (it calls every field optional) but its
 * service rarely sends. One odd incident costs that incident, never the source.
 */

let fake: SplunkOnCallFake;

afterEach(async () => {
  await fake.stop();
});

async function setup() {
  const clock = new FakeClock();
  fake = await startSplunkOnCallFake({ now: () => clock.now() });
  const source = new SplunkOnCallSource({
    config: splunkOnCallSourceConfigSchema.parse({
      kind: 'splunk-oncall',
      id: 'vo',
      name: 'Splunk On-Call',
      apiId: fake.apiId,
      username: 'alice',
      apiBaseUrl: `${fake.url}/`,
    }),
    secrets: { token: fake.apiKey },
    clock,
  });
  return { clock, source };
}

const signal = () => AbortSignal.timeout(5_000);
/** The fake's live incident, to be made odd in ways its types do not allow. */
const raw = (index: number) => fake.incidents[index] as unknown as Record<string, unknown>;
const openCount = () => fake.incidents.filter((i) => i.currentPhase !== 'resolved').length;

describe('one incident at a time', () => {
  it('keeps an incident with an odd list in it, without the odd entries', async () => {
    const { source } = await setup();
    const paged = fake.incidents.find((i) => i.currentPhase !== 'resolved')!;
    (paged as unknown as { pagedUsers: unknown[] }).pagedUsers = [null, 'alice', 7];

    const incidents = await source.fetchIncidents(signal());

    const kept = incidents.find((i) => i.externalId === paged.incidentNumber);
    expect(kept).toMatchObject({ assignees: ['alice'], assignedToMe: true });
    expect(incidents).toHaveLength(openCount());
  });

  it('dates an incident without any time by when Onwatch first saw it, poll after poll', async () => {
    const { clock, source } = await setup();
    const undated = fake.incidents.find((i) => i.currentPhase !== 'resolved')!;
    Object.assign(undated, { startTime: undefined, lastAlertTime: 'soon', transitions: [] });

    const first = await source.fetchIncidents(signal());
    await clock.advance(30_000);
    const second = await source.fetchIncidents(signal());

    const at = (list: typeof first) =>
      list.find((i) => i.externalId === undated.incidentNumber)?.createdAt;
    expect(at(first)).toBe(new Date(clock.now() - 30_000).toISOString());
    expect(at(second)).toBe(at(first));
  });

  it('leaves out an incident without a number and counts it on the source', async () => {
    const { source } = await setup();
    const open = openCount();
    const index = fake.incidents.findIndex((i) => i.currentPhase !== 'resolved');
    delete raw(index).incidentNumber;
    const findings = new PollFindings();

    const incidents = await source.fetchIncidents(signal(), findings);

    expect(incidents).toHaveLength(open - 1);
    expect(findings.notes).toHaveLength(1);
    expect(findings.notes[0]).toMatch(/^1 incident could not be read: incidentNumber: /);
  });

  it('fails the poll when not one incident can be read', async () => {
    const { source } = await setup();
    fake.incidents.forEach((_, index) => (raw(index).incidentNumber = { n: index }));

    const error = await sourceFailure(source.fetchIncidents(signal()));

    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^none of the \d+ incidents could be read: incidentNumber: /);
  });
});
