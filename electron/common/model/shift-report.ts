import { z } from 'zod';

/**
 * A shift report: what happened on one of my shifts, built by the core from what Onwatch saw
 * and did, for the window to show, copy as Markdown, save and post on the incidents still open.
 * Times are ISO strings; durations are milliseconds. Anything Onwatch could not see is listed
 * in `notAvailable` rather than guessed.
 */

const urgencySchema = z.enum(['high', 'low']);

const reportIncidentSchema = z.object({
  key: z.string(),
  number: z.string().optional(),
  title: z.string(),
  service: z.string().optional(),
  sourceName: z.string(),
  urgency: urgencySchema,
  webUrl: z.string().optional(),
  triggeredAt: z.string(),
  /** Triggered between 22:00 and 07:00 in the responder's time zone. */
  night: z.boolean(),
  acknowledgedAt: z.string().optional(),
  timeToAckMs: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  timeToResolveMs: z.number().optional(),
  resolvedBy: z.string().optional(),
  /** Its state when the report was cut (the end of the shift, or now when that is earlier). */
  state: z.enum(['triggered', 'acknowledged', 'resolved']),
});
export type ReportIncident = z.infer<typeof reportIncidentSchema>;

const openIncidentSchema = z.object({
  key: z.string(),
  number: z.string().optional(),
  title: z.string(),
  sourceName: z.string(),
  status: z.enum(['triggered', 'acknowledged']),
  urgency: urgencySchema,
  owners: z.array(z.string()),
  webUrl: z.string().optional(),
  /** Its source takes notes, so the report can be posted on it. */
  takesNotes: z.boolean(),
});
export type ReportOpenIncident = z.infer<typeof openIncidentSchema>;

const postedSchema = z.object({
  at: z.string(),
  kind: z.enum(['note', 'transcript', 'status-page']),
  /** The incident it was posted on, or the status page's name. */
  on: z.string(),
  summary: z.string(),
});

const endingSchema = z.object({
  kind: z.enum(['silence', 'snooze', 'maintenance']),
  title: z.string(),
  endsAt: z.string(),
  /**
   * A silence read from the provider: made from this Onwatch (its outbox action is in the
   * shift log) or at the provider (its own UI, amtool, another Onwatch, any other tool).
   */
  madeAt: z.enum(['here', 'provider']).optional(),
  sourceName: z.string().optional(),
  /** The silence's matchers as the provider shows them, e.g. `alertname="X", env=~"prod.*"`. */
  matchers: z.string().optional(),
  createdBy: z.string().optional(),
  comment: z.string().optional(),
});
export type ReportEnding = z.infer<typeof endingSchema>;

const blindSpellSchema = z.object({
  sourceName: z.string(),
  from: z.string(),
  /** Absent while it is still blind when the report is cut. */
  to: z.string().optional(),
  durationMs: z.number(),
  reason: z.string().optional(),
});
export type ReportBlindSpell = z.infer<typeof blindSpellSchema>;

const coverInForceSchema = z.object({
  scheduleName: z.string(),
  coverName: z.string(),
  forName: z.string(),
  start: z.string(),
  end: z.string(),
  state: z.string(),
});

export const shiftReportSchema = z.object({
  /** The same for every report on one shift by one outgoing responder: what an ack names. */
  id: z.string().regex(/^sr-[0-9a-f]{12}$/),
  sourceId: z.string(),
  scheduleId: z.string(),
  scheduleName: z.string(),
  start: z.string(),
  end: z.string().optional(),
  /** When the report was cut: the end of the shift, or the moment it was asked for. */
  cutAt: z.string(),
  timeZone: z.string(),
  outgoing: z.string(),
  /** Who takes over next, where the schedule says. */
  incoming: z.string().optional(),
  pages: z.object({
    total: z.number().int(),
    high: z.number().int(),
    low: z.number().int(),
    night: z.number().int(),
    day: z.number().int(),
  }),
  incidents: z.array(reportIncidentSchema),
  stillOpen: z.array(openIncidentSchema),
  posted: z.array(postedSchema),
  endingNextShift: z.array(endingSchema),
  blind: z.array(blindSpellSchema),
  covers: z.array(coverInForceSchema),
  notAvailable: z.array(z.string()),
});
export type ShiftReport = z.infer<typeof shiftReportSchema>;

/** Which shift a report is for; `end` absent for a shift with no set end. */
export const reportShiftSchema = z.object({
  sourceId: z.string().min(1).max(600),
  scheduleId: z.string().min(1).max(600),
  scheduleName: z.string().max(300),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }).optional(),
});
export type ReportShift = z.infer<typeof reportShiftSchema>;

/** The hours counted as night for "pages at night": 22:00 up to 07:00. */
export const nightHours = { from: 22, until: 7 } as const;

export function isNightHour(hour: number): boolean {
  return hour >= nightHours.from || hour < nightHours.until;
}
