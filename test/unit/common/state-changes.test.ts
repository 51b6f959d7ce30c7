import { describe, expect, it } from 'vitest';
import { applyStateChange } from '../../../electron/common/contract/state-changes.js';
import { anAppState, aSourceStatus } from '../../support/app-state.js';
import { anIncident } from '../../support/incidents.js';

describe('applyStateChange', () => {
  const low = anIncident({ externalId: 'low', urgency: 'low' });
  const high = anIncident({ externalId: 'high', urgency: 'high' });

  it('adds, replaces and removes incidents by key and keeps the one sort order', () => {
    const state = anAppState({ incidents: [high, low] });
    const acked = { ...high, status: 'acknowledged' as const };
    const fresh = anIncident({ externalId: 'new', createdAt: '2026-11-22T09:30:00.000Z' });
    const next = applyStateChange(state, {
      seq: 1,
      incidents: { upserted: [acked, fresh], removed: [low.key] },
    });
    expect(next.incidents.map((i) => [i.externalId, i.status])).toEqual([
      ['new', 'triggered'],
      ['high', 'acknowledged'],
    ]);
    expect(state.incidents).toEqual([high, low]);
  });

  it('replaces only the parts a change carries', () => {
    const state = anAppState({ incidents: [high], sources: [aSourceStatus()] });
    const blind = aSourceStatus({ health: 'blind', lastError: 'connection refused' });
    const next = applyStateChange(state, { seq: 2, sources: [blind] });
    expect(next.sources).toEqual([blind]);
    expect(next.incidents).toBe(state.incidents);
    expect(next.settings).toBe(state.settings);
  });
});
