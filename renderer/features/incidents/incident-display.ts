import type { Incident, IncidentLink } from '../../../electron/common/model/incident.js';
import { providers } from '../../../electron/common/providers/index.js';

/** "#1042" however the source spelled it ("1042", "#1042"); PagerDuty already adds the `#`. */
export function incidentNumberText(number: string | undefined): string | undefined {
  const bare = number?.trim().replace(/^#+/, '');
  return bare ? `#${bare}` : undefined;
}

/**
 * An annotation's name as a link label: `dashboard` → "Dashboard", `grafana_url` → "Grafana".
 * Labels a source already wrote for people ("Open in PagerDuty") are kept as they are.
 */
export function linkLabelText(label: string): string {
  if (!/^[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)*$/.test(label)) return label;
  const words = label
    .replace(/[_.-](url|link|href)$/, '')
    .split(/[_.-]/)
    .filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The provider's own page first, then every other link once (by URL), labels readable. */
export function detailLinks(incident: Incident, sourceName: string): IncidentLink[] {
  const links: IncidentLink[] = [];
  const seen = new Set<string>();
  const add = (label: string, url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    links.push({ label, url });
  };
  if (incident.webUrl) add(`Open in ${sourceName}`, incident.webUrl);
  for (const link of incident.links) add(linkLabelText(link.label), link.url);
  return links;
}

/**
 * What the alert says about itself, for the top of the detail: Alertmanager's `description`,
 * and its `summary` where that is not already the title.
 */
export function incidentDescription(incident: Incident): string[] {
  const annotations = incident.annotations ?? {};
  const parts: string[] = [];
  const summary = annotations.summary?.trim();
  if (summary && summary !== incident.title.trim()) parts.push(summary);
  const description = annotations.description?.trim() ?? annotations.message?.trim();
  if (description && description !== summary) parts.push(description);
  return parts;
}

/**
 * Whether the source knows who a page is for. Alertmanager and the drill do not: every alert
 * counts as the responder's, so "Assignees — you" would claim something nobody said.
 */
export function sourceKnowsAssignees(kind: string | undefined): boolean {
  const provider = providers.find((p) => p.kind === kind);
  return provider ? provider.assignment !== 'none' : true;
}
