import type { OnwatchBridge } from '../bridge/connection.js';
import type { IncidentAction } from '../lib/contract-types.js';
import { openIncidentsInOrder } from '../lib/sort-incidents.js';
import { errorMessage } from './error-message.js';
import type { IncidentsSlice, SliceCreator } from './types.js';

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const rest = { ...record };
  delete rest[key];
  return rest;
};

export const createIncidentsSlice =
  (api: OnwatchBridge): SliceCreator<IncidentsSlice> =>
  (set) => {
    async function act(action: IncidentAction, key: string) {
      set(
        (s) => ({
          inFlight: { ...s.inFlight, [key]: action },
          actionErrors: without(s.actionErrors, key),
        }),
        false,
        `incidents/${action}`,
      );
      try {
        await (action === 'ack' ? api.ack({ key }) : api.resolve({ key }));
        set((s) => ({ inFlight: without(s.inFlight, key) }), false, `incidents/${action}Sent`);
      } catch (error) {
        set(
          (s) => ({
            inFlight: without(s.inFlight, key),
            actionErrors: { ...s.actionErrors, [key]: errorMessage(error) },
          }),
          false,
          `incidents/${action}Failed`,
        );
      }
    }

    async function run(name: string, command: () => Promise<unknown>) {
      try {
        await command();
      } catch (error) {
        set({ commandError: errorMessage(error) }, false, `${name}Failed`);
      }
    }

    return {
      appState: null,
      incidents: [],
      applyState: (state) =>
        set(
          // Sorted once here so every selector can hand out a stable array.
          { appState: state, incidents: openIncidentsInOrder(state.incidents) },
          false,
          'incidents/applyState',
        ),
      ack: (key) => act('ack', key),
      resolve: (key) => act('resolve', key),
      refresh: () => run('incidents/refresh', () => api.refresh({})),
      dismissNotice: (id) => run('incidents/dismissNotice', () => api.dismissNotice({ id })),
    };
  };
