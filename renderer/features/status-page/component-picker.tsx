import {
  componentStatuses,
  statusWords,
  type ComponentStatus,
} from '../../../electron/common/model/status-page.js';
import type { ComponentCatalog } from '../../../electron/common/model/status-page-view.js';

type Props = {
  catalog: ComponentCatalog;
  value: Record<string, ComponentStatus>;
  onChange(next: Record<string, ComponentStatus>): void;
  /** Field errors by component id. */
  errors?: Record<string, string>;
};

/**
 * A status for each child component, "not affected" leaving it out. Groups are headings only:
 * a group's status is derived from its children, so it is never set.
 */
export function ComponentPicker({ catalog, value, onChange, errors = {} }: Props) {
  const set = (id: string, status: string) => {
    const next = { ...value };
    if (status === '') delete next[id];
    else next[id] = status as ComponentStatus;
    onChange(next);
  };
  return (
    <fieldset className="sp-picker">
      <legend>Affected components</legend>
      {catalog.components.map((component) => {
        const group = catalog.groups.find((g) => g.id === component.groupId);
        const label = group ? `${group.name} › ${component.name}` : component.name;
        return (
          <div key={component.id} className={`field${errors[component.id] ? ' has-error' : ''}`}>
            <label htmlFor={`sp-c-${component.id}`}>{label}</label>
            <select
              id={`sp-c-${component.id}`}
              value={value[component.id] ?? ''}
              onChange={(event) => set(component.id, event.target.value)}
            >
              <option value="">Not affected</option>
              {componentStatuses.map((status) => (
                <option key={status} value={status}>
                  {statusWords[status]}
                </option>
              ))}
            </select>
            {errors[component.id] && <p className="field-error">{errors[component.id]}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}
