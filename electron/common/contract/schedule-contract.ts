/**
 * The schedule's part of the contract: cover for my shifts (overrides at the provider) and
 * taking shifts elsewhere (a calendar file).
 */
import { z } from 'zod';
import { coverRequestSchema, providerPageSchema, teammateSchema } from '../model/cover.js';
import { reportIdPattern } from '../handoff-marker.js';
import { handoffStatusSchema } from '../model/handoff.js';
import { reportShiftSchema, shiftReportSchema } from '../model/shift-report.js';

const id = z.string().min(1).max(600);

const calendarScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('schedule'), sourceId: id, scheduleId: id }),
]);

export const scheduleCommands = {
  /**
   * Who may cover on this schedule, or why Onwatch cannot make cover there, with the
   * provider's page for doing it by hand when there is one.
   */
  listTeammates: {
    request: z.object({ sourceId: id, scheduleId: id }),
    response: z.object({
      teammates: z.array(teammateSchema),
      unavailable: z.string().optional(),
      providerPage: providerPageSchema.optional(),
    }),
  },
  /** Answers once the cover is written down; it then shows in `schedule.covers`. */
  createCover: { request: coverRequestSchema, response: z.object({ coverId: z.string() }) },
  /** Deletes a cover that has not started, cuts a running one short. */
  removeCover: { request: z.object({ coverId: id }), response: z.object({}) },
  /** My shifts, or one schedule's, as an iCalendar file for the window to save. */
  exportCalendar: {
    request: z.object({ scope: calendarScopeSchema }),
    response: z.object({ fileName: z.string(), text: z.string(), events: z.number().int() }),
  },
  /**
   * A schedule's live feed at the provider, from the keychain, for "Subscribe in your
   * calendar" and "Copy feed address". A secret: asked for at the click, never kept in state.
   */
  calendarFeed: {
    request: z.object({ sourceId: id, scheduleId: id }),
    response: z.object({
      webcalUrl: z.string().startsWith('webcal://'),
      httpsUrl: z.string().startsWith('https://').optional(),
    }),
  },
  /** My shifts running now or ended within the week: what a shift report can be made for. */
  listReportShifts: {
    request: z.object({}).strict(),
    response: z.object({ shifts: z.array(reportShiftSchema) }),
  },
  /** The shift report as of now (or as of the shift's end, if it has ended). */
  shiftReport: { request: reportShiftSchema, response: z.object({ report: shiftReportSchema }) },
  /**
   * Reads the notes on the open incidents (where the source lets Onwatch) for shift reports
   * posted by others and acknowledgements of mine. Asked for by the Hand off card, not polled.
   */
  handoffStatus: { request: z.object({}).strict(), response: handoffStatusSchema },
  /**
   * Posts "handoff acknowledged" on the open incidents carrying the report, through the
   * outbox; `already` when I had (nothing is posted twice).
   */
  acknowledgeHandoff: {
    request: z.object({ reportId: z.string().regex(reportIdPattern) }),
    response: z.object({ queued: z.number().int(), already: z.boolean() }),
  },
} as const;

export const scheduleEvents = {
  /** Open the cover form for this shift of mine ("I need cover" in the tray). */
  openCover: z.object({ sourceId: z.string(), scheduleId: z.string(), start: z.string() }),
} as const;
