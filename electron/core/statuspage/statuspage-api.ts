import type { ComponentStatus, Impact } from '../../common/model/status-page.js';
import type {
  SpComponent,
  SpComponentGroup,
  SpIncident,
  SpPage,
  SpTemplate,
} from './statuspage-schemas.js';

/** A list as read: the items that made sense, and how many did not and were left out. */
export interface Listed<T> {
  items: T[];
  skipped: number;
}

/** The `incident` object of a create or update, in Statuspage's own field names. */
export interface SpIncidentFields {
  name?: string;
  status?: string;
  body?: string;
  /** Links components to the incident. */
  component_ids?: string[];
  /** Sets component statuses (child components only). */
  components?: Record<string, ComponentStatus>;
  deliver_notifications?: boolean;
  impact_override?: Impact;
  /** Top-level values must be objects. */
  metadata?: Record<string, Record<string, string>>;
  scheduled_for?: string;
  scheduled_until?: string;
  scheduled_remind_prior?: boolean;
  scheduled_auto_in_progress?: boolean;
  scheduled_auto_completed?: boolean;
  auto_transition_to_maintenance_state?: boolean;
  auto_transition_to_operational_state?: boolean;
  auto_transition_deliver_notifications_at_start?: boolean;
  auto_transition_deliver_notifications_at_end?: boolean;
}

/**
 * What Onwatch asks of a status page. The HTTP client speaks it to Statuspage; the practice
 * page answers it from memory, so the drill runs the same forms and writer against nothing.
 */
export interface StatuspageApi {
  /** True for the drill's practice page, which writes nowhere. */
  readonly practice: boolean;
  listPages(signal: AbortSignal): Promise<Listed<SpPage>>;
  /** Components and the groups' own rows (`group: true`), children carrying `group_id`. */
  listComponents(pageId: string, signal: AbortSignal): Promise<Listed<SpComponent>>;
  listComponentGroups(pageId: string, signal: AbortSignal): Promise<Listed<SpComponentGroup>>;
  listTemplates(pageId: string, signal: AbortSignal): Promise<Listed<SpTemplate>>;
  listUnresolvedIncidents(pageId: string, signal: AbortSignal): Promise<Listed<SpIncident>>;
  listUpcomingMaintenances(pageId: string, signal: AbortSignal): Promise<Listed<SpIncident>>;
  listActiveMaintenances(pageId: string, signal: AbortSignal): Promise<Listed<SpIncident>>;
  /** The newest incidents whose name, status or updates mention `text` (one page of them). */
  searchIncidents(pageId: string, text: string, signal: AbortSignal): Promise<Listed<SpIncident>>;
  getIncident(pageId: string, incidentId: string, signal: AbortSignal): Promise<SpIncident>;
  createIncident(
    pageId: string,
    fields: SpIncidentFields,
    signal: AbortSignal,
  ): Promise<SpIncident>;
  updateIncident(
    pageId: string,
    incidentId: string,
    fields: SpIncidentFields,
    signal: AbortSignal,
  ): Promise<SpIncident>;
}
