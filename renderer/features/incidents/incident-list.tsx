import { useRef, type KeyboardEvent } from 'react';
import type { Incident } from '../../../electron/common/model/incident.js';
import { useNow } from '../../lib/use-now.js';
import { selectIncidents, selectSelectedIncident } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { OrphanActions } from '../actions/orphan-actions.js';
import { IncidentRow } from './incident-row.js';

const ageRefreshMs = 30_000;
const keyMoves: Record<string, number> = {
  ArrowDown: 1,
  ArrowUp: -1,
  Home: -Infinity,
  End: Infinity,
};

/**
 * A listbox rather than a list of buttons: rows are picked, not pressed, and their names
 * ("…acknowledged") must not be mistaken for the Acknowledge button.
 */
export function IncidentList() {
  const incidents = useAppStore(selectIncidents);
  const selectedKey = useAppStore((s) => selectSelectedIncident(s)?.key ?? null);
  const moveSelection = useAppStore((s) => s.moveSelection);
  const now = useNow(ageRefreshMs);
  const listRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const delta = keyMoves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const key = moveSelection(delta);
    if (key)
      listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  const groups: { label: string; items: Incident[] }[] = [
    { label: 'Triggered', items: incidents.filter((i) => i.status === 'triggered') },
    { label: 'Acknowledged', items: incidents.filter((i) => i.status === 'acknowledged') },
  ];
  return (
    <section className="incident-list">
      <OrphanActions />
      <div ref={listRef} role="listbox" aria-label="Open incidents" onKeyDown={onKeyDown}>
        {groups
          .filter((group) => group.items.length > 0)
          .map((group) => (
            <div
              key={group.label}
              role="group"
              aria-labelledby={`group-${group.label}`}
              className="incident-group"
            >
              <h2 id={`group-${group.label}`} className="group-heading">
                {group.label} <span className="group-count">{group.items.length}</span>
              </h2>
              <ul className="incident-rows" role="presentation">
                {group.items.map((incident) => (
                  <IncidentRow
                    key={incident.key}
                    incident={incident}
                    selected={incident.key === selectedKey}
                    now={now}
                  />
                ))}
              </ul>
            </div>
          ))}
      </div>
    </section>
  );
}
