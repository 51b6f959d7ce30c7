import { z } from 'zod';

/** Someone or something an incident can be handed to. */
const reassignTargetSchema = z.object({
  kind: z.enum(['user', 'escalation-policy']),
  /** The provider's id (PagerDuty, Opsgenie) or slug/username (Splunk On-Call). */
  id: z.string().min(1).max(200),
  label: z.string().max(200).optional(),
});
export type ReassignTarget = z.infer<typeof reassignTargetSchema>;

/**
 * The longest note Onwatch sends: a runbook transcript is capped to this (RUNBOOKS.md §1.5;
 * neither vendor documents a limit).
 */
export const maxNoteChars = 10_000;

const noteTextSchema = z.string().trim().min(1).max(maxNoteChars);

/**
 * A note typed with an ack or a resolve travels as a note of its own, sent once the provider
 * has confirmed the ack or resolve: not every provider takes a note with them (JSM takes none),
 * and a refused note must not undo a confirmed ack. Sources never see this field.
 */
const withNote = { note: noteTextSchema.optional() };

/** Every action a responder can take on an incident; a source declares which it supports. */
export const incidentActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), ...withNote }),
  /** Back to triggered: the page was acknowledged by mistake, or the work is handed back. */
  z.object({ type: z.literal('unack') }),
  z.object({ type: z.literal('resolve'), ...withNote }),
  z.object({
    type: z.literal('snooze'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  z.object({ type: z.literal('reassign'), target: reassignTargetSchema }),
  /** Escalate to `level` where the provider has numbered levels, else to the next one. */
  z.object({ type: z.literal('escalate'), level: z.number().int().min(1).max(20).optional() }),
  z.object({ type: z.literal('note'), text: noteTextSchema }),
  /**
   * Stops a monitor watching the check (Healthchecks.io): it is no longer failing, and rings
   * again only once it is monitored and fails again. Offered with a confirmation.
   */
  z.object({ type: z.literal('pause') }),
  z.object({
    type: z.literal('silence'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
]);
export type IncidentAction = z.infer<typeof incidentActionSchema>;
export type IncidentActionType = IncidentAction['type'];

/**
 * Passed with every send. `actionId` is stable across retries and restarts, so a source whose
 * provider is not naturally idempotent (a note, a silence) can mark what it sends and later
 * recognise it. `mayHaveBeenSent` is true when an earlier attempt's outcome is unknown.
 */
export interface ActionContext {
  actionId: string;
  mayHaveBeenSent: boolean;
}

/** The action as its source is asked to do it, and the note that follows it, if one was typed. */
export function splitNote(action: IncidentAction): {
  action: IncidentAction;
  note?: Extract<IncidentAction, { type: 'note' }>;
} {
  if ((action.type !== 'ack' && action.type !== 'resolve') || action.note === undefined) {
    return { action };
  }
  return { action: { type: action.type }, note: { type: 'note', text: action.note } };
}
