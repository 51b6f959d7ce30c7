import type { IncidentActionType } from './model/action.js';

/**
 * How every layer names an action. `label` is the button (and the core's "… is not available"
 * message); `ability` completes "this key can …" when Test connection lists what a key may do.
 */
export const actionWording: Record<IncidentActionType, { label: string; ability: string }> = {
  ack: { label: 'Acknowledge', ability: 'acknowledge' },
  unack: { label: 'Unacknowledge', ability: 'unacknowledge' },
  resolve: { label: 'Resolve', ability: 'resolve' },
  snooze: { label: 'Snooze', ability: 'snooze' },
  reassign: { label: 'Reassign', ability: 'reassign' },
  escalate: { label: 'Escalate', ability: 'escalate' },
  note: { label: 'Add note', ability: 'add notes' },
  silence: { label: 'Silence', ability: 'silence' },
  pause: { label: 'Pause check', ability: 'pause checks' },
};
