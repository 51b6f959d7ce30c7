import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import { optionalTimestampSchema, timestampSchema as timestamp } from '../provider-time.js';

/*
 * The parts of PagerDuty REST API v2 answers that Onwatch reads (see the vendor's OpenAPI
 * spec). Everything else is dropped by zod. PagerDuty sends `null` for many absent values
 * (summary, html_url, priority, end), so optional fields are `nullish`. Times are rendered in
 * the account's zone and normalised to UTC, so they sort as strings.
 */

/** A reference or a full object: both carry `id`, and `summary` is the human name. */
const reference = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  summary: z.string().nullish(),
  name: z.string().nullish(),
  /** Its page in PagerDuty's web app, on the account's own subdomain. */
  html_url: z.string().nullish(),
});
export type PdReference = z.infer<typeof reference>;

const pagination = {
  more: optionalPart(z.boolean()),
  total: optionalPart(z.number().int()),
};

/**
 * An incident needs only its id to be shown and acted on; every other part is optional, so an
 * odd one costs that detail, not the incident. A missing `created_at` gets a stand-in.
 */
export const pdIncidentSchema = z.object({
  id: z.string().min(1),
  incident_number: optionalPart(z.number().int()),
  title: optionalPart(z.string()),
  summary: optionalPart(z.string()),
  html_url: optionalPart(z.string()),
  // A string rather than the enum: a status added later must not blind the source.
  status: optionalPart(z.string()),
  urgency: optionalPart(z.string()),
  incident_key: optionalPart(z.string()),
  created_at: optionalTimestampSchema,
  updated_at: optionalTimestampSchema,
  last_status_change_at: optionalTimestampSchema,
  service: optionalPart(reference),
  escalation_policy: optionalPart(reference),
  priority: optionalPart(reference.partial({ id: true })),
  assignments: readableList(z.object({ assignee: reference })),
  /** The teams involved, e.g. the service's team. */
  teams: readableList(reference),
  acknowledgements: readableList(
    z.object({ at: optionalTimestampSchema, acknowledger: optionalPart(reference) }),
  ),
});
export type PdIncident = z.infer<typeof pdIncidentSchema>;

/** Incidents are read one by one (see ItemReader), so the page only promises a list. */
export const incidentPageSchema = z.object({ incidents: z.array(z.unknown()), ...pagination });
export const incidentResponseSchema = z.object({ incident: pdIncidentSchema });
/** What a write answers; only its presence matters, the next poll reads the new state. */
export const writeAnswerSchema = z.unknown();

const pdUserSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  email: z.string(),
  role: z.string().nullish(),
  /** Filled when the team membership is asked for (`include[]=teams`). */
  teams: z.array(reference).nullish(),
});
export type PdUser = z.infer<typeof pdUserSchema>;
export const userResponseSchema = z.object({ user: pdUserSchema });
export const userPageSchema = z.object({ users: z.array(pdUserSchema), ...pagination });

export const notesSchema = z.object({
  notes: z.array(
    z.object({
      content: z.string(),
      created_at: z.string().nullish(),
      user: z.object({ summary: z.string().nullish() }).nullish(),
    }),
  ),
});

const pdOnCallSchema = z.object({
  escalation_policy: reference.nullish(),
  escalation_level: z.number().int().nullish(),
  schedule: reference.nullish(),
  user: reference.nullish(),
  // Null on both ends means a permanent on-call (a user placed directly on a policy).
  start: timestamp.nullish(),
  end: timestamp.nullish(),
});
export type PdOnCall = z.infer<typeof pdOnCallSchema>;
export const onCallPageSchema = z.object({ oncalls: z.array(pdOnCallSchema), ...pagination });

const renderedEntries = z
  .object({
    rendered_schedule_entries: z
      .array(z.object({ user: reference.nullish(), start: timestamp, end: timestamp.nullish() }))
      .nullish(),
  })
  .nullish();

/**
 * The schedule's iCalendar feed (the same address, as https and as webcal). A bearer secret:
 * read only to go to the keychain. The v3 schema declares them; classic answers carry them too.
 */
const calendarFeedFields = {
  http_cal_url: z.string().nullish(),
  web_cal_url: z.string().nullish(),
};

/** GET /schedules/{id}: a classic (layered) schedule, rendered when since/until are sent. */
export const v2ScheduleSchema = z.object({
  schedule: z.object({
    id: z.string().min(1),
    name: z.string().nullish(),
    summary: z.string().nullish(),
    html_url: z.string().nullish(),
    final_schedule: renderedEntries,
    /** Who overrides whom when, however made: marks those stretches of the final schedule. */
    overrides_subschedule: renderedEntries,
    ...calendarFeedFields,
  }),
});
export type V2Schedule = z.infer<typeof v2ScheduleSchema>['schedule'];

/** GET /v3/schedules/{id}: a shift-based schedule; assignments name users by id only. */
export const v3ScheduleSchema = z.object({
  schedule: z.object({
    id: z.string().min(1),
    name: z.string(),
    html_url: z.string().nullish(),
    users: z.array(reference).nullish(),
    final_schedule: z
      .object({
        computed_shift_assignments: z.array(
          z.object({
            start_time: timestamp,
            end_time: timestamp.nullish(),
            member: z.object({ type: z.string(), user_id: z.string().nullish() }),
            /** `…_override` with `override_id` where an override put this member here. */
            source: z
              .object({ type: z.string().nullish(), override_id: z.string().nullish() })
              .nullish(),
          }),
        ),
      })
      .nullish(),
    ...calendarFeedFields,
  }),
});
export type V3Schedule = z.infer<typeof v3ScheduleSchema>['schedule'];

/** PagerDuty's error body: `{"error":{"message","code","errors":[...]}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    message: z.string().nullish(),
    code: z.number().int().nullish(),
    errors: z.array(z.string()).nullish(),
  }),
});
