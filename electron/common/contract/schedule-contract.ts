/**
 * The schedule's part of the contract: taking shifts elsewhere (a calendar file).
 */
import { z } from 'zod';

const id = z.string().min(1).max(600);

const calendarScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('schedule'), sourceId: id, scheduleId: id }),
]);

export const scheduleCommands = {
  /** My shifts, or one schedule's, as an iCalendar file for the window to save. */
  exportCalendar: {
    request: z.object({ scope: calendarScopeSchema }),
    response: z.object({ fileName: z.string(), text: z.string(), events: z.number().int() }),
  },
} as const;
