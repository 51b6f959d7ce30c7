import { describe, expect, it } from 'vitest';
import {
  availableSecondaryActions,
  maxNoteLength,
  parseEscalation,
  parseNote,
  parseReassign,
} from '../../../renderer/features/incidents/incident-action-model.js';
import { incident } from './fixtures.js';

describe('availableSecondaryActions', () => {
  it('offers only what the source can do, in a fixed order', () => {
    const { capabilities } = incident({ externalId: '1' });
    expect(availableSecondaryActions(capabilities)).toEqual([]);
    const all = { ...capabilities, snooze: true, reassign: true, escalate: true, note: true };
    expect(availableSecondaryActions({ ...all, silence: true }).map((a) => a.label)).toEqual([
      'Snooze',
      'Reassign',
      'Escalate',
      'Add note',
      'Silence',
    ]);
    expect(availableSecondaryActions({ ...capabilities, silence: true })).toEqual([
      { type: 'silence', label: 'Silence' },
    ]);
    // A monitor's check with a key that may write (Healthchecks.io).
    expect(availableSecondaryActions({ ...capabilities, pause: true })).toEqual([
      { type: 'pause', label: 'Pause check' },
    ]);
  });
});

describe('parseEscalation', () => {
  it('escalates to the next level when empty, or to a level from 1 to 20', () => {
    expect(parseEscalation('  ')).toEqual({ ok: true, value: { type: 'escalate' } });
    expect(parseEscalation(' 3 ')).toEqual({ ok: true, value: { type: 'escalate', level: 3 } });
  });

  it.each(['0', '21', '1.5', 'two'])('refuses %s', (text) => {
    expect(parseEscalation(text).ok).toBe(false);
  });
});

describe('parseReassign', () => {
  it('trims the id and keeps the kind', () => {
    expect(parseReassign('escalation-policy', ' P9ABC ')).toEqual({
      ok: true,
      value: { type: 'reassign', target: { kind: 'escalation-policy', id: 'P9ABC' } },
    });
  });

  it('asks for an id, and refuses one longer than the contract allows', () => {
    expect(parseReassign('user', ' ')).toEqual({
      ok: false,
      error: 'Enter the user’s ID or username',
    });
    expect(parseReassign('user', 'x'.repeat(201)).ok).toBe(false);
  });
});

describe('parseNote', () => {
  it('trims the note and refuses an empty or oversized one', () => {
    expect(parseNote('  rolled back  ')).toEqual({
      ok: true,
      value: { type: 'note', text: 'rolled back' },
    });
    expect(parseNote('\n ').ok).toBe(false);
    expect(parseNote('x'.repeat(maxNoteLength + 1)).ok).toBe(false);
  });

  it('puts a note typed for an ack or resolve on that action', () => {
    expect(parseNote(' on it ', 'ack')).toEqual({
      ok: true,
      value: { type: 'ack', note: 'on it' },
    });
    expect(parseNote('done', 'resolve')).toEqual({
      ok: true,
      value: { type: 'resolve', note: 'done' },
    });
    expect(parseNote('  ', 'ack').ok).toBe(false);
  });
});
