import type { Incident, Urgency } from '../model/incident.js';
import {
  statusPageLimits,
  type ComponentStatus,
  type IncidentDraft,
  type IncidentUpdateDraft,
  type LiveIncidentStatus,
} from '../model/status-page.js';
import type { ComponentMappingRule } from '../model/status-page-config.js';
import type {
  ComponentCatalog,
  StatusPageIncident,
  StatusPageTemplate,
} from '../model/status-page-view.js';
import { childComponentIds, componentName, mappedComponentIds } from './component-mapping.js';

/** A high-urgency page is a partial outage until the responder says otherwise. */
export function proposedComponentStatus(urgency: Urgency): ComponentStatus {
  return urgency === 'high' ? 'partial_outage' : 'degraded_performance';
}

/** Says the symptom, for a subject ("Checkout and Payments") or for none. */
type Symptom = (subject: string) => string;
const on =
  (symptom: string): Symptom =>
  (subject) =>
    subject ? `${symptom} on ${subject}` : symptom;

/**
 * What customers notice, read from the alert's title: the first that fits, so "5xx" beats a
 * mention of latency further on. Subscribers should read a symptom, not our alert names.
 */
const symptoms: readonly [RegExp, Symptom][] = [
  [
    /\b(down|unreachable|unavailable|outage|not responding)\b/i,
    (subject) => (subject ? `${subject} unavailable` : 'Service unavailable'),
  ],
  [/\b(5\d\d|5xx|errors?|failing|failures?|failed|exceptions?)\b/i, on('Elevated errors')],
  [/\b(latency|slow|p9\d|timeouts?|response time)\b/i, on('Slow responses')],
  [/\b(backlog|queue|lag|delay(ed|s)?)\b/i, on('Delays')],
];

/** "Elevated errors on Checkout and Payments", from the title and what it touches. */
export function symptomName(incident: Incident, componentNames: readonly string[]): string {
  const say =
    symptoms.find(([pattern]) => pattern.test(incident.title))?.[1] ?? on('Degraded service');
  const subject = listed(componentNames) || incident.service || '';
  return say(subject).slice(0, statusPageLimits.nameChars);
}

/** What to say by default at each step, for an incident of this name. */
function defaultIncidentBody(status: LiveIncidentStatus, name: string): string {
  switch (status) {
    case 'investigating':
      return `We are investigating ${lowerFirst(name)}. We will post an update as soon as we know more.`;
    case 'identified':
      return 'We have identified the cause and are working on a fix.';
    case 'monitoring':
      return 'A fix is in place and we are monitoring the results.';
    case 'resolved':
      return 'This incident has been resolved.';
  }
}

/**
 * The form for a new status-page incident, prefilled from a page: a symptom-style name, status
 * investigating, the mapped components at a status proposed from urgency, a default body,
 * subscribers notified. A template, when chosen, fills name, body and components instead.
 */
export function prefillIncidentDraft(options: {
  incident: Incident;
  rules: readonly ComponentMappingRule[];
  catalog: ComponentCatalog;
  template?: StatusPageTemplate;
}): IncidentDraft {
  const { incident, rules, catalog, template } = options;
  const ids = mappedComponentIds(incident, rules, catalog);
  const proposed = proposedComponentStatus(incident.urgency);
  const name = symptomName(
    incident,
    ids.map((id) => componentName(id, catalog)),
  );
  const draft: IncidentDraft = {
    name,
    status: 'investigating',
    body: defaultIncidentBody('investigating', name),
    components: Object.fromEntries(ids.map((id) => [id, proposed])),
    deliverNotifications: true,
  };
  return template ? applyTemplate(draft, template, catalog, proposed) : draft;
}

/** A blank form, for declaring without a page. */
export function blankIncidentDraft(): IncidentDraft {
  return {
    name: '',
    status: 'investigating',
    body: '',
    components: {},
    deliverNotifications: true,
  };
}

/**
 * A template's name, body, status and components over the draft. A template carries no
 * per-component status, so a component keeps the one already chosen, else gets `proposed`.
 */
export function applyTemplate(
  draft: IncidentDraft,
  template: StatusPageTemplate,
  catalog: ComponentCatalog,
  proposed: ComponentStatus,
): IncidentDraft {
  const ids = childComponentIds(template.componentIds, catalog);
  return {
    ...draft,
    name: (template.title || template.name).slice(0, statusPageLimits.nameChars),
    body: template.body,
    status: template.status && template.status !== 'resolved' ? template.status : draft.status,
    components: Object.fromEntries(ids.map((id) => [id, draft.components[id] ?? proposed])),
    deliverNotifications: template.deliverNotifications,
  };
}

/**
 * The next public update on an open incident: the new status with its default words, the
 * linked components as they are (the responder changes them on the form).
 */
export function followUpDraft(
  incident: StatusPageIncident,
  status: LiveIncidentStatus,
): IncidentUpdateDraft {
  if (status === 'resolved') return resolveDraft(incident);
  const components: Record<string, ComponentStatus> = {};
  for (const c of incident.components) {
    if (c.status !== 'unknown') components[c.id] = c.status;
  }
  return {
    status,
    body: defaultIncidentBody(status, incident.name),
    components,
    deliverNotifications: true,
  };
}

/** Resolving: status resolved and every linked component back to operational. */
export function resolveDraft(incident: StatusPageIncident): IncidentUpdateDraft {
  return {
    status: 'resolved',
    body: defaultIncidentBody('resolved', incident.name),
    components: Object.fromEntries(incident.components.map((c) => [c.id, 'operational'])),
    deliverNotifications: true,
  };
}

/** "A", "A and B", "A, B and 2 more". */
function listed(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function lowerFirst(text: string): string {
  // Keep acronyms and names ("API errors", "Checkout") as they are.
  if (/^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text)) {
    return text[0]!.toLowerCase() + text.slice(1);
  }
  return text;
}
