import { z } from 'zod';
import type { Shift } from './shift.js';

/**
 * Cover: a teammate takes part (or all) of one of my shifts, as an override at the provider.
 * These are the shapes both sides agree on and the few rules both apply.
 */

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'a date and time');
const personSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
});

/**
 * The provider's own page for a schedule, where what Onwatch could not do can be done by hand.
 * Only https: the window makes it a link.
 */
export const providerPageSchema = z
  .string()
  .max(2000)
  .refine((url) => /^https:\/\/[^\s]+$/i.test(url), 'an https link');

/** What the responder asks for: who covers which part of whose shift. */
export const coverRequestSchema = z.object({
  sourceId: z.string().min(1).max(200),
  scheduleId: z.string().min(1).max(200),
  scheduleName: z.string().max(300),
  start: isoTime,
  end: isoTime,
  coverUser: personSchema,
  /** The person being covered (me); the provider's id where it has one. */
  forUser: z.object({ id: z.string().max(200).optional(), name: z.string().min(1).max(200) }),
});
export type CoverRequest = z.infer<typeof coverRequestSchema>;

/**
 * A cover as the window shows it. `sending`: written down, on its way; `awaiting-schedule`: the
 * provider accepted it, the next schedule poll has not shown it yet; `confirmed`: the schedule
 * shows it; `removing`: being deleted or cut short; `failed`: refused, with the reason.
 */
export const coverViewSchema = coverRequestSchema.extend({
  id: z.string(),
  state: z.enum(['sending', 'awaiting-schedule', 'confirmed', 'removing', 'failed']),
  error: z.string().optional(),
  /** Splunk On-Call: policies on which the absent person is still the one on duty. */
  unassignedPolicies: z.array(z.string()).optional(),
  /** Where to finish or fix the cover by hand, when it failed or is incomplete. */
  providerPage: providerPageSchema.optional(),
});
export type CoverView = z.infer<typeof coverViewSchema>;

/** Someone who can be picked to cover, from the account's users. */
export const teammateSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** An email or username, to tell two people of the same name apart. */
  detail: z.string().optional(),
});
export type Teammate = z.infer<typeof teammateSchema>;

/** What removing a cover does at this moment: a future one goes, a running one is cut to now. */
export type CoverRemoval = 'delete' | 'cut-short' | 'ended';

export function removalOf(cover: Pick<CoverRequest, 'start' | 'end'>, now: number): CoverRemoval {
  if (Date.parse(cover.end) <= now) return 'ended';
  return Date.parse(cover.start) > now ? 'delete' : 'cut-short';
}

export const removalWording: Record<CoverRemoval, string> = {
  delete: 'Remove cover (it has not started: it is deleted)',
  'cut-short': 'End cover now (it is running: it is cut short at this minute)',
  ended: 'This cover has ended',
};

const minuteMs = 60_000;

/**
 * The range a cover form starts with: the rest of the shift, from the next whole minute (a
 * provider refuses an override that starts in the past).
 */
export function defaultCoverRange(
  shift: Pick<Shift, 'start' | 'end'>,
  now: number,
): { start: number; end: number | undefined } {
  const nextMinute = Math.ceil((now + 1) / minuteMs) * minuteMs;
  return {
    start: Math.max(Date.parse(shift.start), nextMinute),
    end: shift.end === undefined ? undefined : Date.parse(shift.end),
  };
}

/** Why a cover range cannot be sent, or undefined when it can. */
export function coverRangeProblem(
  range: { start: number; end: number },
  shift: Pick<Shift, 'start' | 'end'>,
  now: number,
): string | undefined {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end))
    return 'Choose a start and an end.';
  if (range.end <= range.start) return 'The cover must end after it starts.';
  if (range.start < now - minuteMs) return 'The cover cannot start in the past.';
  const shiftEnd = shift.end === undefined ? Infinity : Date.parse(shift.end);
  if (range.start < Date.parse(shift.start) - minuteMs || range.end > shiftEnd + minuteMs) {
    return 'The cover must fall within the shift.';
  }
  return undefined;
}
