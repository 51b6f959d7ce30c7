import { z } from 'zod';

/**
 * The handoff as the notes on open incidents tell it: shift reports other responders posted
 * (for me to acknowledge) and those I posted (with who acknowledged them). Everything here
 * came from notes anyone can write, so the window shows it as plain text, the report itself
 * as sanitized Markdown.
 */

const acknowledgementSchema = z.object({
  by: z.string(),
  /** When the provider says the acknowledging note was written. */
  at: z.string().optional(),
});

const carrierSchema = z.object({ key: z.string(), title: z.string() });

const receivedReportSchema = z.object({
  reportId: z.string(),
  outgoing: z.string(),
  incoming: z.string(),
  window: z.string(),
  /** I am among the incoming names. */
  forMe: z.boolean(),
  /** The note as posted (Markdown), from the first incident it was found on. */
  text: z.string(),
  postedAt: z.string().optional(),
  /** The open incidents it is posted on: where an acknowledgement goes. */
  incidents: z.array(carrierSchema),
  acknowledgements: z.array(acknowledgementSchema),
  /** My own acknowledgement: none yet, on its way through the outbox, or posted. */
  mine: z.enum(['none', 'sending', 'posted']),
});
export type ReceivedReport = z.infer<typeof receivedReportSchema>;

const sentReportSchema = z.object({
  reportId: z.string(),
  postedAt: z.string(),
  incidents: z.array(carrierSchema.extend({ stillOpen: z.boolean() })),
  acknowledgements: z.array(acknowledgementSchema),
});
export type SentReport = z.infer<typeof sentReportSchema>;

export const handoffStatusSchema = z.object({
  received: z.array(receivedReportSchema),
  sent: z.array(sentReportSchema),
  /** Sources whose open incidents take notes Onwatch does not read: reports there go unseen. */
  unread: z.array(z.string()),
  /** Notes that could not be read this time, e.g. "PagerDuty: 1 incident (timeout)". */
  problems: z.array(z.string()),
  readAt: z.string(),
});
export type HandoffStatus = z.infer<typeof handoffStatusSchema>;
