import type { OnwatchBridge } from '../bridge/connection.js';
import { commandRunner, outcome } from './command-results.js';
import type { SliceCreator, StatusPageSlice } from './types.js';

/**
 * Status pages: connecting them (the API key passes through once, never kept here), and every
 * write, which answers once the outbox has it; its progress arrives in `appState.statusPages`.
 */
export const createStatusPageSlice =
  (api: OnwatchBridge): SliceCreator<StatusPageSlice> =>
  (set) => {
    const run = commandRunner(set);
    return {
      statusPageForm: null,
      openStatusPageForm: (form) =>
        set({ statusPageForm: form, page: 'statuspage' }, false, 'statusPage/openForm'),
      closeStatusPageForm: () => set({ statusPageForm: null }, false, 'statusPage/closeForm'),
      testStatusPage: (request) => outcome(() => api.testStatusPage(request)),
      saveStatusPage: (mode, request) =>
        outcome(() => (mode === 'add' ? api.addStatusPage(request) : api.editStatusPage(request))),
      removeStatusPage: (id) => outcome(async () => void (await api.removeStatusPage({ id }))),
      refreshStatusPages: (id) =>
        run('refreshStatusPages', () => api.refreshStatusPages(id ? { id } : {})),
      declareStatusPageIncident: (request) => outcome(() => api.declareStatusPageIncident(request)),
      updateStatusPageIncident: (request) => outcome(() => api.updateStatusPageIncident(request)),
      resolveStatusPageIncident: (request) =>
        run('resolveStatusPageIncident', () => api.resolveStatusPageIncident(request)),
      scheduleMaintenance: (request) => outcome(() => api.scheduleMaintenance(request)),
      advanceMaintenance: (request) =>
        run('advanceMaintenance', () => api.advanceMaintenance(request)),
      retryStatusPageWrite: (id) =>
        run('retryStatusPageWrite', () => api.retryStatusPageWrite({ id })),
      dismissStatusPageWrite: (id) =>
        run('dismissStatusPageWrite', () => api.dismissStatusPageWrite({ id })),
    };
  };
