import { describe, expect, it } from 'vitest';
import { IncidentStore } from '../../../../electron/core/engine/incident-store.js';
import { anIncident } from '../../../support/incidents.js';

const a = anIncident({ externalId: 'a', title: 'A' });
const b = anIncident({ externalId: 'b', title: 'B' });

describe('IncidentStore', () => {
  it('reports each incident as new exactly once', () => {
    const store = new IncidentStore();
    expect(store.applySnapshot('am', [a, b]).map((e) => [e.type, e.incident.key])).toEqual([
      ['new', 'am:a'],
      ['new', 'am:b'],
    ]);
    expect(store.applySnapshot('am', [a, b])).toEqual([]);
    expect(store.applySnapshot('am', [b, a])).toEqual([]);
  });

  it('reports a change of status once, with the previous version', () => {
    const store = new IncidentStore();
    store.applySnapshot('am', [a]);
    const acked = { ...a, status: 'acknowledged' as const };
    const events = store.applySnapshot('am', [acked]);
    expect(events).toEqual([{ type: 'changed', incident: acked, previous: a }]);
    expect(store.applySnapshot('am', [acked])).toEqual([]);
  });

  it('reports a change inside the labels', () => {
    const store = new IncidentStore();
    store.applySnapshot('am', [a]);
    const relabelled = { ...a, labels: { ...a.labels, severity: 'warning' } };
    expect(store.applySnapshot('am', [relabelled]).map((e) => e.type)).toEqual(['changed']);
  });

  it('does not treat a new updatedAt alone as a change', () => {
    const store = new IncidentStore();
    store.applySnapshot('am', [a]);
    expect(store.applySnapshot('am', [{ ...a, updatedAt: '2026-11-22T09:00:00Z' }])).toEqual([]);
  });

  it('resolves incidents missing from the next snapshot, or marked resolved', () => {
    const store = new IncidentStore();
    store.applySnapshot('am', [a, b]);
    const events = store.applySnapshot('am', [{ ...a, status: 'resolved' }]);
    expect(events.map((e) => [e.type, e.incident.key, e.incident.status]).sort()).toEqual([
      ['resolved', 'am:a', 'resolved'],
      ['resolved', 'am:b', 'resolved'],
    ]);
    expect(store.all()).toEqual([]);
    expect(store.applySnapshot('am', [])).toEqual([]);
  });

  it('keeps one incident when a snapshot repeats it (HA pairs answer twice)', () => {
    const store = new IncidentStore();
    expect(store.applySnapshot('am', [a, a])).toHaveLength(1);
    expect(store.all()).toHaveLength(1);
  });

  it('keeps sources apart and ignores incidents claiming another source', () => {
    const store = new IncidentStore();
    const other = anIncident({ sourceId: 'pd', externalId: 'a' });
    store.applySnapshot('am', [a]);
    store.applySnapshot('pd', [other]);
    expect(store.applySnapshot('am', [a, other])).toEqual([]);
    expect(
      store
        .all()
        .map((i) => i.key)
        .sort(),
    ).toEqual(['am:a', 'pd:a']);
    store.removeSource('pd');
    expect(store.all().map((i) => i.key)).toEqual(['am:a']);
  });

  it('applies a confirmed action at once, and the poll that agrees adds nothing', () => {
    const store = new IncidentStore();
    store.applySnapshot('am', [a, b]);
    const change = { status: 'acknowledged' as const, acknowledgedAt: '2026-11-22T09:01:00.000Z' };
    expect(store.update('am:a', change).map((e) => e.type)).toEqual(['changed']);
    expect(store.get('am:a')?.status).toBe('acknowledged');
    expect(store.applySnapshot('am', [{ ...a, ...change }, b])).toEqual([]);
    expect(store.update('am:missing', change)).toEqual([]);
  });

  it('lists triggered before acknowledged, high urgency first, newest first', () => {
    const store = new IncidentStore();
    const oldHigh = anIncident({ externalId: '1', createdAt: '2026-11-22T08:00:00Z' });
    const newHigh = anIncident({ externalId: '2', createdAt: '2026-11-22T08:30:00Z' });
    const low = anIncident({ externalId: '3', urgency: 'low', createdAt: '2026-11-22T08:59:00Z' });
    const acked = anIncident({
      externalId: '4',
      status: 'acknowledged',
      createdAt: '2026-11-22T08:59:30Z',
    });
    store.applySnapshot('am', [acked, low, oldHigh, newHigh]);
    expect(store.all().map((i) => i.externalId)).toEqual(['2', '1', '3', '4']);
  });
});
