// Opsgenie's REST API ends on 2027-04-05. Everything Opsgenie lives in this folder so it can be
// deleted in one go (plus its line in create-source.ts and its tests).

import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import { optionalTimestampSchema, timestampSchema } from '../provider-time.js';

/*
 * The parts of Opsgenie's v2 answers that Onwatch reads (opsgenie-oas swagger.json). Fields
 * we do not use are left out: zod drops them, so alert details and descriptions never enter
 * the app unless we decide to show them.
 */

const responderSchema = z.object({ type: z.string(), id: z.string() });

/**
 * An alert needs only its id to be shown and acted on; every other part is optional, so an
 * odd one costs that detail, not the alert. Times are normalised to UTC (sortable as text); a
 * missing `createdAt` gets a stand-in.
 */
export const alertSchema = z.object({
  id: z.string().min(1),
  tinyId: optionalPart(z.string()),
  alias: optionalPart(z.string()),
  message: optionalPart(z.string()),
  status: optionalPart(z.string()),
  acknowledged: optionalPart(z.boolean()),
  snoozed: optionalPart(z.boolean()),
  snoozedUntil: optionalTimestampSchema,
  tags: readableList(z.string()),
  createdAt: optionalTimestampSchema,
  updatedAt: optionalTimestampSchema,
  source: optionalPart(z.string()),
  owner: optionalPart(z.string()),
  priority: optionalPart(z.string()),
  /** Only "Get alert" documents it, but the list may carry it too. */
  entity: optionalPart(z.string()),
  responders: readableList(responderSchema),
  report: optionalPart(
    z.object({
      /** Milliseconds from creation to the acknowledgement, not a timestamp. */
      ackTime: optionalPart(z.number()),
      acknowledgedBy: optionalPart(z.string()),
    }),
  ),
});
export type OpsgenieAlert = z.infer<typeof alertSchema>;

/** Alerts are read one by one (see ItemReader), so the page only promises a list. */
export const listAlertsSchema = z.object({
  data: z.array(z.unknown()),
  paging: optionalPart(z.object({ next: optionalPart(z.string()) })),
});
export type ListAlerts = z.infer<typeof listAlertsSchema>;

export const getAlertSchema = z.object({ data: alertSchema });

/** `GET /v2/users/{identifier}/teams`: the teams the responder belongs to. */
export const userTeamsSchema = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string().optional() })),
});

/** What every alert action answers with 202: the request to track. */
export const acceptedSchema = z.object({ requestId: z.string().min(1) });

export const requestStatusSchema = z.object({
  data: z.object({
    isSuccess: z.boolean(),
    status: z.string().optional(),
  }),
});

export const listNotesSchema = z.object({
  data: z.array(
    z.object({
      note: z.string().optional(),
      owner: z.string().nullish(),
      createdAt: z.string().nullish(),
    }),
  ),
});

export const listEscalationsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      ownerTeam: z.object({ id: z.string().optional() }).optional(),
    }),
  ),
});

export const accountSchema = z.object({ data: z.object({ name: z.string().optional() }) });

const scheduleMetaSchema = z.object({ id: z.string().min(1), name: z.string().optional() });

export const userSchedulesSchema = z.object({ data: z.array(scheduleMetaSchema) });

/** `GET /v2/schedules/on-calls?flat=true`: usernames on call now, per schedule. */
export const onCallsSchema = z.object({
  data: z.array(
    z.object({
      _parent: scheduleMetaSchema.optional(),
      onCallRecipients: z.array(z.string()).optional(),
    }),
  ),
});

const timelinePeriodSchema = z.object({
  startDate: timestampSchema,
  endDate: timestampSchema.optional(),
  type: z.string().optional(),
  recipient: z
    .object({ id: z.string().optional(), name: z.string().optional(), type: z.string().optional() })
    .optional(),
});
export type TimelinePeriod = z.infer<typeof timelinePeriodSchema>;

export const timelineSchema = z.object({
  data: z.object({
    _parent: scheduleMetaSchema.optional(),
    finalTimeline: z
      .object({
        rotations: z
          .array(z.object({ periods: z.array(timelinePeriodSchema).optional() }))
          .optional(),
      })
      .optional(),
  }),
});

/** The error body Opsgenie sends with every 4xx and 5xx. */
export const errorBodySchema = z.object({ message: z.string() });
