import { z } from 'zod';

/**
 * ok: the last poll worked. degraded: a poll failed but the data is recent enough to
 * trust for a moment. blind: we cannot see this source; the responder may miss pages.
 */
const healthSchema = z.enum(['ok', 'degraded', 'blind']);
export type Health = z.infer<typeof healthSchema>;

export const sourceStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  health: healthSchema,
  /** Plain-language reason for the last failure; never contains a secret. */
  lastError: z.string().optional(),
  lastErrorAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  consecutiveFailures: z.number().int(),
  nextPollAt: z.string().optional(),
  polling: z.boolean(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;
