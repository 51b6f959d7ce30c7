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

  it('patches stages one by one, and replaces the rest of the attention view whole', () => {
    const notified = { stage: 'notified' as const, since: '2026-11-22T09:00:00.000Z' };
    const mine = { rings: true, reason: 'Rings: assigned to you' };
    const theirs = { rings: false, reason: 'Quiet: assigned to Dana Lee' };
    const state = anAppState({
      attention: {
        stages: { 'am:a': notified, 'am:b': notified },
        ring: { 'am:a': mine, 'am:b': mine },
        alarm: null,
        takeover: null,
        silencedUntil: '2026-11-22T09:10:00.000Z',
      },
    });
    const critical = { stage: 'critical' as const, since: '2026-11-22T09:01:00.000Z' };
    const stagesOnly = applyStateChange(state, {
      seq: 1,
      stages: { upserted: { 'am:b': critical, 'am:c': notified }, removed: ['am:a'] },
      ring: { upserted: { 'am:c': mine, 'am:d': theirs }, removed: ['am:a'] },
    });
    expect(stagesOnly.attention).toEqual({
      stages: { 'am:b': critical, 'am:c': notified },
      ring: { 'am:b': mine, 'am:c': mine, 'am:d': theirs },
      alarm: null,
      takeover: null,
      silencedUntil: '2026-11-22T09:10:00.000Z',
    });
    // A silence that ended is missing from the change, as it is from the JSON: it is gone.
    const unsilenced = applyStateChange(stagesOnly, {
      seq: 2,
      attention: { alarm: null, takeover: 'am:b' },
    });
    expect(unsilenced.attention).toEqual({
      stages: stagesOnly.attention.stages,
      ring: stagesOnly.attention.ring,
      alarm: null,
      takeover: 'am:b',
    });
  });
});
