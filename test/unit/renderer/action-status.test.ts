import { describe, expect, it } from 'vitest';
import {
  describeAction,
  doneVisibleMs,
  outboxTarget,
  summarizeOutbox,
} from '../../../renderer/lib/action-status.js';
import { actionView } from './fixtures.js';

// Local-time constructors keep the clock strings independent of the machine's time zone.
const now = new Date(2025, 2, 1, 14, 0).getTime();
const at = (hours: number, minutes: number) => new Date(2025, 2, 1, hours, minutes).toISOString();

describe('describeAction: a note typed with an ack or resolve', () => {
  it('says the note is posted separately', () => {
    const ack = actionView({ id: 'a', action: { type: 'ack', note: 'on it' } });
    expect(describeAction(ack, now)?.text).toBe(
      'Acknowledging; your note is posted separately once it is confirmed…',
    );
    const done = { ...ack, state: 'done' as const, completedAt: new Date(now).toISOString() };
    expect(describeAction(done, now)?.text).toBe('Acknowledged; your note is posted separately ✓');
    const resolve = actionView({
      id: 'r',
      action: { type: 'resolve', note: 'x' },
      state: 'failed',
    });
    expect(describeAction({ ...resolve, lastError: 'no' }, now)?.text).toBe(
      'Could not resolve (your note waits for it): no',
    );
  });
});

describe('describeAction: pending', () => {
  it('says it is working before the first attempt', () => {
    expect(describeAction(actionView({ id: 'a' }), now)).toEqual({
      state: 'pending',
      text: 'Acknowledging…',
    });
  });

  it('says which attempt, when the next one is, and why the last one failed', () => {
    const view = actionView({
      id: 'a',
      attempts: 2,
      nextAttemptAt: at(14, 5),
      lastError: 'cannot connect to api.pagerduty.com',
    });
    expect(describeAction(view, now)).toEqual({
      state: 'pending',
      text: 'Acknowledging… attempt 2, retrying at 14:05: cannot connect to api.pagerduty.com',
    });
  });

  it('says "retrying now" once the retry time has passed', () => {
    const view = actionView({ id: 'a', attempts: 1, nextAttemptAt: at(13, 59), lastError: '503' });
    expect(describeAction(view, now)?.text).toBe('Acknowledging… attempt 1, retrying now: 503');
  });

  it('names every kind of action with its details', () => {
    const text = (action: Parameters<typeof actionView>[0]['action']) =>
      describeAction(actionView({ id: 'a', action }), now)?.text;
    expect(text({ type: 'resolve' })).toBe('Resolving…');
    expect(text({ type: 'snooze', minutes: 60 })).toBe('Snoozing for 1 h…');
    expect(text({ type: 'silence', minutes: 1440 })).toBe('Silencing for 1 d…');
    expect(text({ type: 'pause' })).toBe('Pausing the check…');
    expect(text({ type: 'reassign', target: { kind: 'user', id: 'PXPGF42' } })).toBe(
      'Reassigning to PXPGF42…',
    );
    expect(
      text({ type: 'reassign', target: { kind: 'user', id: 'PXPGF42', label: 'Sam Lee' } }),
    ).toBe('Reassigning to Sam Lee…');
    expect(text({ type: 'escalate' })).toBe('Escalating…');
    expect(text({ type: 'escalate', level: 2 })).toBe('Escalating to level 2…');
    expect(text({ type: 'note', text: 'Rolled back' })).toBe('Adding note…');
  });
});

describe('describeAction: failed and done', () => {
  it('gives the reason, and the attempt count when there were several', () => {
    expect(
      describeAction(
        actionView({ id: 'a', state: 'failed', attempts: 1, lastError: 'already resolved' }),
        now,
      ),
    ).toEqual({ state: 'failed', text: 'Could not acknowledge: already resolved' });
    expect(
      describeAction(
        actionView({
          id: 'a',
          state: 'failed',
          attempts: 5,
          action: { type: 'snooze', minutes: 15 },
        }),
        now,
      )?.text,
    ).toBe('Could not snooze after 5 attempts: the provider refused it');
  });

  it('shows a confirmation for a few seconds, then nothing', () => {
    const done = (completedAt: number) =>
      actionView({ id: 'a', state: 'done', completedAt: new Date(completedAt).toISOString() });
    expect(describeAction(done(now - 1_000), now)).toEqual({
      state: 'done',
      text: 'Acknowledged ✓',
    });
    expect(describeAction(done(now - doneVisibleMs), now)?.state).toBe('done');
    expect(describeAction(done(now - doneVisibleMs - 1), now)).toBeNull();
    expect(describeAction(actionView({ id: 'a', state: 'done' }), now)?.text).toBe(
      'Acknowledged ✓',
    );
  });
});

describe('describeAction: durations', () => {
  it.each([
    [15, '15 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [240, '4 h'],
    [1440, '1 d'],
    [1500, '1 d 1 h'],
  ])('snoozing %i minutes says %s', (minutes, expected) => {
    const view = actionView({ id: 'a', action: { type: 'snooze', minutes } });
    expect(describeAction(view, now)?.text).toBe(`Snoozing for ${expected}…`);
  });
});

describe('summarizeOutbox', () => {
  it('is null when nothing is undelivered', () => {
    expect(summarizeOutbox([])).toBeNull();
    expect(summarizeOutbox([actionView({ id: 'a', state: 'done' })])).toBeNull();
  });

  it('counts pending and failed actions', () => {
    const pending = (id: string) => actionView({ id });
    const failed = (id: string) => actionView({ id, state: 'failed' });
    expect(summarizeOutbox([pending('a')])?.text).toBe('1 action pending');
    expect(summarizeOutbox([pending('a'), pending('b')])?.text).toBe('2 actions pending');
    expect(summarizeOutbox([failed('a')])?.text).toBe('1 failed');
    expect(summarizeOutbox([failed('a'), pending('b'), pending('c')])).toEqual({
      pending: 2,
      failed: 1,
      text: '1 failed, 2 pending',
    });
  });
});

describe('outboxTarget', () => {
  const open = new Set(['pd:1', 'pd:2', 'pd:3']);

  it('prefers the oldest failed action, then the oldest pending one', () => {
    const actions = [
      actionView({ id: 'a', incidentKey: 'pd:1', createdAt: '2025-03-01T10:00:00Z' }),
      actionView({ id: 'b', incidentKey: 'pd:2', createdAt: '2025-03-01T11:00:00Z' }),
      actionView({
        id: 'c',
        incidentKey: 'pd:3',
        state: 'failed',
        createdAt: '2025-03-01T12:00:00Z',
      }),
    ];
    expect(outboxTarget(actions, open)).toBe('pd:3');
    expect(outboxTarget(actions.slice(0, 2).reverse(), open)).toBe('pd:1');
  });

  it('skips incidents that are no longer on the list, and done actions', () => {
    const actions = [
      actionView({ id: 'a', incidentKey: 'pd:gone', state: 'failed' }),
      actionView({ id: 'b', incidentKey: 'pd:1', state: 'done' }),
    ];
    expect(outboxTarget(actions, open)).toBeNull();
  });
});
