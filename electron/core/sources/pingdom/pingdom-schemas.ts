import { z } from 'zod';
import { optionalPart, readableList } from '../lenient-schemas.js';
import { optionalEpochSecondsSchema } from '../provider-time.js';

/*
 * The parts of Pingdom API 3.1 answers that Onwatch reads (MONITORS.md §1, the vendor's OpenAPI
 * file). Its docs warn that any attribute may be missing, so everything but a check's id and
 * status is optional, and an odd field reads as absent. Times are UNIX seconds.
 */

const optionalText = optionalPart(z.string());
const time = optionalEpochSecondsSchema;

/** Ids are integers on the wire; a numeric string is read the same way. */
const idSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')], {
    error: 'expected a numeric id',
  })
  .transform(String);

export const checkSchema = z.object({
  id: idSchema,
  name: optionalText,
  type: optionalText,
  hostname: optionalText,
  status: z.string().min(1),
  /** Minutes between tests. */
  resolution: optionalPart(z.number()),
  lasttesttime: time,
  lasterrortime: time,
  /** Milliseconds. */
  lastresponsetime: optionalPart(z.number()),
  lastdownstart: time,
  lastdownend: time,
});
export type PingdomCheck = z.infer<typeof checkSchema>;

/** Checks are read one by one (see ItemReader), so the answer only promises a list. */
export const checkListSchema = z.object({ checks: z.array(z.unknown()) });

/** `/results/{id}?status=down&limit=1`: the newest failed test, for its error text. */
export const resultsSchema = z.object({
  results: readableList(
    z.object({
      time,
      status: optionalText,
      statusdesc: optionalText,
      statusdesclong: optionalText,
    }),
  ),
});

/** `/maintenance.occurrences?from=now&to=now`: the windows running now. */
export const occurrencesSchema = z.object({
  occurrences: readableList(z.object({ maintenanceid: idSchema, from: time, to: time })),
});

/** `/maintenance`: each window and the uptime checks it covers. */
export const maintenanceSchema = z.object({
  maintenance: readableList(
    z.object({
      id: idSchema,
      description: optionalText,
      checks: optionalPart(z.object({ uptime: readableList(idSchema) })),
    }),
  ),
});

/** `/alerting/contacts`: the organisation's owner names the account. */
export const contactsSchema = z.object({
  contacts: readableList(
    z.object({
      name: optionalText,
      owner: optionalPart(z.boolean()),
      type: optionalText,
    }),
  ),
});

/** How Pingdom explains a refusal. */
export const errorBodySchema = z.object({
  error: z.object({ errormessage: optionalText, statusdesc: optionalText }),
});
