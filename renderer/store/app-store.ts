import { devtools } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AlarmAudio } from '../audio/alarm-audio.js';
import type { OnwatchBridge } from '../bridge/connection.js';
import { browserUiPrefs, type UiPrefs } from '../lib/ui-prefs.js';
import { createAttentionSlice } from './attention-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { createConsoleSlice } from './console-slice.js';
import { createIncidentsSlice } from './incidents-slice.js';
import { createSelectionSlice } from './selection-slice.js';
import { createRunbookSlice } from './runbook-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import { createTerminalSlice } from './terminal-slice.js';
import type { AppStore } from './types.js';
import { createUiSlice } from './ui-slice.js';

export type AppStoreApi = ReturnType<typeof createAppStore>;

/** The one store; `api`, `audio` and `prefs` are injected so tests can drive it with fakes. */
export function createAppStore(
  api: OnwatchBridge,
  audio: AlarmAudio,
  prefs: UiPrefs = browserUiPrefs(),
) {
  return createStore<AppStore>()(
    devtools(
      (...a) => ({
        ...createIncidentsSlice(api)(...a),
        ...createSelectionSlice(...a),
        ...createConsoleSlice(prefs)(...a),
        ...createUiSlice(...a),
        ...createConnectionSlice(api)(...a),
        ...createSettingsSlice(api)(...a),
        ...createAttentionSlice(api, audio)(...a),
        ...createRunbookSlice(api)(...a),
        ...createTerminalSlice(api)(...a),
      }),
      { name: 'Onwatch' },
    ),
  );
}
