import { z } from 'zod';

/*
 * Schema parts for the fields an item can do without. Providers' specs allow far more than
 * their services usually send; an optional part that comes back odd reads as absent, so it
 * costs that detail, never the item (and never the poll).
 */

/** Absent, null or unreadable: undefined. */
export function optionalPart<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .catch(undefined)
    .transform((value) => value ?? undefined);
}

/** A list whose unreadable entries are left out; an unreadable list is an empty one. */
export function readableList<T extends z.ZodType>(schema: T) {
  return z
    .array(schema.optional().catch(undefined))
    .nullish()
    .catch(undefined)
    .transform((items) =>
      (items ?? []).filter((item): item is NonNullable<typeof item> => item != null),
    );
}
