import { describe, expect, it } from 'vitest';
import { noCapabilities } from '../../../../electron/common/model/incident.js';
import { newestTriggeredMine } from '../../../../electron/core/tray/my-incidents.js';
import { anAckOf, anAppState } from '../../../support/app-state.js';
import { anIncident } from '../../../support/incidents.js';

describe('newestTriggeredMine', () => {
  it('picks the page of mine that arrived last, whatever its urgency', () => {
    const picked = newestTriggeredMine(
      anAppState({
        incidents: [
          anIncident({ externalId: 'old', createdAt: '2025-11-22T09:00:00.000Z' }),
          anIncident({ externalId: 'new', createdAt: '2025-11-22T09:05:00.000Z', urgency: 'low' }),
          anIncident({ externalId: 'middle', createdAt: '2025-11-22T09:03:00.000Z' }),
        ],
      }),
    );
    expect(picked?.key).toBe('am:new');
  });

  it('skips what is not mine, not triggered, not ackable, or already being acked', () => {
    const newest = '2025-11-22T09:05:00.000Z';
    const acking = anIncident({ externalId: 'acking', createdAt: newest });
    const picked = newestTriggeredMine(
      anAppState({
        incidents: [
          anIncident({ externalId: 'theirs', createdAt: newest, assignedToMe: false }),
          anIncident({ externalId: 'acked', createdAt: newest, status: 'acknowledged' }),
          anIncident({ externalId: 'no-ack', createdAt: newest, capabilities: noCapabilities }),
          acking,
          anIncident({ externalId: 'mine', createdAt: '2025-11-22T09:00:00.000Z' }),
        ],
        actions: [anAckOf(acking)],
      }),
    );
    expect(picked?.key).toBe('am:mine');
  });

  it('finds nothing when no page of mine is waiting', () => {
    expect(newestTriggeredMine(anAppState())).toBeUndefined();
    const theirs = anIncident({ assignedToMe: false });
    expect(newestTriggeredMine(anAppState({ incidents: [theirs] }))).toBeUndefined();
  });
});
