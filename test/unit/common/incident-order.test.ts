import { describe, expect, it } from 'vitest';
import { compareIncidents, type Incident } from '../../../electron/common/model/incident.js';
import { incident } from '../renderer/fixtures.js';

const order = (list: Incident[]) => [...list].sort(compareIncidents).map((i) => i.externalId);

describe('compareIncidents', () => {
  it('puts triggered before acknowledged before resolved, high urgency first', () => {
    expect(
      order([
        incident({ externalId: 'resolved', status: 'resolved' }),
        incident({ externalId: 'ack', status: 'acknowledged' }),
        incident({ externalId: 'low', urgency: 'low' }),
        incident({ externalId: 'high' }),
      ]),
    ).toEqual(['high', 'low', 'ack', 'resolved']);
  });

  it('puts the newest first, whether stamps are UTC, with offsets or of mixed precision', () => {
    expect(
      order([
        incident({ externalId: '10:30', createdAt: '2025-03-01T12:30:00+02:00' }),
        incident({ externalId: '11:00', createdAt: '2025-03-01T11:00:00Z' }),
        incident({ externalId: '10:45', createdAt: '2025-03-01T10:45:00.000Z' }),
        incident({ externalId: '10:50', createdAt: '2025-03-01T10:50:00.000Z' }),
      ]),
    ).toEqual(['11:00', '10:50', '10:45', '10:30']);
  });
});
