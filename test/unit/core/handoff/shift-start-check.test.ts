import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { checkShiftStart } from '../../../../electron/core/handoff/shift-start-check.js';
import { anIncident } from '../../../support/incidents.js';

const shift: Shift = {
  sourceId: 'pd',
  scheduleId: 'P1',
  scheduleName: 'Checkout',
  userName: 'Ana',
  isMe: true,
  start: '2026-12-01T09:00:00Z',
  // A Thursday.
  end: '2026-12-03T09:00:00Z',
};
const sources = [
  { id: 'pd', name: 'PagerDuty', health: 'ok' as const },
  { id: 'am', name: 'Alertmanager', health: 'ok' as const },
];
const open = [
  anIncident({ externalId: 'a' }),
  anIncident({ externalId: 'b', status: 'acknowledged' }),
];

describe('checkShiftStart', () => {
  it('says who is on call until when, only after every credential answered, and what is open', async () => {
    const tested: string[] = [];
    const notice = await checkShiftStart({
      shift,
      sources,
      testCredential: async (id) => void tested.push(id),
      openIncidents: () => open,
      timeZone: 'UTC',
    });
    expect(tested).toEqual(['pd', 'am']);
    expect(notice).toEqual({
      ok: true,
      title: "You're on call for Checkout until Thu 09:00",
      body: 'All 2 sources are healthy and every credential works. Open right now: 1 triggered, 1 acknowledged.',
    });
  });

  it('names the source whose credential no longer works, even when its last poll was green', async () => {
    const notice = await checkShiftStart({
      shift,
      sources,
      testCredential: async (id) => {
        if (id === 'pd') throw new Error('PagerDuty refused the API key (401)');
      },
      openIncidents: () => [],
      timeZone: 'UTC',
    });
    expect(notice.ok).toBe(false);
    expect(notice.title).toBe(
      "You're on call for Checkout until Thu 09:00, but a source is not OK",
    );
    expect(notice.body).toBe(
      'PagerDuty: the credential check failed (PagerDuty refused the API key (401)). Nothing is open right now.',
    );
  });

  it('names a blind source too, and says so when nothing is watched at all', async () => {
    const blind = await checkShiftStart({
      shift: { ...shift, end: undefined },
      sources: [
        ...sources,
        { id: 'hc', name: 'Checks', health: 'blind', lastError: 'connection refused' },
      ],
      testCredential: async () => {},
      openIncidents: () => [],
      timeZone: 'UTC',
    });
    expect(blind.title).toBe("You're on call for Checkout, but a source is not OK");
    expect(blind.body).toMatch(/^Checks is blind \(connection refused\)\./);
    const none = await checkShiftStart({
      shift,
      sources: [],
      testCredential: async () => {},
      openIncidents: () => [],
      timeZone: 'UTC',
    });
    expect(none).toMatchObject({
      ok: false,
      title: expect.stringMatching(/no source is watched$/),
    });
  });
});
