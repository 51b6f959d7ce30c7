import type { Incident } from '../../electron/common/model/incident.js';
import { providers } from '../../electron/common/providers/index.js';
import { filterIncidents } from '../features/incidents/console-filters.js';
import { listRows, type ListRow } from '../features/incidents/incident-groups.js';
import { lastOf } from './last-of.js';
import type { AppStore } from './types.js';

const filtered = lastOf(filterIncidents);

/** Open incidents the filters let through, in list order, and why a search term is ignored. */
export const selectFiltered = (s: AppStore) => filtered(s.incidents, s.filters);

const sourceLookups = lastOf((state: AppStore['appState']) => ({
  kind: (id: string): string | undefined =>
    state?.sources.find((source) => source.id === id)?.kind ??
    state?.settings.sources.find((source) => source.config.id === id)?.config.kind,
  name: (id: string): string =>
    state?.sources.find((source) => source.id === id)?.name ??
    state?.settings.sources.find((source) => source.config.id === id)?.config.name ??
    id,
}));

export const selectSourceKind = (sourceId: string) => (s: AppStore) =>
  sourceLookups(s.appState).kind(sourceId);

const rows = lastOf(
  (
    incidents: readonly Incident[],
    groupBy: AppStore['filters']['groupBy'],
    expanded: ReadonlySet<string>,
    appState: AppStore['appState'],
  ): ListRow[] => {
    const lookup = sourceLookups(appState);
    // Asked once per incident, answered once per source.
    const labels = new Map<string, string | undefined>();
    return listRows(incidents, {
      groupBy,
      expanded,
      siblingLabel: (id) => {
        if (labels.has(id)) return labels.get(id);
        const kind = lookup.kind(id);
        const provider = providers.find((p) => p.kind === kind);
        const label = provider && 'siblingLabel' in provider ? provider.siblingLabel : undefined;
        labels.set(id, label);
        return label;
      },
      sourceName: lookup.name,
    });
  },
);

export const selectListRows = (s: AppStore) =>
  rows(selectFiltered(s).incidents, s.filters.groupBy, s.expandedSiblings, s.appState);

const incidentRows = lastOf((list: readonly ListRow[]) =>
  list.filter((row): row is Extract<ListRow, { kind: 'incident' }> => row.kind === 'incident'),
);

/** The incident rows the list shows, in order: what j/k and shift-click move over. */
export const selectIncidentRows = (s: AppStore) => incidentRows(selectListRows(s));

const rowKeys = lastOf((list: readonly { id: string }[]) => list.map((row) => row.id));
export const selectShownKeys = (s: AppStore) => rowKeys(selectIncidentRows(s));

/** Source names by id, for the filter chips. */
export const selectSourceNameLookup = (s: AppStore) => sourceLookups(s.appState).name;

const services = lastOf((incidents: readonly Incident[]) =>
  [...new Set(incidents.flatMap((i) => (i.service ? [i.service] : [])))].sort((a, b) =>
    a.localeCompare(b),
  ),
);

/** Every service among the open incidents, for the service filter. */
export const selectServices = (s: AppStore) => services(s.incidents);
