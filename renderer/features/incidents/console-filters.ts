import { z } from 'zod';
import type { Incident, IncidentStatus, Urgency } from '../../../electron/common/model/incident.js';
import { matchesQuery, parseQuery, queryWithout, type ParsedQuery } from './incident-query.js';

export const groupByChoices = ['status', 'service', 'alertname', 'source', 'none'] as const;
export type GroupBy = (typeof groupByChoices)[number];

/**
 * What the incident list shows. Empty lists mean "any"; `scope: 'mine'` keeps only pages
 * assigned to the responder. Kept across restarts (see ui-prefs.ts).
 */
export type ConsoleFilters = {
  query: string;
  scope: 'all' | 'mine';
  statuses: IncidentStatus[];
  urgencies: Urgency[];
  sources: string[];
  services: string[];
  groupBy: GroupBy;
};

export const defaultFilters: ConsoleFilters = {
  query: '',
  scope: 'all',
  statuses: [],
  urgencies: [],
  sources: [],
  services: [],
  groupBy: 'status',
};

const strings = z.array(z.string().max(500)).max(200);

// Field by field, so one bad field read back from storage costs that field, not every filter.
const storedSchema = z.object({
  query: z.string().max(2000).catch(defaultFilters.query),
  scope: z.enum(['all', 'mine']).catch(defaultFilters.scope),
  statuses: z.array(z.enum(['triggered', 'acknowledged'])).catch([]),
  urgencies: z.array(z.enum(['high', 'low'])).catch([]),
  sources: strings.catch([]),
  services: strings.catch([]),
  groupBy: z.enum(groupByChoices).catch(defaultFilters.groupBy),
});

/** Filters as stored earlier; anything unreadable falls back to the default, never throws. */
export function readStoredFilters(text: string | null): ConsoleFilters {
  if (!text) return defaultFilters;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaultFilters;
  } catch {
    return defaultFilters;
  }
}

type ListFilter = (incident: Incident) => boolean;

/** One predicate for the filters; the query is parsed once, not per incident. */
function incidentFilter(filters: ConsoleFilters, parsed: ParsedQuery): ListFilter {
  const statuses = new Set(filters.statuses);
  const urgencies = new Set(filters.urgencies);
  const sources = new Set(filters.sources);
  const services = new Set(filters.services);
  return (incident) =>
    (filters.scope === 'all' || incident.assignedToMe) &&
    (statuses.size === 0 || statuses.has(incident.status)) &&
    (urgencies.size === 0 || urgencies.has(incident.urgency)) &&
    (sources.size === 0 || sources.has(incident.sourceId)) &&
    (services.size === 0 || services.has(incident.service ?? '')) &&
    matchesQuery(incident, parsed.terms);
}

export function filterIncidents(incidents: readonly Incident[], filters: ConsoleFilters) {
  const parsed = parseQuery(filters.query);
  const keep = incidentFilter(filters, parsed);
  return { incidents: incidents.filter(keep), errors: parsed.errors };
}

export type FilterChip = {
  id: string;
  label: string;
  /** The filters with this chip removed. */
  without: ConsoleFilters;
};

const drop = <T>(list: readonly T[], value: T) => list.filter((item) => item !== value);

/** Every active filter as a removable chip, search terms one chip each. */
export function filterChips(
  filters: ConsoleFilters,
  sourceName: (id: string) => string,
): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filters.scope === 'mine') {
    chips.push({ id: 'scope', label: 'Mine only', without: { ...filters, scope: 'all' } });
  }
  for (const status of filters.statuses) {
    chips.push({
      id: `status:${status}`,
      label: `Status: ${status}`,
      without: { ...filters, statuses: drop(filters.statuses, status) },
    });
  }
  for (const urgency of filters.urgencies) {
    chips.push({
      id: `urgency:${urgency}`,
      label: `Urgency: ${urgency}`,
      without: { ...filters, urgencies: drop(filters.urgencies, urgency) },
    });
  }
  for (const source of filters.sources) {
    chips.push({
      id: `source:${source}`,
      label: `Source: ${sourceName(source)}`,
      without: { ...filters, sources: drop(filters.sources, source) },
    });
  }
  for (const service of filters.services) {
    chips.push({
      id: `service:${service}`,
      label: `Service: ${service || '(none)'}`,
      without: { ...filters, services: drop(filters.services, service) },
    });
  }
  for (const [index, term] of parseQuery(filters.query).terms.entries()) {
    chips.push({
      id: `term:${index}:${term.raw}`,
      label: term.kind === 'text' ? `“${term.raw}”` : term.raw,
      without: { ...filters, query: queryWithout(filters.query, term.raw) },
    });
  }
  return chips;
}

/** Adds or removes one value of a multi-choice filter. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? drop(list, value) : [...list, value];
}
