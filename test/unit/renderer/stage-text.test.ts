import { describe, expect, it } from 'vitest';
import {
  escalationText,
  isHushed,
  stageSummary,
} from '../../../renderer/features/attention/stage-text.js';
import { stage } from './fixtures.js';

// Local wall-clock times, so the expectations hold in any time zone.
const local = (hours: number, minutes: number, day = 1) =>
  new Date(2025, 2, day, hours, minutes).toISOString();
const now = Date.parse(local(14, 2));

describe('stageSummary', () => {
  it('says what each rung does and what comes next, at what time', () => {
    expect(stageSummary(stage({ stage: 'notified', nextAt: local(14, 3) }), now)).toBe(
      'notified — notification shown; next: critical notification + sound at 14:03',
    );
    expect(escalationText(stage({ stage: 'critical', nextAt: local(14, 5) }), now)).toBe(
      'Escalation: critical — sound playing; next: repeats + window to front at 14:05',
    );
    expect(stageSummary(stage({ stage: 'repeating', nextAt: local(14, 8) }), now)).toBe(
      'repeating — sound repeating, window in front; next: full-screen takeover at 14:08',
    );
    expect(stageSummary(stage({ stage: 'takeover' }), now)).toBe('takeover — screen taken over');
  });

  it('leaves out the next rung when there is none', () => {
    expect(stageSummary(stage({ stage: 'notified' }), now)).toBe('notified — notification shown');
  });

  it('says until when a loud rung is silenced; a notification is not', () => {
    const silencedUntil = local(14, 7);
    expect(stageSummary(stage({ stage: 'repeating', silencedUntil }), now)).toBe(
      'repeating — sound silenced until 14:07',
    );
    expect(stageSummary(stage({ stage: 'takeover', silencedUntil }), now)).toBe(
      'takeover — takeover and sound silenced until 14:07',
    );
    expect(stageSummary(stage({ stage: 'notified', silencedUntil }), now)).toBe(
      'notified — notification shown',
    );
  });

  it('holds low urgency for quiet hours, until a time that may be tomorrow morning', () => {
    const lateNight = Date.parse(local(23, 30));
    expect(stageSummary(stage({ stage: 'quiet', nextAt: local(7, 0, 2) }), lateNight)).toBe(
      'held for quiet hours until 07:00',
    );
    expect(escalationText(stage({ stage: 'quiet' }), now)).toBe('Escalation: held for quiet hours');
  });
});

describe('isHushed', () => {
  it('is true only for a loud rung under a silence', () => {
    const silencedUntil = local(14, 7);
    expect(isHushed(stage({ stage: 'critical', silencedUntil }))).toBe(true);
    expect(isHushed(stage({ stage: 'takeover', silencedUntil }))).toBe(true);
    expect(isHushed(stage({ stage: 'critical' }))).toBe(false);
    expect(isHushed(stage({ stage: 'notified', silencedUntil }))).toBe(false);
    expect(isHushed(stage({ stage: 'quiet', silencedUntil }))).toBe(false);
  });
});
