import {
  reportFileName,
  shiftReportMarkdown,
  shiftReportNote,
} from '../../electron/common/shift-report-markdown.js';
import type { OnwatchBridge } from '../bridge/connection.js';
import { outcome } from './command-results.js';
import { errorMessage } from './error-message.js';
import type { ScheduleSlice, SliceCreator } from './types.js';

/** What the browser does for the Schedule page: save a download, copy text. */
export interface ScheduleServices {
  saveFile(name: string, text: string, type: string): void;
  copyText(text: string): Promise<void>;
  openLink(url: string): void;
}

/** What the Schedule page asks of the main side; the schedule itself arrives in the state. */
export const createScheduleSlice =
  (api: OnwatchBridge, services: ScheduleServices): SliceCreator<ScheduleSlice> =>
  (set) => ({
    listTeammates: (sourceId, scheduleId) =>
      outcome(() => api.listTeammates({ sourceId, scheduleId })),
    createCover: (request) => outcome(() => api.createCover(request)),
    removeCover: (coverId) => outcome(async () => void (await api.removeCover({ coverId }))),
    exportCalendar: (scope) =>
      outcome(async () => {
        const file = await api.exportCalendar({ scope });
        services.saveFile(file.fileName, file.text, 'text/calendar;charset=utf-8');
        return { fileName: file.fileName, events: file.events };
      }),
    // The feed's address is asked for at the click and handed on; the store never keeps it.
    subscribeToFeed: (sourceId, scheduleId) =>
      outcome(async () => {
        const feed = await api.calendarFeed({ sourceId, scheduleId });
        services.openLink(feed.webcalUrl);
      }),
    copyFeedAddress: (sourceId, scheduleId) =>
      outcome(async () => {
        const feed = await api.calendarFeed({ sourceId, scheduleId });
        // The https form: what a calendar's "add by URL" box takes everywhere.
        await services.copyText(feed.httpsUrl ?? feed.webcalUrl);
      }),
    coverAskedFor: null,
    askForCover: (target) =>
      set(
        target ? { coverAskedFor: target, page: 'schedule' } : { coverAskedFor: null },
        false,
        'schedule/askForCover',
      ),
    listReportShifts: () => outcome(async () => (await api.listReportShifts({})).shifts),
    loadShiftReport: (shift) => outcome(async () => (await api.shiftReport(shift)).report),
    copyShiftReport: (report, watchItems) =>
      outcome(() => services.copyText(shiftReportMarkdown(report, watchItems))),
    saveShiftReport: (report, watchItems) => {
      const fileName = reportFileName(report);
      try {
        services.saveFile(
          fileName,
          shiftReportMarkdown(report, watchItems),
          'text/markdown;charset=utf-8',
        );
        return { ok: true, value: { fileName } };
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      }
    },
    postShiftReport: (report, watchItems) =>
      outcome(async () => {
        const text = shiftReportNote(report, watchItems);
        const targets = report.stillOpen.filter((incident) => incident.takesNotes);
        // Each note is its own outbox action: one refused is named, the others still go.
        const results = await Promise.allSettled(
          targets.map((incident) => api.act({ key: incident.key, action: { type: 'note', text } })),
        );
        const failed = targets.flatMap((incident, i) =>
          results[i]!.status === 'rejected' ? [incident.title] : [],
        );
        return { queued: targets.length - failed.length, failed };
      }),
    loadHandoffStatus: () => outcome(() => api.handoffStatus({})),
    acknowledgeHandoff: (reportId) => outcome(() => api.acknowledgeHandoff({ reportId })),
  });
