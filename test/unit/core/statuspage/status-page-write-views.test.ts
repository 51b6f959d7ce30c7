import { describe, expect, it } from 'vitest';
import { statusPagesStateSchema } from '../../../../electron/common/contract/status-page-state.js';
import { statusPageWriteViews } from '../../../../electron/core/statuspage/status-page-write-views.js';
import type { StatusPageWriteItem } from '../../../../electron/core/statuspage/status-page-writes.js';

const base = {
  id: 'w1',
  createdAt: Date.parse('2026-11-22T09:00:00Z'),
  statusPageId: 'acme',
  pageId: 'p1',
  state: 'pending' as const,
  attempts: 1,
  dismissed: false,
};

describe('statusPageWriteViews', () => {
  it('names each write in the words the window shows, dismissed ones left out', () => {
    const items: StatusPageWriteItem[] = [
      {
        ...base,
        write: {
          type: 'create-incident',
          key: '6f1c1f0e-8a57-4c41-9c55-2c4b8d0b6a11',
          draft: {
            name: 'Elevated errors on Checkout',
            status: 'investigating',
            body: '',
            components: {},
            deliverNotifications: true,
          },
          pagingIncident: { key: 'drill:checkout', title: 'Checkout 5xx' },
        },
      },
      {
        ...base,
        id: 'w2',
        state: 'failed',
        lastError: 'Statuspage refused it: name is required',
        write: {
          type: 'update-incident',
          incidentId: 'i1',
          draft: { status: 'resolved', body: '', components: {}, deliverNotifications: true },
        },
      },
      {
        ...base,
        id: 'w3',
        dismissed: true,
        write: {
          type: 'advance-maintenance',
          incidentId: 'm1',
          step: { status: 'completed', body: '', componentIds: [], deliverNotifications: true },
        },
      },
    ];
    const views = statusPageWriteViews(items);
    // Key for key as the window's parsed copy, so the two serialise alike.
    const parsed = statusPagesStateSchema.shape.writes.parse(views);
    expect(JSON.stringify(views)).toBe(JSON.stringify(parsed));
    expect(views).toEqual([
      {
        id: 'w1',
        statusPageId: 'acme',
        kind: 'declare',
        summary: 'Elevated errors on Checkout',
        pagingIncidentKey: 'drill:checkout',
        state: 'pending',
        attempts: 1,
        createdAt: '2026-11-22T09:00:00.000Z',
      },
      {
        id: 'w2',
        statusPageId: 'acme',
        kind: 'update',
        summary: 'Resolved',
        incidentId: 'i1',
        state: 'failed',
        attempts: 1,
        lastError: 'Statuspage refused it: name is required',
        createdAt: '2026-11-22T09:00:00.000Z',
      },
    ]);
  });
});
