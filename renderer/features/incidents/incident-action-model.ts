import { actionWording } from '../../../electron/common/action-wording.js';
import {
  maxNoteChars,
  type IncidentAction,
  type ReassignTarget,
} from '../../../electron/common/model/action.js';
import type { Capabilities } from '../../../electron/common/model/incident.js';

/** The actions behind the primary two, each opening a small panel of its own. */
export type SecondaryAction = 'snooze' | 'reassign' | 'escalate' | 'note' | 'silence' | 'pause';

const secondaryActions = (
  ['snooze', 'reassign', 'escalate', 'note', 'silence', 'pause'] satisfies SecondaryAction[]
).map((type) => ({ type, label: actionWording[type].label }));

/** Only what the incident's source says it can do for this incident. */
export function availableSecondaryActions(capabilities: Capabilities) {
  return secondaryActions.filter(({ type }) => capabilities[type]);
}

export const snoozeMinutes = [15, 60, 240];
/** Alertmanager silences: long enough to cover a shift's worth of flapping. */
export const silenceMinutes = [60, 240, 24 * 60];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** An empty box escalates to the next level; otherwise a level from 1 to 20. */
export function parseEscalation(text: string): Parsed<IncidentAction> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: { type: 'escalate' } };
  const level = Number(trimmed);
  if (!Number.isInteger(level) || level < 1 || level > 20) {
    return { ok: false, error: 'A level from 1 to 20, or empty for the next level' };
  }
  return { ok: true, value: { type: 'escalate', level } };
}

export function parseReassign(kind: ReassignTarget['kind'], id: string): Parsed<IncidentAction> {
  const trimmed = id.trim();
  if (trimmed === '') {
    return {
      ok: false,
      error: kind === 'user' ? 'Enter the user’s ID or username' : 'Enter the policy’s ID or slug',
    };
  }
  if (trimmed.length > 200) return { ok: false, error: 'At most 200 characters' };
  return { ok: true, value: { type: 'reassign', target: { kind, id: trimmed } } };
}

export const maxNoteLength = maxNoteChars;

/** A note on its own, or typed with an ack or resolve (which then carries it). */
export function parseNote(text: string, carrier?: 'ack' | 'resolve'): Parsed<IncidentAction> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Write the note first' };
  if (trimmed.length > maxNoteLength) {
    return { ok: false, error: `At most ${maxNoteLength} characters` };
  }
  if (carrier) return { ok: true, value: { type: carrier, note: trimmed } };
  return { ok: true, value: { type: 'note', text: trimmed } };
}
