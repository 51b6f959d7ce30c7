import { z } from 'zod';

/** Ids name settings rows and keychain entries; the window derives them from a source's name. */
export const maxSourceIdLength = 40;
export const sourceIdPattern = new RegExp(`^[a-z0-9][a-z0-9-]{0,${maxSourceIdLength - 1}}$`);

/** Fields every source has, whatever its provider. */
export const pollingFields = {
  id: z
    .string()
    .regex(sourceIdPattern, `lowercase letters, digits and dashes, at most ${maxSourceIdLength}`),
  name: z.string().trim().min(1, 'a name is required').max(80),
  pollIntervalSeconds: z.number().int().min(5).max(3600).default(30),
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
};

export const regions = ['us', 'eu'] as const;
export type Region = (typeof regions)[number];
export const regionSchema = z.enum(regions).default('us');

export function httpUrlSchema(message?: string) {
  return z
    .string()
    .trim()
    .url(message)
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
}

/** Replaces the provider's public API host: for a corporate proxy, or a test double. */
export const apiBaseUrlSchema = httpUrlSchema().optional();
