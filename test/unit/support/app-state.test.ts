import { describe, expect, it } from 'vitest';
import { appStateSchema } from '../../../electron/common/contract/app-state.js';
import { aSourceStatus, anAckOf, anAppState } from '../../support/app-state.js';
import { anIncident } from '../../support/incidents.js';

describe('anAppState', () => {
  it('builds states the contract accepts as they are, so the fixture cannot drift from it', () => {
    for (const state of [
      anAppState(),
      anAppState({
        incidents: [anIncident()],
        sources: [aSourceStatus()],
        actions: [anAckOf(anIncident())],
      }),
    ]) {
      expect(appStateSchema.parse(state)).toEqual(state);
    }
  });
});
