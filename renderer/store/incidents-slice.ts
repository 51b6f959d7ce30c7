import type { IncidentAction } from '../../electron/common/model/action.js';
import type { OnwatchBridge } from '../bridge/connection.js';
import { commandRunner, outcome } from './command-results.js';
import { errorMessage } from './error-message.js';
import type { IncidentsSlice, SliceCreator } from './types.js';

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const rest = { ...record };
  delete rest[key];
  return rest;
};

export const createIncidentsSlice =
  (api: OnwatchBridge): SliceCreator<IncidentsSlice> =>
  (set, get) => {
    /**
     * Hands an action to the main side's outbox. The answer only means "written down"; what
     * happens next arrives as `appState.actions`. A rejection means it was never queued.
     */
    async function send(key: string, action: IncidentAction): Promise<boolean> {
      const name = `incidents/${action.type}`;
      set(
        (s) => ({
          inFlight: { ...s.inFlight, [key]: action.type },
          actionErrors: without(s.actionErrors, key),
        }),
        false,
        name,
      );
      try {
        // A note typed with an ack or resolve needs the general command, which carries it.
        const bare = !('note' in action) || action.note === undefined;
        if (action.type === 'ack' && bare) await api.ack({ key });
        else if (action.type === 'resolve' && bare) await api.resolve({ key });
        else await api.act({ key, action });
        set((s) => ({ inFlight: without(s.inFlight, key) }), false, `${name}Queued`);
        return true;
      } catch (error) {
        set(
          (s) => ({
            inFlight: without(s.inFlight, key),
            actionErrors: { ...s.actionErrors, [key]: errorMessage(error) },
          }),
          false,
          `${name}Failed`,
        );
        return false;
      }
    }

    const run = commandRunner(set);

    return {
      appState: null,
      incidents: [],
      applyState(state) {
        set(
          // Already in list order (the ground floor's); filtered once here so every selector
          // can hand out a stable array.
          { appState: state, incidents: state.incidents.filter((i) => i.status !== 'resolved') },
          false,
          'incidents/applyState',
        );
        get().syncAttention();
      },
      ack: (key) => send(key, { type: 'ack' }),
      resolve: (key) => send(key, { type: 'resolve' }),
      act: send,
      loadTimeline: (key) => outcome(() => api.incidentTimeline({ key })),
      retryAction: (id) => run('actions/retry', () => api.retryAction({ id })),
      dismissAction: (id) => run('actions/dismiss', () => api.dismissAction({ id })),
      refresh: () => run('incidents/refresh', () => api.refresh({})),
      refreshSource: (sourceId) => run('incidents/refreshSource', () => api.refresh({ sourceId })),
      dismissNotice: (id) => run('incidents/dismissNotice', () => api.dismissNotice({ id })),
    };
  };
