import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import { optionalTimestampSchema } from '../provider-time.js';

/*
 * The parts of Splunk On-Call's public API answers that Onwatch reads (PROVIDERS.md §3 and
 * the v0.0.3 API description). The API calls every incident field optional and publishes
 * no strict spec, so these accept nulls and missing fields: one odd field must not blind
 * the whole source. Fields we do not use are left out and dropped by zod.
 */

const optionalText = optionalPart(z.string());

/** Incident numbers are strings on the wire; a number is read the same way. */
const incidentNumberSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

/** ISO-8601 normalised to UTC (sortable as text); an unreadable time becomes undefined. */
const timestampSchema = optionalTimestampSchema;

const namedSchema = z.object({ name: optionalText, slug: z.string().min(1) });
const userRefSchema = z
  .object({ username: z.string().min(1) })
  .nullish()
  .transform((user) => user?.username);

/**
 * An incident needs only its number to be shown and acted on; the rest is optional, so an odd
 * part costs that detail, not the incident.
 */
export const incidentSchema = z.object({
  incidentNumber: incidentNumberSchema,
  currentPhase: optionalPart(z.string()),
  entityId: optionalText,
  entityDisplayName: optionalText,
  /** CRITICAL, WARNING, INFO…: the nearest thing to a severity the API has. */
  entityState: optionalText,
  host: optionalText,
  service: optionalText,
  routingKey: optionalText,
  incidentLink: optionalText,
  startTime: timestampSchema,
  lastAlertTime: timestampSchema,
  pagedUsers: readableList(z.string()),
  pagedTeams: readableList(z.string()),
  pagedPolicies: readableList(z.object({ policy: namedSchema })),
  transitions: readableList(
    z.object({ name: optionalText, at: timestampSchema, by: optionalText, message: optionalText }),
  ),
});
export type SplunkIncident = z.infer<typeof incidentSchema>;

/** Incidents are read one by one (see ItemReader), so the answer only promises a list. */
export const incidentListSchema = z.object({ incidents: z.array(z.unknown()) });

/** The answer to PATCH incidents/ack and incidents/resolve: one result per incident. */
export const ackOrResolveResponseSchema = z.object({
  results: z.array(
    z.object({
      incidentNumber: incidentNumberSchema,
      cmdAccepted: z.boolean(),
      message: optionalText,
    }),
  ),
});

/**
 * The answer to POST incidents/reroute. The API description says `statuses` with a
 * per-target verdict; the same `results`/`cmdAccepted` shape as ack is read too, so either
 * one confirms a reroute.
 */
export const rerouteResponseSchema = z.object({
  statuses: z
    .array(
      z.object({
        incidentNumber: incidentNumberSchema,
        success: z.boolean(),
        message: optionalText,
        targetStatus: z
          .array(z.object({ slug: z.string(), success: z.boolean(), message: optionalText }))
          .nullish(),
      }),
    )
    .nullish(),
  results: ackOrResolveResponseSchema.shape.results.nullish(),
});

export const onCallCurrentSchema = z.object({
  teamsOnCall: z.array(
    z.object({
      team: namedSchema,
      onCallNow: z
        .array(
          z.object({
            escalationPolicy: namedSchema.nullish(),
            users: z.array(z.object({ onCallUser: userRefSchema })).nullish(),
          }),
        )
        .nullish(),
    }),
  ),
});
export type OnCallCurrent = z.infer<typeof onCallCurrentSchema>;

const rollSchema = z.object({
  start: timestampSchema,
  end: timestampSchema,
  onCallUser: userRefSchema,
});

export const teamScheduleSchema = z.object({
  schedules: z.array(
    z.object({
      policy: namedSchema,
      schedule: z
        .array(
          z.object({
            onCallUser: userRefSchema,
            overrideOnCallUser: userRefSchema,
            rolls: z.array(rollSchema),
          }),
        )
        .nullish(),
      overrides: z
        .array(
          z.object({
            start: timestampSchema,
            end: timestampSchema,
            origOnCallUser: userRefSchema,
            overrideOnCallUser: userRefSchema,
          }),
        )
        .nullish(),
    }),
  ),
});
export type TeamSchedule = z.infer<typeof teamScheduleSchema>;
export type PolicySchedule = TeamSchedule['schedules'][number];
