import type { OnwatchBridge } from '../bridge/connection.js';
import { outcome } from './command-results.js';
import type { ScheduleSlice } from './types.js';

/** What the Schedule page asks of the main side; the schedule itself arrives in the state. */
export const createScheduleSlice =
  (api: OnwatchBridge, saveFile: (name: string, text: string, type: string) => void) =>
  (): ScheduleSlice => ({
    listTeammates: (sourceId, scheduleId) =>
      outcome(() => api.listTeammates({ sourceId, scheduleId })),
    createCover: (request) => outcome(() => api.createCover(request)),
    removeCover: (coverId) => outcome(async () => void (await api.removeCover({ coverId }))),
    exportCalendar: (scope) =>
      outcome(async () => {
        const file = await api.exportCalendar({ scope });
        saveFile(file.fileName, file.text, 'text/calendar;charset=utf-8');
        return { fileName: file.fileName, events: file.events };
      }),
  });
