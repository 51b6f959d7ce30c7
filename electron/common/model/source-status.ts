import { z } from 'zod';

/**
 * ok: the last poll worked. degraded: a poll failed but the data is recent enough to
 * trust for a moment. blind: we cannot see this source; the responder may miss pages.
 */
const healthSchema = z.enum(['ok', 'degraded', 'blind']);
export type Health = z.infer<typeof healthSchema>;

/** One replica of a source that lists several (an Alertmanager HA cluster), as last polled. */
const replicaStatusSchema = z.object({
  url: z.string(),
  /** Whether it answered the last time it was asked; undefined while it has not been asked. */
  answering: z.boolean().optional(),
  /** Why it did not answer, in plain words. */
  problem: z.string().optional(),
});
export type ReplicaStatus = z.infer<typeof replicaStatusSchema>;

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
  /**
   * What the last good poll worked around: items it could not read, a list cut short. The
   * source is still seen, but not all of it.
   */
  notes: z.array(z.string()).optional(),
  /** Each replica and whether it answers, for a source with several. */
  replicas: z.array(replicaStatusSchema).optional(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;
