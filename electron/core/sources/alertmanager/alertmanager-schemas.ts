import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import type { SchemaWithShortcut } from '../item-reader.js';
import { isoInstant, optionalTimestampSchema, timestampSchema } from '../provider-time.js';

/*
 * The parts of Alertmanager's API v2 answers that Onwatch reads (see the v0.25.0 OpenAPI
 * spec). Fields we do not use are left out on purpose: zod drops them, so, for example,
 * `config.original` from /status (the whole running config) never enters the app.
 */

/**
 * Every key and value a string. Checked in one plain loop: a storm brings tens of thousands
 * of label sets, and a per-entry schema costs several times as much.
 */
const labelSetSchema = z.custom<Record<string, string>>(
  isLabelSet,
  'expected a set of string labels',
);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLabelSet(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

/** Annotations are only read: one that is not text is left out, the others kept. */
const annotationsSchema = z.unknown().transform((value) => {
  const text: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return text;
  for (const [name, entry] of Object.entries(value))
    if (typeof entry === 'string') text[name] = entry;
  return text;
});

/**
 * An alert needs its fingerprint (its identity across replicas and polls) and its labels
 * (what an ack's silence matches: one left out would widen it); every other part is optional,
 * so an odd one costs that detail, not the alert.
 */
export const gettableAlertSchema = z.object({
  fingerprint: z.string().min(1),
  labels: labelSetSchema,
  annotations: annotationsSchema,
  startsAt: optionalTimestampSchema,
  updatedAt: optionalTimestampSchema,
  generatorURL: optionalPart(z.string()),
  status: z
    .object({
      // A string rather than the enum: a state added by a later release must not blind the source.
      state: z.string(),
      silencedBy: readableList(z.string()),
    })
    .catch({ state: 'unknown', silencedBy: [] }),
});
export type GettableAlert = z.infer<typeof gettableAlertSchema>;

/**
 * An alert as `gettableAlertSchema` reads it, when every part is plainly what the schema expects
 * (as in every answer Alertmanager itself gives); undefined sends the alert through the schema.
 * The label and annotation sets are kept as they came, not copied.
 */
function plainAlert(raw: unknown): GettableAlert | undefined {
  if (!isObject(raw)) return undefined;
  const { fingerprint, labels, annotations, status, generatorURL } = raw;
  if (typeof fingerprint !== 'string' || fingerprint === '' || !isLabelSet(labels))
    return undefined;
  if (!isLabelSet(annotations) || !isObject(status) || typeof status.state !== 'string') {
    return undefined;
  }
  const { silencedBy } = status;
  if (!Array.isArray(silencedBy) || !silencedBy.every((id) => typeof id === 'string')) {
    return undefined;
  }
  return {
    fingerprint,
    labels,
    annotations,
    startsAt: isoInstant(raw.startsAt),
    updatedAt: isoInstant(raw.updatedAt),
    generatorURL: typeof generatorURL === 'string' ? generatorURL : undefined,
    status: { state: status.state, silencedBy: silencedBy as string[] },
  };
}

/** How a poll reads each alert. */
export const gettableAlert: SchemaWithShortcut<GettableAlert> = {
  schema: gettableAlertSchema,
  plain: plainAlert,
};

/**
 * One of Alertmanager's alert groups (its route's `group_by`), read around its alerts: they are
 * checked one by one afterwards, like a plain alert list's.
 */
export const alertGroupSchema = z.object({
  labels: labelSetSchema,
  receiver: z.object({ name: z.string() }),
  alerts: z.custom<unknown[]>(Array.isArray, 'expected a list of alerts'),
});
export type AlertGroup = z.infer<typeof alertGroupSchema>;

export const gettableSilenceSchema = z.object({
  id: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  startsAt: timestampSchema,
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
});
export type GettableSilence = z.infer<typeof gettableSilenceSchema>;

/** A silence as the shift report lists it: what it mutes, and until when. */
export const reportSilenceSchema = gettableSilenceSchema.extend({
  endsAt: timestampSchema,
  matchers: z
    .array(
      z.object({
        name: z.string(),
        value: z.string(),
        isRegex: z.boolean(),
        // Added in 0.22; absent means equal.
        isEqual: z.boolean().optional(),
      }),
    )
    .min(1),
});
export type ReportSilence = z.infer<typeof reportSilenceSchema>;

/**
 * Alerts and silences are read one by one (see ItemReader), so an answer only promises a
 * list. Not a ZodArray: the request checks it at once instead of element by element.
 */
export const listSchema = z.custom<unknown[]>(Array.isArray, 'expected a list');

export const postSilenceResponseSchema = z.object({ silenceID: z.string().min(1) });

export const statusSchema = z.object({
  versionInfo: z.object({ version: z.string() }),
  cluster: z.object({ status: z.string() }),
});

/** The body of POST /api/v2/silences, as we send it. */
export interface PostableSilence {
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}
