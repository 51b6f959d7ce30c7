import { z } from 'zod';
import { optionalPart } from '../lenient-schemas.js';
import { optionalEpochMillisecondsSchema } from '../provider-time.js';

/*
 * The parts of NodePing API 1 answers that Onwatch reads (MONITORS.md §2: the docs and the
 * official clients; there is no machine-readable spec). Everything but a check's id is
 * optional, and an odd field reads as absent. Times are milliseconds.
 */

const optionalText = optionalPart(z.string());
const time = optionalEpochMillisecondsSchema;

export const checkSchema = z.object({
  _id: z.string().min(1),
  label: optionalText,
  type: optionalText,
  /** `active` or `inactive`: test it before `state` (a disabled check is not failing). */
  enable: optionalText,
  /** 1 passing, 0 failing. */
  state: optionalPart(z.number()),
  firstdown: time,
  /** true, false, or when to unmute (ms). */
  mute: optionalPart(z.union([z.boolean(), z.number()])),
  /** Minutes between tests. */
  interval: optionalPart(z.number()),
  parameters: optionalPart(z.object({ target: optionalText })),
  modified: time,
});
export type NodepingCheck = z.infer<typeof checkSchema>;

/** `GET /checks` is an object keyed by check id; checks are read one by one (see ItemReader). */
export const checkMapSchema = z.record(z.string(), z.unknown());

/** `GET /checks/{id}?lastresult=true`: the last result says why it fails. */
export const checkWithResultSchema = z.object({
  lastresult: optionalPart(
    z.object({
      /** Message: the last error. */
      m: optionalText,
      /** Code, e.g. the HTTP status. */
      sc: optionalPart(z.union([z.string(), z.number()]).transform(String)),
      s: time,
    }),
  ),
});

/** `GET /accounts`: the primary account and its sub-accounts, keyed by customer id. */
export const accountsSchema = z.record(
  z.string(),
  z.object({ name: optionalText, type: optionalText }).optional().catch(undefined),
);

/** How NodePing refuses, whatever the HTTP status: `{"error": "…"}`. */
export const errorBodySchema = z.object({ error: z.string() });
