import { z } from 'zod';
import { optionalPart } from '../lenient-schemas.js';
import { optionalTimestampSchema } from '../provider-time.js';

/*
 * The parts of Healthchecks.io's Management API v3 answers that Onwatch reads (PROVIDERS.md §6,
 * HEALTH-CHECKS.md §4.5). There is no published schema; these accept nulls and missing fields,
 * so one odd field costs that detail, never the check (and never the poll).
 */

const optionalText = optionalPart(z.string());
const optionalSeconds = optionalPart(z.number().nonnegative());

/**
 * A check needs a status and something to call it by. A read-write key lists its `uuid`; a
 * read-only key hides that and gives a stable `unique_key` instead, so either identifies it.
 */
export const checkSchema = z
  .object({
    uuid: optionalText,
    unique_key: optionalText,
    name: optionalText,
    slug: optionalText,
    tags: optionalText,
    desc: optionalText,
    status: z.string().min(1),
    /** A start signal came and the job is still running. */
    started: optionalPart(z.boolean()),
    grace: optionalSeconds,
    /** A simple check's period; a cron check has `schedule` and `tz` instead. */
    timeout: optionalSeconds,
    schedule: optionalText,
    tz: optionalText,
    last_ping: optionalTimestampSchema,
    next_ping: optionalTimestampSchema,
    manual_resume: optionalPart(z.boolean()),
    /** Only a read-write key sees it: pausing needs one. */
    pause_url: optionalText,
  })
  .refine((check) => Boolean(check.uuid ?? check.unique_key), {
    message: 'a check with neither uuid nor unique_key',
    path: ['uuid'],
  });
export type HealthcheckCheck = z.infer<typeof checkSchema>;

/** The answer to a pause is the check, now paused; nothing in it is needed but that it came. */
export const pauseAnswerSchema = z.unknown();

/** Checks are read one by one (see ItemReader), so the answer only promises a list. */
export const checkListSchema = z.object({ checks: z.array(z.unknown()) });

/**
 * `GET checks/<uuid>/pings/`: the check's logged pings, newest first. Only what finds the last
 * failure is read: its kind (`success`, `fail`, `start`, `log`, `ign`) and its number.
 */
export const pingListSchema = z.object({
  pings: z.array(
    z.object({ type: z.string(), n: z.number().int().nonnegative() }).optional().catch(undefined),
  ),
});
export type PingList = z.infer<typeof pingListSchema>;
