import { formatDuration } from '../time-format.js';
import {
  maintenanceStatuses,
  type MaintenanceDraft,
  type MaintenanceStatus,
  type MaintenanceStep,
} from '../model/status-page.js';
import type { StatusPageIncident } from '../model/status-page-view.js';

const hourMs = 60 * 60_000;
const weekMs = 7 * 24 * hourMs;

/**
 * A new maintenance a week and a day from now, two hours long, on the hour, with Statuspage
 * starting and ending it by itself and telling subscribers at each step.
 */
export function blankMaintenanceDraft(now: number): MaintenanceDraft {
  const start = Math.ceil((now + weekMs + 24 * hourMs) / hourMs) * hourMs;
  return {
    name: '',
    body: '',
    componentIds: [],
    scheduledFor: new Date(start).toISOString(),
    scheduledUntil: new Date(start + 2 * hourMs).toISOString(),
    deliverNotifications: true,
    remindPrior: true,
    autoInProgress: true,
    autoCompleted: true,
    notifyAtStart: true,
    notifyAtEnd: true,
  };
}

/**
 * What the responder should know before scheduling, without stopping them: subscribers should
 * hear of a maintenance at least a week ahead.
 */
export function maintenanceWarnings(draft: MaintenanceDraft, now: number): string[] {
  const lead = Date.parse(draft.scheduledFor) - now;
  if (lead < 0) return ['The start is in the past: it will show as in progress at once.'];
  if (lead < weekMs) {
    const when = formatDuration(lead, { rounding: 'floor' });
    return [`It starts in ${when}: subscribers should hear at least a week ahead.`];
  }
  return [];
}

/** The next step of a maintenance's lifecycle; undefined once completed (or for an incident). */
export function nextMaintenanceStatus(status: string): MaintenanceStep['status'] | undefined {
  const index = maintenanceStatuses.indexOf(status as MaintenanceStatus);
  if (index === -1 || index === maintenanceStatuses.length - 1) return undefined;
  return maintenanceStatuses[index + 1] as MaintenanceStep['status'];
}

/** A lifecycle step for the form: its default words and the maintenance's components. */
export function maintenanceStepDraft(
  maintenance: StatusPageIncident,
  status: MaintenanceStep['status'],
): MaintenanceStep {
  const body = {
    in_progress: 'The scheduled maintenance is in progress.',
    verifying: 'The maintenance work is done and we are verifying the results.',
    completed: 'The scheduled maintenance has been completed.',
  }[status];
  return {
    status,
    body,
    componentIds: maintenance.components.map((c) => c.id),
    deliverNotifications: true,
  };
}
