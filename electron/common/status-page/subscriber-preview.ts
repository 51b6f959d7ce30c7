import {
  statusWords,
  type ComponentStatus,
  type StatusPageIncidentStatus,
} from '../model/status-page.js';
import type { ComponentCatalog } from '../model/status-page-view.js';
import { componentName } from './component-mapping.js';
import { impactSummary } from './impact.js';

/** What subscribers will read: a notification's subject and text, and whether one goes out. */
export interface SubscriberPreview {
  subject: string;
  text: string;
  notifies: boolean;
}

/**
 * The post as subscribers read it, in the shape of Statuspage's notification e-mails: the
 * page and incident name as subject, the status and body, and the affected components.
 */
export function subscriberPreview(
  pageName: string,
  incidentName: string,
  post: {
    status: StatusPageIncidentStatus;
    body: string;
    components: Record<string, ComponentStatus>;
    deliverNotifications: boolean;
  },
  catalog: ComponentCatalog,
): SubscriberPreview {
  const affected = Object.entries(post.components).map(
    ([id, status]) => `- ${componentName(id, catalog)}: ${statusWords[status]}`,
  );
  const impact = impactSummary(post).shown;
  const lines = [
    incidentName,
    '',
    `${statusWords[post.status]} - ${post.body.trim() || '(no message)'}`,
    ...(affected.length > 0 ? ['', 'Affected components', ...affected] : []),
    ...(impact !== 'none' ? ['', `Impact: ${impact}`] : []),
  ];
  return {
    subject: `[${pageName}] ${incidentName}`,
    text: lines.join('\n'),
    notifies: post.deliverNotifications,
  };
}
