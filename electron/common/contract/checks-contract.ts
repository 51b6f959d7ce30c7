/**
 * The Checks page's commands: local checks are added, edited and removed one at a time (they
 * live in a `health-checks` source's settings), and any probed check can be run at once.
 */
import { z } from 'zod';
import { healthCheckSchema } from '../providers/health-check-schema.js';

const sourceId = z.string().min(1).max(64);
const checkId = z.string().min(1).max(120);

export const checksCommands = {
  /**
   * Adds a check (no `checkId`) or replaces the one with `checkId`. Without `sourceId` it goes
   * to the first local-checks source, made for it when there is none.
   */
  saveCheck: {
    request: z.object({
      sourceId: sourceId.optional(),
      checkId: checkId.optional(),
      check: healthCheckSchema,
    }),
    response: z.object({ sourceId: z.string(), checkId: z.string() }),
  },
  removeCheck: {
    request: z.object({ sourceId, checkId }),
    response: z.object({}),
  },
  /** Probes now, outside the schedule; answers once the result is recorded. */
  runCheck: {
    request: z.object({ sourceId, checkId }),
    response: z.object({ ok: z.boolean(), summary: z.string() }),
  },
} as const;
