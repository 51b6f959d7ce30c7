import { statusWords } from '../../../electron/common/model/status-page.js';
import type {
  ComponentCatalog,
  StatusPageComponent,
} from '../../../electron/common/model/status-page-view.js';

/** The page's components in its order, each group with its children, as subscribers see them. */
export function ComponentStatuses({ catalog }: { catalog: ComponentCatalog }) {
  const rows: { group?: string; components: StatusPageComponent[] }[] = [];
  for (const component of catalog.components) {
    const group = catalog.groups.find((g) => g.id === component.groupId);
    const last = rows.at(-1);
    if (last && last.group === group?.name && group) last.components.push(component);
    else rows.push({ ...(group ? { group: group.name } : {}), components: [component] });
  }
  return (
    <ul className="sp-components" aria-label="Components">
      {rows.map((row, index) =>
        row.group ? (
          <li key={`g${index}`} className="sp-group">
            <span className="sp-group-name">{row.group}</span>
            <ul>
              {row.components.map((c) => (
                <ComponentRow key={c.id} component={c} />
              ))}
            </ul>
          </li>
        ) : (
          <ComponentRow key={row.components[0]!.id} component={row.components[0]!} />
        ),
      )}
    </ul>
  );
}

function ComponentRow({ component }: { component: StatusPageComponent }) {
  const words = component.status === 'unknown' ? 'Unknown' : statusWords[component.status];
  return (
    <li className="sp-component" data-testid="sp-component" data-id={component.id}>
      <span>{component.name}</span>
      <span
        className={`pill sp-status sp-status-${component.status}`}
        data-status={component.status}
      >
        {words}
      </span>
    </li>
  );
}
