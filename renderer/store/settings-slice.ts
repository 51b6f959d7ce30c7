import type { OnwatchBridge } from '../bridge/connection.js';
import { errorMessage } from './error-message.js';
import type { Outcome, SettingsSlice, SliceCreator } from './types.js';

async function outcome<T>(command: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await command() };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/** The resulting settings arrive with the next stateChanged, so nothing is stored here. */
export const createSettingsSlice =
  (api: OnwatchBridge): SliceCreator<SettingsSlice> =>
  () => ({
    saveSource: (mode, request) =>
      outcome(() => (mode === 'add' ? api.addSource(request) : api.editSource(request))),
    removeSource: (id) => outcome(async () => void (await api.removeSource({ id }))),
    testSource: (request) => outcome(() => api.testSource(request)),
    updateResponderName: (responderName) =>
      outcome(async () => void (await api.updateSettings({ responderName }))),
  });
