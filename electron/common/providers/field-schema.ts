import { z } from 'zod';

/** The part of a config schema at `path` (e.g. ['auth', 'type']), or undefined if it has none. */
export function fieldSchema(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = current.shape[key];
    else if (current instanceof z.ZodDiscriminatedUnion) {
      // A field of any branch counts: the form shows it while its branch is chosen.
      current = (current.options as z.ZodObject[]).map((o) => o.shape[key]).find(Boolean);
    } else return undefined;
  }
  return current && unwrap(current);
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  return schema;
}
