import { incidentKey, noCapabilities, type Incident } from '../../../common/model/incident.js';
import type { Clock } from '../../ports/clock.js';
import type { IncidentAction, Source } from '../source.js';

const testPageSourceId = 'self-test';

/**
 * "Send me a test page": a high-urgency incident that climbs the whole escalation ladder, so a
 * responder can hear the alarm and see the notifications before a shift. Always available, and
 * never polled: its pages exist only because the responder asked for them.
 */
export class TestPageSource implements Source {
  readonly id = testPageSourceId;
  private readonly pages = new Map<string, Incident>();
  private fired = 0;

  constructor(private readonly clock: Clock) {}

  fire(): Incident {
    this.fired += 1;
    const externalId = `test-${this.fired}`;
    const page: Incident = {
      key: incidentKey(this.id, externalId),
      sourceId: this.id,
      externalId,
      number: `TEST-${this.fired}`,
      title: 'Test page: this is how a page reaches you. Acknowledge it to stop the alarm.',
      service: 'onwatch self-test',
      status: 'triggered',
      urgency: 'high',
      severity: 'test',
      createdAt: new Date(this.clock.now()).toISOString(),
      assignedToMe: true,
      assignees: [],
      labels: { test: 'true' },
      links: [],
      capabilities: { ...noCapabilities, ack: true, resolve: true },
    };
    this.pages.set(externalId, page);
    return page;
  }

  async fetchIncidents(): Promise<Incident[]> {
    return [...this.pages.values()];
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    const page = this.pages.get(incident.externalId);
    if (!page) return;
    if (action.type === 'resolve') this.pages.delete(incident.externalId);
    else if (action.type === 'ack') {
      this.pages.set(incident.externalId, {
        ...page,
        status: 'acknowledged',
        acknowledgedAt: new Date(this.clock.now()).toISOString(),
      });
    }
  }

  async testConnection() {
    return { summary: 'Built-in test pages' };
  }
}
