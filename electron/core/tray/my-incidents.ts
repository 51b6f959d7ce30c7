/**
 * Which of the responder's pages one keystroke or one menu item may acknowledge. Shared by the
 * tray menu ("Ack all mine") and the global shortcut (the newest one), so both agree.
 */
import type { AppState } from '../../common/contract/app-state.js';
import type { Incident } from '../../common/model/incident.js';

/** Incidents with an action still in the outbox: it is retried until confirmed, so a second adds nothing. */
export function keysWithPendingActions(state: AppState): Set<string> {
  return new Set(
    state.actions.filter((action) => action.state === 'pending').map((a) => a.incidentKey),
  );
}

/** Triggered, assigned to me, ackable at its source, and not already being acked. */
export function ackableMine(state: AppState): Incident[] {
  const pending = keysWithPendingActions(state);
  return state.incidents.filter(
    (incident) =>
      incident.status === 'triggered' &&
      incident.assignedToMe &&
      incident.capabilities.ack &&
      !pending.has(incident.key),
  );
}

/** What the ack shortcut acks: the page that arrived last, since it is the one just heard. */
export function newestTriggeredMine(state: AppState): Incident | undefined {
  let newest: Incident | undefined;
  for (const incident of ackableMine(state)) {
    // ISO-8601 UTC strings order as text.
    if (!newest || incident.createdAt > newest.createdAt) newest = incident;
  }
  return newest;
}
