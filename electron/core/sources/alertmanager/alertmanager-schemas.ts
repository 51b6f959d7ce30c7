import { z } from 'zod';

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
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string'),
  'expected a set of string labels',
);

/** Already what `toISOString` makes: most of what Alertmanager sends, and cheap to recognise. */
const utcMilliseconds = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Go may marshal a local offset; normalising to UTC keeps timestamps sortable as strings. */
const timestampSchema = z.string().transform((value, context) => {
  if (utcMilliseconds.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const parsed = Date.parse(value);
  if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  context.issues.push({ code: 'custom', message: 'expected a timestamp', input: value });
  return z.NEVER;
});

export const gettableAlertSchema = z.object({
  fingerprint: z.string().min(1),
  labels: labelSetSchema,
  annotations: labelSetSchema,
  startsAt: timestampSchema,
  updatedAt: timestampSchema,
  generatorURL: z.string().optional(),
  status: z.object({
    // A string rather than the enum: a state added by a later release must not blind the source.
    state: z.string(),
    silencedBy: z.array(z.string()),
  }),
});
export type GettableAlert = z.infer<typeof gettableAlertSchema>;
export const gettableAlertsSchema = z.array(gettableAlertSchema);

export const gettableSilenceSchema = z.object({
  id: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  startsAt: timestampSchema,
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
});
export type GettableSilence = z.infer<typeof gettableSilenceSchema>;
export const gettableSilencesSchema = z.array(gettableSilenceSchema);

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
