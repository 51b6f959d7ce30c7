import type { OnwatchBridge } from '../bridge/connection.js';
import { outcome } from './command-results.js';
import type { SettingsSlice, SliceCreator } from './types.js';

/** Saved settings come back in a stateChange (or a later stateSnapshot); none are kept here. */
export const createSettingsSlice =
  (api: OnwatchBridge): SliceCreator<SettingsSlice> =>
  () => ({
    saveSource: (mode, request) =>
      outcome(() => (mode === 'add' ? api.addSource(request) : api.editSource(request))),
    removeSource: (id) => outcome(async () => void (await api.removeSource({ id }))),
    testSource: (request) => outcome(() => api.testSource(request)),
    updateResponderName: (responderName) =>
      outcome(async () => void (await api.updateSettings({ responderName }))),
    updateAlarmSound: (alarmSound) =>
      outcome(async () => void (await api.updateSettings({ alarmSound }))),
    updateFastLane: (fastLane) =>
      outcome(async () => void (await api.updateSettings({ fastLane }))),
    updateShiftReminderLead: (shiftReminderLeadMinutes) =>
      outcome(async () => void (await api.updateSettings({ shiftReminderLeadMinutes }))),
    updateAckShortcut: (ackShortcut) =>
      outcome(async () => void (await api.updateSettings({ ackShortcut }))),
  });
