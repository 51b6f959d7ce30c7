import { compareIncidents, type Incident } from '../../common/model/incident.js';
import { statusWords, type StatusPageIncidentStatus } from '../../common/model/status-page.js';
import type {
  ComponentMappingRule,
  StatusPageReminders,
} from '../../common/model/status-page-config.js';
import type { ComponentCatalog } from '../../common/model/status-page-view.js';
import { componentName, mappedComponentIds } from '../../common/status-page/component-mapping.js';
import { formatDuration } from '../../common/time-format.js';
import type { StatusPageLink } from './status-page-links.js';

/** A connected page as the reminders need it. */
export interface ReminderPage {
  statusPageId: string;
  pageName: string;
  /** The drill's page: it speaks only for drill incidents, and real pages never do. */
  practice: boolean;
  rules: readonly ComponentMappingRule[];
  catalog: ComponentCatalog;
  reminders: StatusPageReminders;
}

export interface ReminderInput {
  now: number;
  pages: readonly ReminderPage[];
  links: readonly StatusPageLink[];
  /** The paging incidents open now. */
  openIncidents: readonly Incident[];
  /** Sources whose incidents are practice (the drill). */
  practiceSourceIds: ReadonlySet<string>;
}

/**
 * A nudge for the attention machinery to raise at low urgency (a notification, the tray, the
 * window; never the alarm). `id` is stable, so raising it again replaces it.
 */
type StatusPageReminder =
  | {
      kind: 'resolve-status-page';
      id: string;
      title: string;
      body: string;
      action: 'Resolve status page';
      statusPageId: string;
      incidentId: string;
      pagingIncidentKey: string;
    }
  | {
      kind: 'declare';
      id: string;
      title: string;
      body: string;
      action: 'Update status page';
      statusPageId: string;
      pagingIncidentKey: string;
      componentIds: string[];
    };

export interface ReminderPlan {
  due: StatusPageReminder[];
  /** When the next reminder not yet due becomes due, so the caller sets one timer, not a poll. */
  nextCheckAt?: number;
}

const closed = new Set(['resolved', 'completed']);
const minuteMs = 60_000;

/**
 * Which reminders are due now. A paging incident linked to an open status-page incident that
 * resolved longer ago than the page's grace: "resolve the status page too". A high-urgency
 * incident open longer than the prompt time, on a service with mapped components and with no
 * status-page incident: "declare one?".
 */
export function planStatusPageReminders(input: ReminderInput): ReminderPlan {
  const due: StatusPageReminder[] = [];
  const later: number[] = [];
  const { now } = input;

  for (const link of input.links) {
    const page = input.pages.find((p) => p.statusPageId === link.statusPageId);
    if (!page || link.pagingResolvedAt === undefined || closed.has(link.status)) continue;
    const at = link.pagingResolvedAt + page.reminders.resolveGraceMinutes * minuteMs;
    if (at > now) {
      later.push(at);
      continue;
    }
    const ago = formatDuration(now - link.pagingResolvedAt, { rounding: 'floor' });
    const says = statusWords[link.status as StatusPageIncidentStatus] ?? link.status;
    due.push({
      kind: 'resolve-status-page',
      id: `statuspage-resolve:${link.pageId}:${link.incidentId}`,
      title: `${link.pagingTitle} resolved ${ago} ago — status page still says ${says}`,
      body: `“${link.incidentName}” is still open on ${page.pageName}.`,
      action: 'Resolve status page',
      statusPageId: link.statusPageId,
      incidentId: link.incidentId,
      pagingIncidentKey: link.pagingIncidentKey,
    });
  }

  const linked = new Set(input.links.map((l) => l.pagingIncidentKey));
  // The most urgent first, whatever order the incidents came in.
  const declares: { incident: Incident; reminder: StatusPageReminder }[] = [];
  for (const incident of input.openIncidents) {
    if (incident.urgency !== 'high' || incident.status === 'resolved') continue;
    if (linked.has(incident.key)) continue;
    const practice = input.practiceSourceIds.has(incident.sourceId);
    const fit = input.pages
      .filter((p) => p.practice === practice)
      .map((page) => ({ page, ids: mappedComponentIds(incident, page.rules, page.catalog) }))
      .find((candidate) => candidate.ids.length > 0);
    if (!fit) continue;
    const since = Date.parse(incident.createdAt);
    const at = since + fit.page.reminders.declareAfterMinutes * minuteMs;
    if (at > now) {
      later.push(at);
      continue;
    }
    const open = formatDuration(now - since, { rounding: 'floor' });
    const names = fit.ids.map((id) => componentName(id, fit.page.catalog)).join(', ');
    declares.push({
      incident,
      reminder: {
        kind: 'declare',
        id: `statuspage-declare:${incident.key}`,
        title: `${incident.title} has been open ${open} — tell customers on ${fit.page.pageName}?`,
        body: `It touches ${names}, and the status page says nothing about it yet.`,
        action: 'Update status page',
        statusPageId: fit.page.statusPageId,
        pagingIncidentKey: incident.key,
        componentIds: fit.ids,
      },
    });
  }
  declares.sort((a, b) => compareIncidents(a.incident, b.incident));
  due.push(...declares.map(({ reminder }) => reminder));

  return { due, ...(later.length > 0 ? { nextCheckAt: Math.min(...later) } : {}) };
}
