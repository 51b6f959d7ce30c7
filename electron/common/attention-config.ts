import { z } from 'zod';
import { alarmSounds } from './alarm-sounds.js';

/**
 * One urgency's escalation ladder. Every incident is notified at once; each later rung is a
 * number of seconds after the trigger, or null for "never". Flat fields rather than a list of
 * steps, so a settings form is four number inputs and no combination is meaningless.
 */
export interface LadderConfig {
  /** A critical notification and the alarm sound, once. */
  criticalAfterSeconds: number | null;
  /** The alarm repeats and the incident window comes to the front, always on top. */
  repeatAfterSeconds: number | null;
  repeatEverySeconds: number;
  /** A full-screen takeover. */
  takeoverAfterSeconds: number | null;
}

const afterSeconds = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 * 60)
  .nullable();

const rungOrder = ['criticalAfterSeconds', 'repeatAfterSeconds', 'takeoverAfterSeconds'] as const;

function ladderSchema(defaults: LadderConfig) {
  return z
    .object({
      criticalAfterSeconds: afterSeconds.default(defaults.criticalAfterSeconds),
      repeatAfterSeconds: afterSeconds.default(defaults.repeatAfterSeconds),
      repeatEverySeconds: z.number().int().min(5).max(3600).default(defaults.repeatEverySeconds),
      takeoverAfterSeconds: afterSeconds.default(defaults.takeoverAfterSeconds),
    })
    .superRefine((ladder, ctx) => {
      // The notification at 0 s comes first; `min(0)` already reports a negative delay.
      let previous = -Infinity;
      for (const field of rungOrder) {
        const at = ladder[field];
        if (at === null) continue;
        if (at < previous) {
          ctx.addIssue({
            code: 'custom',
            message: 'each rung must come no earlier than the one before it',
            path: [field],
          });
        }
        previous = Math.max(previous, at);
      }
    })
    .prefault({});
}

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 22:00');

/** Local wall-clock hours (spanning midnight when start > end) when low urgency stays quiet. */
const quietHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    start: localTime.default('22:00'),
    end: localTime.default('07:00'),
  })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] })
  .prefault({});
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Up to a day ahead: further off, the reminder is noise rather than a cue to get ready. */
export const maxShiftReminderLeadMinutes = 24 * 60;
export const shiftReminderLeadSchema = z
  .number({ error: 'the reminder before a shift is a number of minutes' })
  .int({ error: 'the reminder before a shift is a whole number of minutes' })
  .min(0, { error: 'the reminder before a shift cannot be negative (0 turns it off)' })
  .max(maxShiftReminderLeadMinutes, {
    error: `the reminder before a shift can be at most ${maxShiftReminderLeadMinutes} minutes (a day) ahead`,
  });

export const fastLaneChoices = ['on-call', 'always', 'off'] as const;
export type FastLane = (typeof fastLaneChoices)[number];

export const attentionConfigSchema = z.object({
  high: ladderSchema({
    criticalAfterSeconds: 60,
    repeatAfterSeconds: 120,
    repeatEverySeconds: 30,
    takeoverAfterSeconds: 300,
  }),
  low: ladderSchema({
    criticalAfterSeconds: null,
    repeatAfterSeconds: null,
    repeatEverySeconds: 30,
    takeoverAfterSeconds: null,
  }),
  quietHours: quietHoursSchema,
  /** How long "Silence the alarm" mutes it. */
  silenceMinutes: z.number().int().min(1).max(120).default(5),
  /** Which of the shipped alarm sounds plays. */
  sound: z.enum(alarmSounds).default('pulse'),
  /** When sources that allow it poll faster (see `fastLaneSeconds`): new pages show sooner. */
  fastLane: z.enum(fastLaneChoices).default('on-call'),
  /** How many minutes before a shift of mine starts I am reminded of it; 0 turns that off. */
  shiftReminderLeadMinutes: shiftReminderLeadSchema.default(30),
});
export type AttentionConfig = z.infer<typeof attentionConfigSchema>;

/** What applies while the settings file has no `attention` section. */
export const defaultAttentionConfig: AttentionConfig = attentionConfigSchema.parse({});
