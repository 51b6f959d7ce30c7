import { describe, expect, it } from 'vitest';
import {
  attentionConfigSchema,
  defaultAttentionConfig,
} from '../../../electron/common/attention-config.js';
import { settingsSchema } from '../../../electron/core/settings/settings-schema.js';

describe('attention settings', () => {
  it('default to the ladder of the issue', () => {
    expect(defaultAttentionConfig).toEqual({
      high: {
        criticalAfterSeconds: 60,
        repeatAfterSeconds: 120,
        repeatEverySeconds: 30,
        takeoverAfterSeconds: 300,
      },
      low: {
        criticalAfterSeconds: null,
        repeatAfterSeconds: null,
        repeatEverySeconds: 30,
        takeoverAfterSeconds: null,
      },
      quietHours: { enabled: false, start: '22:00', end: '07:00' },
      silenceMinutes: 5,
      sound: 'pulse',
      fastLane: 'on-call',
      shiftReminderLeadMinutes: 30,
    });
  });

  it('take a reminder lead time from 0 (none) to a day, in whole minutes', () => {
    const lead = (minutes: unknown) =>
      attentionConfigSchema.safeParse({ shiftReminderLeadMinutes: minutes });
    expect(lead(0).data?.shiftReminderLeadMinutes).toBe(0);
    expect(lead(1440).data?.shiftReminderLeadMinutes).toBe(1440);
    expect(lead(-1).error?.issues.map((i) => i.message)).toEqual([
      'the reminder before a shift cannot be negative (0 turns it off)',
    ]);
    expect(lead(null).error?.issues.map((i) => i.message)).toEqual([
      'the reminder before a shift is a number of minutes',
    ]);
  });

  it('refuses a fast lane it does not know', () => {
    expect(() => attentionConfigSchema.parse({ fastLane: 'sometimes' })).toThrow();
  });

  it('refuses a sound that is not shipped', () => {
    expect(() => attentionConfigSchema.parse({ sound: '../../etc/passwd' })).toThrow();
  });

  it('fill in what a file leaves out, and keep null as "never"', () => {
    const config = attentionConfigSchema.parse({
      high: { takeoverAfterSeconds: null },
      quietHours: { enabled: true },
    });
    expect(config.high).toEqual({ ...defaultAttentionConfig.high, takeoverAfterSeconds: null });
    expect(config.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
  });

  it('reject rungs out of order, negative delays and malformed times', () => {
    const issues = (input: unknown) =>
      attentionConfigSchema
        .safeParse(input)
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

    expect(issues({ high: { criticalAfterSeconds: 200 } })).toEqual([
      'high.repeatAfterSeconds: each rung must come no earlier than the one before it',
    ]);
    expect(issues({ high: { repeatAfterSeconds: null, takeoverAfterSeconds: 30 } })).toEqual([
      'high.takeoverAfterSeconds: each rung must come no earlier than the one before it',
    ]);
    expect(issues({ low: { criticalAfterSeconds: -1 } })).toHaveLength(1);
    expect(issues({ quietHours: { start: '7:00' } })).toEqual([
      'quietHours.start: a 24-hour time such as 22:00',
    ]);
    expect(issues({ quietHours: { start: '07:00' } })).toEqual([
      'quietHours.end: start and end must differ',
    ]);
  });

  it('are optional in the settings file', () => {
    expect(settingsSchema.parse({}).attention).toBeUndefined();
    expect(settingsSchema.parse({ attention: {} }).attention).toEqual(defaultAttentionConfig);
  });
});
