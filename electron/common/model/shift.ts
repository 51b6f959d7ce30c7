import { z } from 'zod';

/**
 * One stretch of someone being on call for one schedule or escalation policy, as a provider
 * renders it. `end` undefined means it does not end (a permanent on-call).
 */
export const shiftSchema = z.object({
  sourceId: z.string(),
  /** Schedule or escalation-policy id, unique within the source. */
  scheduleId: z.string(),
  scheduleName: z.string(),
  userName: z.string(),
  userId: z.string().optional(),
  isMe: z.boolean(),
  start: z.string(),
  end: z.string().optional(),
  escalationLevel: z.number().int().optional(),
  /**
   * This stretch is an override at the provider (made there or from Onwatch): `userName` covers
   * for `forUserName`, the person the rotation had, when the provider says who that was.
   */
  override: z.object({ forUserName: z.string().optional() }).optional(),
});
export type Shift = z.infer<typeof shiftSchema>;
