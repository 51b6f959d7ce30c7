import type { OnwatchBridge } from '../bridge/connection.js';
import { errorMessage } from './error-message.js';
import type { ConnectionSlice, SliceCreator } from './types.js';

export const createConnectionSlice =
  (api: OnwatchBridge): SliceCreator<ConnectionSlice> =>
  (set, get) => ({
    connection: api.connection ?? 'open',
    start() {
      const stopState = api.onStateChanged((state) => get().applyState(state));
      const stopSelect = api.onSelectIncident((key) => get().showIncident(key));
      const stopConnection = api.onConnectionChanged?.((connection) =>
        set({ connection }, false, 'connection/changed'),
      );
      api.getState({}).then(
        // A stateChanged event may have overtaken this answer; never go back to older state.
        (state) => {
          if (!get().appState) get().applyState(state);
        },
        (error: unknown) =>
          set({ commandError: errorMessage(error) }, false, 'connection/getStateFailed'),
      );
      return () => {
        stopState();
        stopSelect();
        stopConnection?.();
      };
    },
  });
