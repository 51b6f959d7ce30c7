import { afterEach, describe, expect, it, vi } from 'vitest';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { systemClock, type Clock } from '../../../../../electron/core/ports/clock.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import { startPagerDutyFake, type PagerDutyFake } from '../../../../fakes/pagerduty-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { sourceFailure } from '../../../../support/source-failure.js';

/*
 * Answers PagerDuty's spec allows but its service rarely sends, as a mock server generating
 * from the spec sends them: paging that never ends, incidents missing a field or holding an
 * odd one, counts that make no sense. One odd incident costs that incident, never the source.
 */

let fake: PagerDutyFake;

afterEach(async () => {
  await fake.stop();
});

function source(clock: Clock = systemClock) {
  const config = pagerDutySourceConfigSchema.parse({
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    email: fake.me.email,
    apiBaseUrl: fake.baseUrl,
  });
  return new PagerDutySource({ config, secrets: { token: fake.tokens.user }, clock });
}

const signal = () => AbortSignal.timeout(10_000);
type Json = Record<string, unknown>;
const incidentsOf = (body: Json) => body.incidents as Json[];
const listRequests = () => fake.requests.filter((r) => r.path === '/incidents');

/**
 * Each page holds one incident never seen before (a copy of the first one PagerDuty listed,
 * under a new id) and says more follow: paging without end.
 */
function endlessDistinctPages() {
  let template: Json | undefined;
  return (body: Json, query: URLSearchParams) => {
    template ??= incidentsOf(body)[0];
    const incident = { ...template, id: `PGEN${query.get('offset')}` };
    return { ...body, incidents: [incident], more: true };
  };
}

describe('paging that never ends', () => {
  it('stops at the first page that brings nothing new, and says so', async () => {
    fake = await startPagerDutyFake();
    // Every page, whatever its offset, is the first one again, with `more: true`.
    let firstPage: Json | undefined;
    fake.rewriteAnswers(
      (body) => {
        firstPage ??= body;
        return { ...firstPage, more: true };
      },
      { path: '/incidents' },
    );
    const findings = new PollFindings();

    const incidents = await source().fetchIncidents(signal(), findings);

    expect(incidents.map((i) => i.externalId)).toEqual(['PINC001', 'PINC002', 'PINC003']);
    expect(listRequests()).toHaveLength(2);
    expect(findings.notes).toEqual([
      'PagerDuty said more follow, but page 2 brought nothing new; showing the 3 incidents read so far',
    ]);
  });

  it('asks for at most 100 pages in one poll, and says so', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(endlessDistinctPages(), { path: '/incidents' });
    const findings = new PollFindings();

    const incidents = await source().fetchIncidents(signal(), findings);

    expect(listRequests()).toHaveLength(100);
    expect(incidents).toHaveLength(100);
    expect(findings.notes).toEqual([
      'PagerDuty kept paging past 100 pages; showing the 100 incidents read so far',
    ]);
  });

  it('keeps the key inside 960 requests a minute, however long polls page', async () => {
    const clock = new FakeClock();
    fake = await startPagerDutyFake({ now: () => clock.now() });
    fake.rewriteAnswers(endlessDistinctPages(), { path: '/incidents' });
    const pd = source(clock);

    // /users/me once, then 100 pages a poll: the tenth poll meets the budget after 59 of its pages.
    // Each poll reads everything, as a Refresh does, however soon after the last it comes.
    const fullPoll = () => {
      pd.readAfresh();
      return pd.fetchIncidents(signal());
    };
    for (let poll = 1; poll <= 9; poll++) await fullPoll();
    const tenth = fullPoll();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(960));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.requests).toHaveLength(960);

    await clock.advance(60_000);
    await tenth;
    expect(fake.requests).toHaveLength(1001);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    // A thousand loopback requests: seconds on a loaded machine.
  }, 30_000);
});

describe('one incident at a time', () => {
  it('keeps an incident without created_at, dated by its last status change', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        incidents: incidentsOf(body).map(({ created_at, ...rest }) =>
          rest.id === 'PINC002' ? rest : { ...rest, created_at },
        ),
      }),
      { path: '/incidents' },
    );
    const findings = new PollFindings();

    const incidents = await source().fetchIncidents(signal(), findings);

    const kept = incidents.find((i) => i.externalId === 'PINC002');
    expect(kept?.createdAt).toBe(new Date(fake.incident('PINC002').updatedAt).toISOString());
    expect(incidents).toHaveLength(3);
    expect(findings.notes).toEqual([]);
  });

  it('dates an incident without any time by when Onwatch first saw it, poll after poll', async () => {
    const clock = new FakeClock();
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        incidents: incidentsOf(body).map((incident) => ({
          ...incident,
          created_at: 'not a time',
          updated_at: null,
          last_status_change_at: undefined,
        })),
      }),
      { path: '/incidents' },
    );
    const pd = source(clock);

    const first = await pd.fetchIncidents(signal());
    await clock.advance(30_000);
    const second = await pd.fetchIncidents(signal());

    expect(first.map((i) => i.createdAt)).toEqual(
      Array(3).fill(new Date(clock.now() - 30_000).toISOString()),
    );
    expect(second).toEqual(first);
  });

  it('keeps an incident whose optional parts are odd, without those parts', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        incidents: incidentsOf(body).map((incident) =>
          incident.id === 'PINC003'
            ? {
                ...incident,
                incident_number: 'three',
                service: 'Search',
                acknowledgements: [{ at: -9007199254740991, acknowledger: 7 }],
                assignments: [null, { assignee: { summary: 'no id' } }],
              }
            : incident,
        ),
      }),
      { path: '/incidents' },
    );

    const incidents = await source().fetchIncidents(signal());

    const odd = incidents.find((i) => i.externalId === 'PINC003')!;
    expect(odd).toMatchObject({ status: 'acknowledged', assignees: [] });
    expect(odd.number).toBeUndefined();
    expect(odd.service).toBeUndefined();
    expect(odd.acknowledgedAt).toBeUndefined();
  });

  it('leaves out an incident it cannot read and counts it, showing the rest', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        incidents: incidentsOf(body).map((incident) =>
          incident.id === 'PINC002' ? { ...incident, id: 2 } : incident,
        ),
      }),
      { path: '/incidents' },
    );
    const findings = new PollFindings();

    const incidents = await source().fetchIncidents(signal(), findings);

    expect(incidents.map((i) => i.externalId)).toEqual(['PINC001', 'PINC003']);
    expect(findings.notes).toHaveLength(1);
    expect(findings.notes[0]).toMatch(/^1 incident could not be read: id: /);
  });

  it('fails the poll when not one incident can be read', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({ ...body, incidents: incidentsOf(body).map((i) => ({ ...i, id: null })) }),
      { path: '/incidents' },
    );

    const error = await sourceFailure(source().fetchIncidents(signal()));

    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^none of the 3 incidents could be read: id: /);
  });
});

describe('testConnection', () => {
  it('counts what Onwatch would show, not what PagerDuty says it matched', async () => {
    fake = await startPagerDutyFake();
    // A resolved incident in the open list, and a count that makes no sense.
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        total: -2147483648,
        incidents: incidentsOf(body).map((incident, index) =>
          index === 0 ? { ...incident, status: 'resolved' } : incident,
        ),
      }),
      { path: '/incidents' },
    );

    const { summary } = await source().testConnection(signal());

    expect(summary).toContain(', 2 open incidents,');
    expect(summary).not.toContain('-2147483648');
  });

  it('says what it had to leave out', async () => {
    fake = await startPagerDutyFake();
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        incidents: incidentsOf(body).map((incident, index) =>
          index === 0 ? { ...incident, id: '' } : incident,
        ),
      }),
      { path: '/incidents' },
    );

    const { summary } = await source().testConnection(signal());

    expect(summary).toContain(', 2 open incidents,');
    expect(summary).toMatch(/1 incident could not be read: id: /);
  });
});
