import type { OnwatchBridge } from '../bridge/connection.js';
import { outcome } from './command-results.js';
import type { ChecksSlice } from './types.js';

/** Saved checks come back in a stateChange, with the first probe's result soon after. */
export const createChecksSlice = (api: OnwatchBridge) => (): ChecksSlice => ({
  saveCheck: (request) =>
    outcome(async () => ({ checkId: (await api.saveCheck(request)).checkId })),
  removeCheck: (sourceId, checkId) =>
    outcome(async () => void (await api.removeCheck({ sourceId, checkId }))),
  runCheck: (sourceId, checkId) => outcome(() => api.runCheck({ sourceId, checkId })),
});
