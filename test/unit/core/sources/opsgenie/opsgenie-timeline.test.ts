import { describe, expect, it } from 'vitest';
import { alertLogToTimeline } from '../../../../../electron/core/sources/opsgenie/opsgenie-timeline.js';

const at = '2026-12-01T09:00:00.123Z';
const line = (log: string, type = 'system') =>
  alertLogToTimeline({ log, type, owner: 'System', createdAt: at });

describe('alertLogToTimeline', () => {
  it.each([
    ['Alert created via API', 'opened'],
    ['Alert acknowledged via Web', 'acknowledged'],
    ['Alert unacknowledged via Web', 'unacknowledged'],
    ['Alert escalated to Payments escalation', 'escalated'],
    ['Alert ownership assigned to sam@acme.example', 'assigned'],
    ['Alert snoozed until 2026-12-01T10:00:00Z', 'snoozed'],
    ['Alert closed via API', 'resolved'],
    ['Note added', 'note'],
    ['Sent notification to sam@acme.example via email', 'notified'],
    ['Alert tags added: db', 'other'],
  ])('reads "%s" as %s', (log, kind) => {
    expect(line(log)?.kind).toBe(kind);
  });

  it('reads a recipient line as a notification, whatever its words', () => {
    expect(line('sam@acme.example: push', 'alertRecipient')?.kind).toBe('notified');
  });

  it('keeps the words, the owner as who, and the time as UTC', () => {
    expect(
      alertLogToTimeline({
        log: 'Alert acknowledged via Web',
        type: 'alertAction',
        owner: 'sam@acme.example',
        createdAt: '2026-12-01T10:00:00.123+01:00',
        offset: '17',
      }),
    ).toEqual({
      at: '2026-12-01T09:00:00.123Z',
      kind: 'acknowledged',
      text: 'Alert acknowledged via Web',
      by: 'sam@acme.example',
    });
  });

  it('skips a line without words or a time, and keeps one without an owner', () => {
    expect(alertLogToTimeline({ log: '  ', createdAt: at })).toBeUndefined();
    expect(alertLogToTimeline({ log: 'Alert created', createdAt: 'soon' })).toBeUndefined();
    expect(alertLogToTimeline({ createdAt: at })).toBeUndefined();
    expect(alertLogToTimeline([])).toBeUndefined();
    expect(alertLogToTimeline({ log: 'Alert created', createdAt: at })).not.toHaveProperty('by');
  });

  it('keeps hostile text as plain text', () => {
    const markup = '<script>alert(1)</script> Alert closed';
    expect(line(markup)).toMatchObject({ text: markup, kind: 'resolved' });
  });
});
