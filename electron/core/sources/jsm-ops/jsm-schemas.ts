import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import { optionalTimestampSchema, timestampSchema } from '../provider-time.js';

/*
 * The parts of JSM Operations' v1 answers (and of the Jira site's) that Onwatch reads, after
 * Atlassian's OpenAPI file (JSM-OPS.md). Unused fields are left out, so zod drops them.
 */

/** `GET <site>/_edge/tenant_info`, unauthenticated. */
export const tenantInfoSchema = z.object({ cloudId: z.string().trim().min(1) });

/** `GET <site>/rest/api/3/myself` and `/rest/api/3/user?accountId=`. */
export const jiraUserSchema = z.object({
  accountId: z.string().min(1),
  displayName: optionalPart(z.string()),
});
export type JiraUser = z.infer<typeof jiraUserSchema>;

/**
 * `GET <site>/rest/api/3/users/search`: a bare array of users, apps and customers alike. An
 * unreadable entry is null (it still counts toward the page); anything but an array is wrong.
 */
export const jiraUserPageSchema = z.array(
  z
    .object({
      accountId: z.string().min(1),
      accountType: optionalPart(z.string()),
      displayName: optionalPart(z.string()),
      emailAddress: optionalPart(z.string()),
      active: optionalPart(z.boolean()),
    })
    .nullable()
    .catch(null),
);

const responderSchema = z.object({ type: z.string(), id: z.string() });

/** extraProperties is a map of strings; a value of another kind is left out, not the alert. */
const extraPropertiesSchema = optionalPart(z.record(z.string(), z.unknown())).transform((record) =>
  Object.fromEntries(
    Object.entries(record ?? {}).filter((entry): entry is [string, string] => {
      return typeof entry[1] === 'string';
    }),
  ),
);

/** An alert needs only its id; any other part that comes back odd costs that detail. */
export const alertSchema = z.object({
  id: z.string().min(1),
  tinyId: optionalPart(z.string()),
  alias: optionalPart(z.string()),
  message: optionalPart(z.string()),
  description: optionalPart(z.string()),
  status: optionalPart(z.string()),
  acknowledged: optionalPart(z.boolean()),
  ackTime: optionalTimestampSchema,
  snoozed: optionalPart(z.boolean()),
  snoozedUntil: optionalTimestampSchema,
  tags: readableList(z.string()),
  extraProperties: extraPropertiesSchema,
  createdAt: optionalTimestampSchema,
  updatedAt: optionalTimestampSchema,
  entity: optionalPart(z.string()),
  source: optionalPart(z.string()),
  /** A display name, not an accountId. */
  owner: optionalPart(z.string()),
  priority: optionalPart(z.string()),
  responders: readableList(responderSchema),
});
export type JsmAlert = z.infer<typeof alertSchema>;

/** Alerts are read one by one (ItemReader), so the page only promises a list. */
export const listAlertsSchema = z.object({
  values: z.array(z.unknown()),
  count: optionalPart(z.number()),
  links: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

/** What every asynchronous alert action answers with 202: the request to track. */
export const acceptedSchema = z.object({ requestId: z.string().min(1) });

/** `GET /v1/alerts/requests/{id}`: no `data` wrapper, unlike Opsgenie. */
export const requestStatusSchema = z.object({
  isSuccess: z.boolean(),
  status: optionalPart(z.string()),
});

export const noteSchema = z.object({
  id: optionalPart(z.string()),
  note: optionalPart(z.string()),
  owner: optionalPart(z.string()),
  createdAt: optionalPart(z.string()),
});

export const listNotesSchema = z.object({
  values: readableList(noteSchema),
  links: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

export const listTeamsSchema = z.object({
  platformTeams: readableList(
    z.object({ teamId: z.string().min(1), teamName: optionalPart(z.string()) }),
  ),
});

export const listEscalationsSchema = z.object({
  values: readableList(
    z.object({
      id: z.string().min(1),
      name: optionalPart(z.string()),
      enabled: optionalPart(z.boolean()),
    }),
  ),
});

export const listSchedulesSchema = z.object({
  values: readableList(
    z.object({
      id: z.string().min(1),
      name: optionalPart(z.string()),
      enabled: optionalPart(z.boolean()),
    }),
  ),
  links: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

/** A schedule override; its alias is the server's. */
export const overrideSchema = z.object({
  alias: z.string().min(1),
  responder: optionalPart(z.object({ type: z.string(), id: optionalPart(z.string()) })),
  startDate: z.string(),
  endDate: z.string(),
  rotationIds: optionalPart(z.array(z.string())),
});
export type JsmOverride = z.infer<typeof overrideSchema>;

export const listOverridesSchema = z.object({
  values: readableList(overrideSchema),
  links: optionalPart(z.object({ next: optionalPart(z.string()) })),
});

const timelineResponderSchema = z.object({
  id: optionalPart(z.string()),
  type: optionalPart(z.string()),
});

const timelinePeriodSchema = z.object({
  startDate: timestampSchema,
  endDate: optionalTimestampSchema,
  type: optionalPart(z.string()),
  responder: optionalPart(timelineResponderSchema),
  /** A team's period, resolved to the people in it. */
  flattenedResponders: readableList(timelineResponderSchema),
});
export type TimelinePeriod = z.infer<typeof timelinePeriodSchema>;

const timelineLayerSchema = optionalPart(
  z.object({
    rotations: readableList(
      z.object({ id: optionalPart(z.string()), periods: readableList(timelinePeriodSchema) }),
    ),
  }),
);
export type TimelineLayer = z.infer<typeof timelineLayerSchema>;

/** The final layer, and the base layer (the rotation before overrides) with `expand=base`. */
export const timelineSchema = z.object({
  finalTimeline: timelineLayerSchema,
  baseTimeline: timelineLayerSchema,
});

/** 401 answers `{code, message}`; the other 4xx `{errors: [{title, code}]}`. */
export const errorBodySchema = z.object({
  message: optionalPart(z.string()),
  errors: optionalPart(
    z.array(z.object({ title: optionalPart(z.string()), code: optionalPart(z.string()) })),
  ),
});
