import { describe, expect, it } from 'vitest';
import { openIncidentsInOrder } from '../../../renderer/lib/sort-incidents.js';
import { incident } from './fixtures.js';

describe('openIncidentsInOrder', () => {
  it('puts triggered before acknowledged, high before low, newest first', () => {
    const list = [
      incident({ externalId: 'ack-high', status: 'acknowledged' }),
      incident({ externalId: 'trig-low', urgency: 'low' }),
      incident({ externalId: 'trig-high-old', createdAt: '2025-03-01T10:00:00Z' }),
      incident({ externalId: 'trig-high-new', createdAt: '2025-03-01T11:00:00Z' }),
      incident({ externalId: 'ack-low', status: 'acknowledged', urgency: 'low' }),
    ];
    expect(openIncidentsInOrder(list).map((i) => i.externalId)).toEqual([
      'trig-high-new',
      'trig-high-old',
      'trig-low',
      'ack-high',
      'ack-low',
    ]);
  });

  it('compares instants, not strings, so time zone offsets sort correctly', () => {
    const list = [
      incident({ externalId: 'earlier', createdAt: '2025-03-01T12:30:00+02:00' }),
      incident({ externalId: 'later', createdAt: '2025-03-01T11:00:00Z' }),
    ];
    expect(openIncidentsInOrder(list).map((i) => i.externalId)).toEqual(['later', 'earlier']);
  });

  it('leaves resolved incidents out and does not mutate its input', () => {
    const list = [
      incident({ externalId: 'done', status: 'resolved' }),
      incident({ externalId: 'open' }),
    ];
    expect(openIncidentsInOrder(list).map((i) => i.externalId)).toEqual(['open']);
    expect(list.map((i) => i.externalId)).toEqual(['done', 'open']);
  });
});
