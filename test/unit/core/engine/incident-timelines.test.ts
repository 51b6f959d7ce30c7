import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { IncidentTimelines } from '../../../../electron/core/engine/incident-timelines.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import type { SourceTimeline } from '../../../../electron/core/sources/source.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

const pd = anIncident({ sourceId: 'pd', externalId: 'PINC001' });
const pingdom = anIncident({ sourceId: 'pingdom', externalId: 'check-1' });

function timelines(
  clock: FakeClock,
  read: (incident: Incident, signal: AbortSignal) => Promise<SourceTimeline>,
) {
  const incidents = new Map([pd, pingdom].map((i) => [i.key, i]));
  return new IncidentTimelines({
    clock,
    incident: (key) => incidents.get(key),
    timelineReader: (sourceId) => (sourceId === 'pd' ? { read, timeoutMs: 10_000 } : undefined),
    providerName: (sourceId) =>
      (({ pd: 'PagerDuty', pingdom: 'Pingdom' }) as Record<string, string>)[sourceId],
  });
}

describe('IncidentTimelines', () => {
  const entry = { at: '2026-11-22T08:55:00.000Z', kind: 'opened' as const, text: 'Triggered' };

  it("answers the source's timeline, partial reason and all", async () => {
    const t = timelines(new FakeClock(), async (incident) => {
      expect(incident).toBe(pd);
      return { entries: [entry], partial: 'Your PagerDuty key may not read notes.' };
    });
    expect(await t.read(pd.key)).toEqual({
      available: true,
      entries: [entry],
      partial: 'Your PagerDuty key may not read notes.',
    });
  });

  it('says in words why there is none: a source without history, a closed incident', async () => {
    const t = timelines(new FakeClock(), async () => ({ entries: [] }));
    expect(await t.read(pingdom.key)).toEqual({
      available: false,
      why: 'Onwatch does not read incident history from Pingdom.',
    });
    expect(await t.read('pd:gone')).toEqual({
      available: false,
      why: 'That incident is no longer open.',
    });
  });

  it("turns the source's failure into words", async () => {
    const t = timelines(new FakeClock(), async () => {
      throw new SourceError('auth', 'PagerDuty rejected the API key (HTTP 401)');
    });
    expect(await t.read(pd.key)).toEqual({
      available: false,
      why: 'The history could not be read: PagerDuty rejected the API key (HTTP 401)',
    });
  });

  it("gives up at the source's timeout and aborts the read", async () => {
    const clock = new FakeClock();
    let aborted = false;
    const t = timelines(
      clock,
      (_, signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    const answer = t.read(pd.key);
    await clock.advance(10_000);
    expect(await answer).toEqual({
      available: false,
      why: 'The history could not be read: no answer within 10 s',
    });
    expect(aborted).toBe(true);
  });
});
