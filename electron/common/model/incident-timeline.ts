import { z } from 'zod';

/**
 * What happened to an incident, as its provider tells it: PagerDuty's log entries and notes,
 * Opsgenie's activity log and notes, Alertmanager's start and the silences on the alert. Read
 * when the responder opens the incident, not polled.
 */
const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum([
    'opened',
    'notified',
    'acknowledged',
    'unacknowledged',
    'escalated',
    'assigned',
    'snoozed',
    'silenced',
    'note',
    'resolved',
    'other',
  ]),
  /** The provider's words, as plain text: never markup. */
  text: z.string(),
  /** Who did it, as the provider names them. */
  by: z.string().optional(),
  /** When what it started ends, where the provider says: a silence's or a snooze's end. */
  until: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const incidentTimelineSchema = z.discriminatedUnion('available', [
  /** Oldest first. `partial` says what could not be read, in words. */
  z.object({
    available: z.literal(true),
    entries: z.array(timelineEntrySchema),
    partial: z.string().optional(),
  }),
  z.object({ available: z.literal(false), why: z.string() }),
]);
export type IncidentTimeline = z.infer<typeof incidentTimelineSchema>;
