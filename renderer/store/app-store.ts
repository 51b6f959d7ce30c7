import { devtools } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AlarmAudio } from '../audio/alarm-audio.js';
import type { OnwatchBridge } from '../bridge/connection.js';
import { saveTextFile } from '../lib/save-text-file.js';
import { browserUiPrefs, type UiPrefs } from '../lib/ui-prefs.js';
import { createAttentionSlice } from './attention-slice.js';
import { createChecksSlice } from './checks-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { createConsoleSlice } from './console-slice.js';
import { createIncidentsSlice } from './incidents-slice.js';
import { createSelectionSlice } from './selection-slice.js';
import { createRunbookSlice } from './runbook-slice.js';
import { createScheduleSlice } from './schedule-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import { createStatusPageSlice } from './status-page-slice.js';
import { createTerminalSlice } from './terminal-slice.js';
import type { AppStore } from './types.js';
import { createUiSlice } from './ui-slice.js';

export type AppStoreApi = ReturnType<typeof createAppStore>;

/** What the browser gives the store, injected so tests can use fakes instead. */
interface BrowserServices {
  /** Saves a download (a calendar file, a shift report). */
  saveFile?: (name: string, text: string, type: string) => void;
  /** Puts text on the clipboard (a shift report as Markdown). */
  copyText?: (text: string) => Promise<void>;
  /** Hands a link the window cannot show (a calendar subscription) to the system. */
  openLink?: (url: string) => void;
  /** Where the console keeps its filters between starts. */
  prefs?: UiPrefs;
}

/** The one store; `api`, `audio` and the browser's services are injected so tests can use fakes. */
export function createAppStore(
  api: OnwatchBridge,
  audio: AlarmAudio,
  {
    saveFile = saveTextFile,
    copyText = (text) => navigator.clipboard.writeText(text),
    // Electron's window-open handler passes it to the OS; a browser asks its protocol handler.
    openLink = (url) => void window.open(url, '_blank', 'noopener'),
    prefs = browserUiPrefs(),
  }: BrowserServices = {},
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
        ...createStatusPageSlice(api)(...a),
        ...createAttentionSlice(api, audio)(...a),
        ...createRunbookSlice(api)(...a),
        ...createTerminalSlice(api)(...a),
        ...createScheduleSlice(api, { saveFile, copyText, openLink })(...a),
        ...createChecksSlice(api)(),
      }),
      { name: 'Onwatch' },
    ),
  );
}
