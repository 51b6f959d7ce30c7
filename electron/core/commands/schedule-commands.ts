import { CommandError } from '../../common/contract/command-error.js';
import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleBook } from '../engine/schedule-book.js';
import type { SourceSupervisor } from '../engine/source-supervisor.js';
import { exportCalendar } from '../schedule/calendar-export.js';
import type { CalendarFeeds } from '../schedule/calendar-feeds.js';
import type { CoverDesk } from '../schedule/cover-desk.js';
import type { HandoffNotes } from '../handoff/handoff-notes.js';
import type { ShiftReports } from '../handoff/shift-reports.js';

export interface ScheduleCommandContext {
  clock: Clock;
  schedule: ScheduleBook;
  supervisor: Pick<SourceSupervisor, 'statuses'>;
  covers: CoverDesk;
  reports: ShiftReports;
  calendarFeeds: Pick<CalendarFeeds, 'get'>;
  handoff: HandoffNotes;
}

type ScheduleCommands = Pick<
  CommandHandlers,
  | 'exportCalendar'
  | 'calendarFeed'
  | 'listTeammates'
  | 'createCover'
  | 'removeCover'
  | 'listReportShifts'
  | 'shiftReport'
  | 'handoffStatus'
  | 'acknowledgeHandoff'
>;

/** Asking for teammates reads the account's users, which can take a few pages. */
const teammatesTimeoutMs = 30_000;

/** Cover for my shifts, and taking the schedule elsewhere. */
export function scheduleCommands({
  clock,
  schedule,
  supervisor,
  covers,
  reports,
  calendarFeeds,
  handoff,
}: ScheduleCommandContext): ScheduleCommands {
  return {
    listTeammates: ({ sourceId, scheduleId }) =>
      covers.teammates(sourceId, scheduleId, AbortSignal.timeout(teammatesTimeoutMs)),
    createCover: (request) => covers.create(request),
    removeCover: async ({ coverId }) => {
      await covers.remove(coverId);
      return {};
    },
    exportCalendar: async ({ scope }) =>
      exportCalendar({
        view: schedule.view(),
        scope,
        now: clock.now(),
        revisedAt: (shift) => schedule.revisedAt(shift),
        sourceName: (id) => supervisor.statuses().find((s) => s.id === id)?.name ?? id,
      }),
    calendarFeed: async ({ sourceId, scheduleId }) => {
      const feed = await calendarFeeds.get(sourceId, scheduleId);
      if (!feed) {
        throw new CommandError({
          code: 'failed',
          message: 'This schedule has no live feed: its provider did not offer one.',
        });
      }
      return feed;
    },
    listReportShifts: async () => ({ shifts: reports.recentShifts() }),
    shiftReport: async (shift) => {
      if (shift.end !== undefined && Date.parse(shift.end) <= Date.parse(shift.start)) {
        throw new CommandError({
          code: 'invalid-request',
          message: 'A shift must end after it starts.',
          issues: [{ path: ['end'], message: 'A shift must end after it starts.' }],
        });
      }
      return { report: await reports.report(shift) };
    },
    handoffStatus: () => handoff.status(),
    acknowledgeHandoff: ({ reportId }) => handoff.acknowledge(reportId),
  };
}
