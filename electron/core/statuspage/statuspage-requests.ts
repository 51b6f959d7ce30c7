import type {
  IncidentDraft,
  IncidentUpdateDraft,
  MaintenanceDraft,
  MaintenanceStep,
} from '../../common/model/status-page.js';
import type { SpIncidentFields } from './statuspage-api.js';
import type { OnwatchMetadata } from './statuspage-schemas.js';

/*
 * Drafts as Statuspage's request bodies. Pure, so a write resent after a crash sends exactly
 * what the first attempt sent.
 */

/** A new incident: `component_ids` links the components, `components` sets their statuses. */
export function createIncidentFields(
  draft: IncidentDraft,
  marks: OnwatchMetadata,
): SpIncidentFields {
  return {
    name: draft.name,
    status: draft.status,
    body: draft.body,
    component_ids: Object.keys(draft.components),
    components: draft.components,
    deliver_notifications: draft.deliverNotifications,
    ...(draft.impactOverride ? { impact_override: draft.impactOverride } : {}),
    metadata: { onwatch: marks },
  };
}

/**
 * A follow-up. Statuspage changes component statuses only when `components` is sent again,
 * and a body adds a public update; an empty body adds none.
 */
export function updateIncidentFields(draft: IncidentUpdateDraft): SpIncidentFields {
  return {
    status: draft.status,
    ...(draft.body.trim() ? { body: draft.body } : {}),
    ...(Object.keys(draft.components).length > 0 ? { components: draft.components } : {}),
    deliver_notifications: draft.deliverNotifications,
    ...(draft.impactOverride ? { impact_override: draft.impactOverride } : {}),
  };
}

/**
 * A scheduled maintenance. Its components are only linked now; Statuspage puts them under
 * maintenance when it starts and back to operational when it ends, if asked to.
 */
export function maintenanceFields(
  draft: MaintenanceDraft,
  marks: OnwatchMetadata,
): SpIncidentFields {
  return {
    name: draft.name,
    status: 'scheduled',
    body: draft.body,
    component_ids: draft.componentIds,
    scheduled_for: draft.scheduledFor,
    scheduled_until: draft.scheduledUntil,
    scheduled_remind_prior: draft.remindPrior,
    scheduled_auto_in_progress: draft.autoInProgress,
    scheduled_auto_completed: draft.autoCompleted,
    auto_transition_to_maintenance_state: draft.autoInProgress,
    auto_transition_to_operational_state: draft.autoCompleted,
    auto_transition_deliver_notifications_at_start: draft.notifyAtStart,
    auto_transition_deliver_notifications_at_end: draft.notifyAtEnd,
    deliver_notifications: draft.deliverNotifications,
    metadata: { onwatch: marks },
  };
}

/**
 * A lifecycle step taken by hand: the components follow it explicitly (under maintenance while
 * it runs, operational once completed), whatever the automatic transitions would have done.
 */
export function maintenanceStepFields(step: MaintenanceStep): SpIncidentFields {
  const status = step.status === 'completed' ? 'operational' : 'under_maintenance';
  return {
    status: step.status,
    ...(step.body.trim() ? { body: step.body } : {}),
    ...(step.componentIds.length > 0
      ? { components: Object.fromEntries(step.componentIds.map((id) => [id, status])) }
      : {}),
    deliver_notifications: step.deliverNotifications,
  };
}
