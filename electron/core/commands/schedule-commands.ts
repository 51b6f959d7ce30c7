import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleBook } from '../engine/schedule-book.js';
import type { SourceSupervisor } from '../engine/source-supervisor.js';
import { exportCalendar } from '../schedule/calendar-export.js';

export interface ScheduleCommandContext {
  clock: Clock;
  schedule: ScheduleBook;
  supervisor: Pick<SourceSupervisor, 'statuses'>;
}

type ScheduleCommands = Pick<CommandHandlers, 'exportCalendar'>;

/** Taking the schedule elsewhere. */
export function scheduleCommands({
  clock,
  schedule,
  supervisor,
}: ScheduleCommandContext): ScheduleCommands {
  return {
    exportCalendar: async ({ scope }) =>
      exportCalendar({
        view: schedule.view(),
        scope,
        now: clock.now(),
        revisedAt: (shift) => schedule.revisedAt(shift),
        sourceName: (id) => supervisor.statuses().find((s) => s.id === id)?.name ?? id,
      }),
  };
}
