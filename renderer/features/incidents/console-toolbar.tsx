import { useShallow } from 'zustand/react/shallow';
import {
  selectFiltered,
  selectServices,
  selectSourceNameLookup,
} from '../../store/console-selectors.js';
import { selectSourceStatuses } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import {
  defaultFilters,
  filterChips,
  groupByChoices,
  toggled,
  type ConsoleFilters,
  type GroupBy,
} from './console-filters.js';

export const searchInputId = 'incident-search';

const groupByLabels: Record<GroupBy, string> = {
  status: 'Status',
  service: 'Service',
  alertname: 'Alertname',
  source: 'Source',
  none: 'None',
};

type AddFilterProps = {
  label: string;
  choices: { value: string; label: string }[];
  onAdd: (value: string) => void;
};

/** A menu that adds one filter value; the chips below show and remove what is set. */
function AddFilter({ label, choices, onAdd }: AddFilterProps) {
  return (
    <select
      className="filter-select"
      aria-label={`Filter by ${label.toLowerCase()}`}
      value=""
      onChange={(event) => {
        if (event.target.value) onAdd(event.target.value);
      }}
    >
      <option value="">{label}…</option>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** Search, filters, grouping and the chips that say what is hidden. */
export function ConsoleToolbar() {
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const { shown, errors } = useAppStore(
    useShallow((s) => {
      const filtered = selectFiltered(s);
      return { shown: filtered.incidents.length, errors: filtered.errors };
    }),
  );
  const total = useAppStore((s) => s.incidents.length);
  const sources = useAppStore(selectSourceStatuses);
  const services = useAppStore(selectServices);
  const sourceName = useAppStore(selectSourceNameLookup);
  const chips = filterChips(filters, sourceName);
  const update = (patch: Partial<ConsoleFilters>) => setFilters({ ...filters, ...patch });

  return (
    <div className="console-toolbar" data-testid="console-toolbar">
      <div className="search-row">
        <label className="visually-hidden" htmlFor={searchInputId}>
          Search incidents
        </label>
        <input
          id={searchInputId}
          className="search-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="Search, or label=value, label=~regex  ( / )"
          value={filters.query}
          aria-describedby="incident-search-result"
          onChange={(event) => update({ query: event.target.value })}
        />
        <span className="scope-toggle" role="group" aria-label="Whose incidents">
          {(['mine', 'all'] as const).map((scope) => (
            <button
              key={scope}
              type="button"
              className="button button-small scope-button"
              aria-pressed={filters.scope === scope}
              onClick={() => update({ scope })}
            >
              {scope === 'mine' ? 'Mine' : 'All'}
            </button>
          ))}
        </span>
      </div>
      <div className="filter-row">
        <AddFilter
          label="Status"
          choices={['triggered', 'acknowledged'].map((value) => ({ value, label: value }))}
          onAdd={(value) =>
            update({ statuses: toggled(filters.statuses, value as 'triggered' | 'acknowledged') })
          }
        />
        <AddFilter
          label="Urgency"
          choices={['high', 'low'].map((value) => ({ value, label: value }))}
          onAdd={(value) =>
            update({ urgencies: toggled(filters.urgencies, value as 'high' | 'low') })
          }
        />
        <AddFilter
          label="Source"
          choices={sources.map((source) => ({ value: source.id, label: source.name }))}
          onAdd={(value) => update({ sources: toggled(filters.sources, value) })}
        />
        <AddFilter
          label="Service"
          choices={services.map((service) => ({ value: service, label: service }))}
          onAdd={(value) => update({ services: toggled(filters.services, value) })}
        />
        <span className="group-by">
          <label htmlFor="incident-group-by">Group</label>
          <select
            id="incident-group-by"
            value={filters.groupBy}
            onChange={(event) => update({ groupBy: event.target.value as GroupBy })}
          >
            {groupByChoices.map((choice) => (
              <option key={choice} value={choice}>
                {groupByLabels[choice]}
              </option>
            ))}
          </select>
        </span>
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.id} className="filter-chip" data-testid="filter-chip">
              <span>{chip.label}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => setFilters(chip.without)}
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setFilters({ ...defaultFilters, groupBy: filters.groupBy })}
            >
              Clear filters
            </button>
          </li>
        </ul>
      )}
      <p id="incident-search-result" className="search-result" data-testid="search-result">
        {shown === total ? `${total} open` : `${shown} of ${total} open shown`}
      </p>
      {errors.map((error) => (
        <p key={error} className="search-error" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}
