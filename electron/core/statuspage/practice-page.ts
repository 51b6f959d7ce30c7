import { componentStatuses, type ComponentStatus } from '../../common/model/status-page.js';
import { computedImpact } from '../../common/status-page/impact.js';
import {
  defaultStatusPageReminders,
  type StatusPageConfig,
} from '../../common/model/status-page-config.js';
import type { Clock } from '../ports/clock.js';
import { SourceError } from '../sources/source-error.js';
import type { Listed, SpIncidentFields, StatuspageApi } from './statuspage-api.js';
import type {
  SpComponent,
  SpComponentGroup,
  SpIncident,
  SpPage,
  SpTemplate,
} from './statuspage-schemas.js';

const practicePageId = 'practice';

/**
 * The drill's status page: a shop with the drill's services as components, in memory only.
 * Every name on it says "practice", and nothing it is told leaves the process.
 */
export const practiceStatusPage: Extract<StatusPageConfig, { kind: 'practice' }> = {
  kind: 'practice',
  id: 'practice',
  name: 'Practice status page',
  mappings: [
    { componentIds: ['prc-checkout'], service: 'checkout-api' },
    { componentIds: ['prc-payments'], service: 'payments-gateway' },
    { componentIds: ['prc-orders'], service: 'order-worker' },
    { componentIds: ['prc-website', 'prc-api'], service: 'edge' },
  ],
  reminders: defaultStatusPageReminders,
};

const closedStatuses = new Set(['resolved', 'completed']);
const maintenanceStatuses = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);

/**
 * An in-memory Statuspage for the drill, answering what the real one would to the calls
 * Onwatch makes, so a new responder can declare, update, resolve and schedule without an
 * account. It writes nowhere.
 */
export class PracticeStatusPage implements StatuspageApi {
  readonly practice = true;
  private readonly page: SpPage = {
    id: practicePageId,
    name: 'Practice status page (writes nowhere)',
    subdomain: 'practice.onwatch.invalid',
  };
  private readonly components: SpComponent[];
  private readonly templates: SpTemplate[] = [
    {
      id: 'prc-tpl-errors',
      name: 'Elevated errors',
      title: 'Elevated error rates',
      body: 'Some requests are failing. We are investigating and will update within 30 minutes.',
      update_status: 'investigating',
      should_send_notifications: true,
      components: [],
    },
    {
      id: 'prc-tpl-payments',
      name: 'Payments degraded',
      title: 'Payments are delayed',
      body: 'Some payments are taking longer than usual to complete. No payment is lost.',
      update_status: 'identified',
      should_send_notifications: true,
      components: ['prc-payments'],
    },
  ];
  private readonly incidents: SpIncident[] = [];
  private nextId = 1;

  constructor(private readonly clock: Clock) {
    const component = (
      id: string,
      name: string,
      position: number,
      extra: Partial<SpComponent> = {},
    ): SpComponent => ({ id, name, status: 'operational', position, ...extra });
    this.components = [
      component('prc-shop', 'Shop', 1, { group: true }),
      component('prc-checkout', 'Checkout', 2, { group_id: 'prc-shop' }),
      component('prc-payments', 'Payments', 3, { group_id: 'prc-shop' }),
      component('prc-orders', 'Order processing', 4, { group_id: 'prc-shop' }),
      component('prc-website', 'Website', 5),
      component('prc-api', 'Public API', 6),
    ];
  }

  async listPages(): Promise<Listed<SpPage>> {
    return all([this.page]);
  }

  async listComponents(pageId: string): Promise<Listed<SpComponent>> {
    this.requirePage(pageId);
    return all(this.components.map((c) => ({ ...c })));
  }

  async listComponentGroups(pageId: string): Promise<Listed<SpComponentGroup>> {
    this.requirePage(pageId);
    const groups = this.components.filter((c) => c.group);
    return all(
      groups.map((g) => ({
        id: g.id,
        name: g.name,
        components: this.components.filter((c) => c.group_id === g.id).map((c) => c.id),
      })),
    );
  }

  async listTemplates(pageId: string): Promise<Listed<SpTemplate>> {
    this.requirePage(pageId);
    return all(this.templates);
  }

  async listUnresolvedIncidents(pageId: string): Promise<Listed<SpIncident>> {
    this.requirePage(pageId);
    return this.incidentsWhere((i) => !closedStatuses.has(i.status) && i.status !== 'scheduled');
  }

  async listUpcomingMaintenances(pageId: string): Promise<Listed<SpIncident>> {
    this.requirePage(pageId);
    return this.incidentsWhere((i) => i.status === 'scheduled');
  }

  async listActiveMaintenances(pageId: string): Promise<Listed<SpIncident>> {
    this.requirePage(pageId);
    return this.incidentsWhere((i) => i.status === 'in_progress' || i.status === 'verifying');
  }

  async searchIncidents(pageId: string, text: string): Promise<Listed<SpIncident>> {
    this.requirePage(pageId);
    const needle = text.toLowerCase();
    return this.incidentsWhere(
      (i) =>
        i.name.toLowerCase().includes(needle) ||
        i.incident_updates.some((u) => (u.body ?? '').toLowerCase().includes(needle)),
    );
  }

  async getIncident(pageId: string, incidentId: string): Promise<SpIncident> {
    this.requirePage(pageId);
    return structuredClone(this.find(incidentId));
  }

  async createIncident(pageId: string, fields: SpIncidentFields): Promise<SpIncident> {
    this.requirePage(pageId);
    if (!fields.name) throw new SourceError('rejected', 'Statuspage refused it: name is required');
    const now = this.now();
    const incident: SpIncident = {
      id: `prc-inc-${this.nextId++}`,
      name: fields.name,
      status: fields.status ?? 'investigating',
      impact: 'none',
      created_at: now,
      updated_at: now,
      ...(fields.scheduled_for ? { scheduled_for: fields.scheduled_for } : {}),
      ...(fields.scheduled_until ? { scheduled_until: fields.scheduled_until } : {}),
      components: [],
      incident_updates: [],
      metadata: fields.metadata ?? {},
    };
    this.incidents.unshift(incident);
    this.apply(incident, { ...fields, component_ids: fields.component_ids ?? [] });
    return structuredClone(incident);
  }

  async updateIncident(
    pageId: string,
    incidentId: string,
    fields: SpIncidentFields,
  ): Promise<SpIncident> {
    this.requirePage(pageId);
    const incident = this.find(incidentId);
    this.apply(incident, fields);
    return structuredClone(incident);
  }

  /** Links and sets components, and posts an update when the status or the words change. */
  private apply(incident: SpIncident, fields: SpIncidentFields): void {
    const now = this.now();
    const statuses = fields.components ?? {};
    const linked = new Set([
      ...incident.components.map((c) => c.id),
      ...(fields.component_ids ?? []),
      ...Object.keys(statuses),
    ]);
    for (const [id, status] of Object.entries(statuses)) this.setComponent(id, status);
    incident.components = this.components
      .filter((c) => linked.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, status: c.status }));
    const previous = incident.status;
    if (fields.status) incident.status = fields.status;
    if (fields.name) incident.name = fields.name;
    if (
      fields.body !== undefined ||
      incident.status !== previous ||
      !incident.incident_updates[0]
    ) {
      incident.incident_updates.unshift({
        id: `prc-upd-${this.nextId++}`,
        status: incident.status,
        body: fields.body ?? '',
        created_at: now,
        deliver_notifications: fields.deliver_notifications ?? true,
      });
    }
    const derived = maintenanceStatuses.has(incident.status)
      ? 'maintenance'
      : computedImpact(Object.fromEntries(incident.components.map((c) => [c.id, known(c.status)])));
    incident.impact = fields.impact_override ?? derived;
    if (closedStatuses.has(incident.status)) incident.resolved_at ??= now;
    incident.updated_at = now;
  }

  private setComponent(id: string, status: ComponentStatus): void {
    const component = this.components.find((c) => c.id === id);
    if (!component) throw new SourceError('rejected', `Statuspage refused it: no component ${id}`);
    if (component.group) {
      throw new SourceError('rejected', `Statuspage refused it: ${component.name} is a group`);
    }
    component.status = status;
  }

  private incidentsWhere(keep: (incident: SpIncident) => boolean): Listed<SpIncident> {
    return all(this.incidents.filter(keep).map((i) => structuredClone(i)));
  }

  private find(incidentId: string): SpIncident {
    const incident = this.incidents.find((i) => i.id === incidentId);
    if (!incident) {
      throw new SourceError('rejected', 'Statuspage has no such page or incident');
    }
    return incident;
  }

  private requirePage(pageId: string): void {
    if (pageId !== practicePageId) {
      throw new SourceError('rejected', 'Statuspage has no such page or incident');
    }
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function known(status: string | null | undefined): ComponentStatus {
  return componentStatuses.find((s) => s === status) ?? 'operational';
}

function all<T>(items: T[]): Listed<T> {
  return { items, skipped: 0 };
}
