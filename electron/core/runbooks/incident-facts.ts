import type { Incident } from '../../common/model/incident.js';
import type { PlaceholderPath } from '../../common/runbook-placeholders.js';
import { tryNormaliseUrl } from './runbook-urls.js';

/** What matching and placeholders read from an incident, whatever its source. */
export interface IncidentFacts {
  id: string;
  title: string;
  url?: string;
  source: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** The incident's runbook links (http/https, normalised), in the order the source gave them. */
  runbookUrls: string[];
}

/** Facts from the incident model; `annotations` stand in for the incident's own, for tests. */
export function incidentFacts(
  incident: Incident,
  annotations: Readonly<Record<string, string>> = incident.annotations ?? {},
): IncidentFacts {
  const links = [
    annotations.runbook_url,
    annotations.runbook,
    ...incident.links.filter((link) => /runbook/i.test(link.label)).map((link) => link.url),
  ];
  const runbookUrls = [
    ...new Set(links.flatMap((link) => (link ? (tryNormaliseUrl(link) ?? []) : []))),
  ];
  return {
    id: incident.externalId,
    title: incident.title,
    url: incident.webUrl,
    source: incident.sourceId,
    labels: incident.labels,
    annotations,
    runbookUrls,
  };
}

/** A placeholder's value; an empty value counts as missing, as a missing label does. */
export function placeholderValue(facts: IncidentFacts, path: PlaceholderPath): string | undefined {
  const value = lookup(facts, path);
  return value === undefined || value === '' ? undefined : value;
}

function lookup(facts: IncidentFacts, path: PlaceholderPath): string | undefined {
  if (path === 'incident.id') return facts.id;
  if (path === 'incident.url') return facts.url;
  if (path === 'source') return facts.source;
  const dot = path.indexOf('.');
  const scope = path.slice(0, dot);
  const name = path.slice(dot + 1);
  const values =
    scope === 'labels' ? facts.labels : scope === 'annotations' ? facts.annotations : {};
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

/** How a missing value is named to the responder: "label pod", "annotation summary", "incident URL". */
export function describePath(path: PlaceholderPath): string {
  if (path === 'incident.id') return 'the incident id';
  if (path === 'incident.url') return 'the incident URL';
  if (path === 'source') return 'the source';
  const dot = path.indexOf('.');
  return `${path.slice(0, dot) === 'labels' ? 'label' : 'annotation'} ${path.slice(dot + 1)}`;
}
