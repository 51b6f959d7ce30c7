import { componentStatuses, liveIncidentStatusSchema } from '../../common/model/status-page.js';
import type {
  ComponentCatalog,
  StatusPageComponent,
  StatusPageIncident,
  StatusPageTemplate,
  StatusPageView,
} from '../../common/model/status-page-view.js';
import type { StatuspageApi } from './statuspage-api.js';
import {
  onwatchMetadataOf,
  type SpComponent,
  type SpIncident,
  type SpTemplate,
} from './statuspage-schemas.js';

/** A page the API key can reach, named, with how many components it has (Test connection). */
export interface ReachablePage {
  id: string;
  name: string;
  components: number;
}

/** Every page the key reaches, each with its component count (groups' own rows not counted). */
export async function reachablePages(
  api: StatuspageApi,
  signal: AbortSignal,
): Promise<ReachablePage[]> {
  const pages = await api.listPages(signal);
  const reachable: ReachablePage[] = [];
  for (const page of pages.items) {
    const components = await api.listComponents(page.id, signal);
    const count = components.items.filter((c) => !c.group).length;
    reachable.push({ id: page.id, name: page.name, components: count });
  }
  return reachable;
}

/**
 * One read of a page for the Status page view and the forms: six calls, paced by the key's
 * budget. Groups come from the component list itself (group rows and children's `group_id`),
 * which saves a call per refresh.
 */
export async function readStatusPage(
  api: StatuspageApi,
  target: { statusPageId: string; pageId: string },
  signal: AbortSignal,
  now: number,
): Promise<StatusPageView> {
  const { pageId } = target;
  const pages = await api.listPages(signal);
  const page = pages.items.find((p) => p.id === pageId);
  if (!page) throw new Error(`The API key does not reach page ${pageId} (any more).`);
  const components = await api.listComponents(pageId, signal);
  const templates = await api.listTemplates(pageId, signal);
  const open = await api.listUnresolvedIncidents(pageId, signal);
  const active = await api.listActiveMaintenances(pageId, signal);
  const upcoming = await api.listUpcomingMaintenances(pageId, signal);
  const maintenanceIds = new Set([...active.items, ...upcoming.items].map((m) => m.id));
  return {
    statusPageId: target.statusPageId,
    pageId,
    pageName: page.name,
    practice: api.practice,
    catalog: toCatalog(components.items),
    templates: templates.items.map(toTemplate),
    // Unresolved may list maintenances too; each shows once, where it belongs.
    openIncidents: open.items.filter((i) => !maintenanceIds.has(i.id)).map(toIncident),
    activeMaintenances: active.items.map(toIncident),
    upcomingMaintenances: upcoming.items.map(toIncident),
    skipped: [pages, components, templates, open, active, upcoming].reduce(
      (sum, list) => sum + list.skipped,
      0,
    ),
    readAt: new Date(now).toISOString(),
  };
}

/** Components in the page's order, groups with their children. */
function toCatalog(list: readonly SpComponent[]): ComponentCatalog {
  const ordered = [...list].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const groupRows = ordered.filter((c) => c.group);
  const groupIds = new Set(groupRows.map((g) => g.id));
  const components = ordered
    .filter((c) => !c.group)
    .map((c): StatusPageComponent => ({
      id: c.id,
      name: c.name,
      status: knownStatus(c.status),
      ...(c.group_id && groupIds.has(c.group_id) ? { groupId: c.group_id } : {}),
    }));
  return {
    components,
    groups: groupRows.map((g) => ({
      id: g.id,
      name: g.name,
      componentIds: components.filter((c) => c.groupId === g.id).map((c) => c.id),
    })),
  };
}

function toIncident(incident: SpIncident): StatusPageIncident {
  const newest = [...incident.incident_updates].sort(
    (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at),
  )[0];
  const source = onwatchMetadataOf(incident)?.source;
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    ...(incident.impact ? { impact: incident.impact } : {}),
    createdAt: incident.created_at,
    ...(incident.scheduled_for ? { scheduledFor: incident.scheduled_for } : {}),
    ...(incident.scheduled_until ? { scheduledUntil: incident.scheduled_until } : {}),
    ...(incident.shortlink ? { shortlink: incident.shortlink } : {}),
    components: incident.components.map((c) => ({
      id: c.id,
      name: c.name,
      status: knownStatus(c.status),
    })),
    ...(newest
      ? {
          latestUpdate: {
            status: newest.status,
            body: newest.body ?? '',
            at: newest.display_at ?? newest.created_at,
          },
        }
      : {}),
    ...(source ? { pagingIncidentKey: source } : {}),
  };
}

function toTemplate(template: SpTemplate): StatusPageTemplate {
  const status = liveIncidentStatusSchema.safeParse(template.update_status);
  return {
    id: template.id,
    name: template.name,
    title: template.title ?? template.name,
    body: template.body ?? '',
    ...(status.success ? { status: status.data } : {}),
    componentIds: template.components,
    deliverNotifications: template.should_send_notifications ?? true,
  };
}

function knownStatus(status: string | null | undefined): StatusPageComponent['status'] {
  const known = componentStatuses.find((s) => s === status);
  return known ?? 'unknown';
}
