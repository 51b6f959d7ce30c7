import type { OnwatchBridge } from '../bridge/connection.js';
import { followState } from '../bridge/state-follower.js';
import { errorMessage } from './error-message.js';
import type { ConnectionSlice, SliceCreator } from './types.js';

export const createConnectionSlice =
  (api: OnwatchBridge): SliceCreator<ConnectionSlice> =>
  (set, get) => ({
    connection: api.connection ?? 'open',
    start() {
      const stopState = followState(api, {
        onState: (state) => get().applyState(state),
        onError: (error) =>
          set({ commandError: errorMessage(error) }, false, 'connection/getStateFailed'),
      });
      const stopSelect = api.onSelectIncident(({ key }) => get().showIncident(key));
      const stopCover = api.onOpenCover((target) => get().askForCover(target));
      const stopConnection = api.onConnectionChanged?.((connection) =>
        set({ connection }, false, 'connection/changed'),
      );
      const stopRunbooks = get().followRunbooks();
      return () => {
        stopRunbooks();
        stopState();
        stopSelect();
        stopCover();
        stopConnection?.();
      };
    },
  });
