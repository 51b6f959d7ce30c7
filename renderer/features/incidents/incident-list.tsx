import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useNow } from '../../lib/use-now.js';
import { selectListRows, selectShownKeys } from '../../store/console-selectors.js';
import { selectSelectedIncident } from '../../store/selectors.js';
import { useAppStore, useAppStoreApi } from '../../store/store-context.js';
import { GroupHeader, groupSummary } from './group-header.js';
import type { ListRow } from './incident-groups.js';
import { IncidentRow } from './incident-row.js';

const ageRefreshMs = 30_000;
const keyMoves: Record<string, number> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
  Home: -Infinity,
  End: Infinity,
};

// Fixed heights, not measured ones: measuring a row re-lays every row after it, and with
// 10,000 of them that is a stutter on every frame of a scroll. Rows clamp their text to fit.
const rowHeight = (row: ListRow | undefined) =>
  row?.kind === 'header' ? 40 : row?.kind === 'incident' && row.siblings ? 118 : 96;

const optionId = (index: number) => `incident-option-${index}`;
export const incidentListId = 'incident-listbox';

/**
 * A multi-select listbox, virtualized: with 10,000 incidents only the rows in view are in the
 * DOM. The listbox keeps focus and points at the active row with aria-activedescendant, since
 * a focused row would vanish as soon as it scrolled out. `aria-selected` is "picked for a bulk
 * action"; the active row is the one the detail shows.
 */
export function IncidentList({ onOpen }: { onOpen: () => void }) {
  const rows = useAppStore(selectListRows);
  const activeKey = useAppStore((s) => selectSelectedIncident(s)?.key ?? null);
  const checked = useAppStore((s) => s.checkedKeys);
  const store = useAppStoreApi();
  const now = useNow(ageRefreshMs);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeight(rows[index]),
    getItemKey: (index) => rows[index]?.id ?? index,
    // Each row past the edge is mounted and laid out on every frame of a fast scroll.
    overscan: 2,
  });

  // Scrolling re-renders the list every frame; what depends only on the rows is worked out once.
  const groupLabels = useMemo(
    () =>
      new Map(rows.flatMap((row) => (row.kind === 'header' ? [[row.id, groupSummary(row)]] : []))),
    [rows],
  );
  const activeIndex = useMemo(
    () => (activeKey === null ? -1 : rows.findIndex((row) => row.id === activeKey)),
    [rows, activeKey],
  );

  // Keep the active row in view when the keyboard (or a notification) moves it; a state push
  // that leaves it where it is must not yank a list the responder is scrolling.
  const lastScrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (activeKey === lastScrolledTo.current || activeIndex < 0) return;
    lastScrolledTo.current = activeKey;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeKey, activeIndex, virtualizer]);

  const onPick = useCallback(
    (key: string, event: MouseEvent) => {
      const s = store.getState();
      if (event.shiftKey) s.checkRange(key, selectShownKeys(s));
      else if (event.ctrlKey || event.metaKey) s.toggleChecked(key);
      else s.selectIncident(key);
      document.getElementById(incidentListId)?.focus({ preventScroll: true });
    },
    [store],
  );
  const onToggleSiblings = useCallback(
    (setId: string) => store.getState().toggleSiblings(setId),
    [store],
  );

  function onKeyDown(event: KeyboardEvent) {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const s = store.getState();
    const delta = keyMoves[event.key];
    const active = rows[activeIndex];
    if (delta !== undefined) {
      event.preventDefault();
      const before = activeKey;
      const key = s.moveSelection(delta);
      // Shift+arrows pick as they go, like a file manager.
      if (event.shiftKey && key && before) s.setChecked([...s.checkedKeys, before, key]);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen();
    } else if (event.key === ' ' && activeKey) {
      event.preventDefault();
      s.toggleChecked(activeKey);
    } else if (
      (event.key === 'ArrowRight' || event.key === 'ArrowLeft') &&
      active?.kind === 'incident' &&
      active.siblings &&
      active.siblings.expanded === (event.key === 'ArrowLeft')
    ) {
      event.preventDefault();
      const lead = active.siblings.keys[0]!;
      s.toggleSiblings(active.siblings.setId);
      // Collapsing from a hidden sibling puts the cursor on the row that stays.
      if (event.key === 'ArrowLeft') s.selectIncident(lead);
    }
  }

  const items = virtualizer.getVirtualItems();
  if (rows.length === 0) {
    return (
      <p className="empty-state list-empty" data-testid="no-matches">
        No open incident matches these filters.
      </p>
    );
  }

  // Options and headers are laid out in one column but kept apart in the DOM: a listbox may
  // hold only options and groups of them, and a header holds a button (Ack group).
  const runs: { groupId: string; items: VirtualItem[] }[] = [];
  const headerItems: VirtualItem[] = [];
  for (const item of items) {
    const row = rows[item.index]!;
    if (row.kind === 'header') headerItems.push(item);
    else if (runs.at(-1)?.groupId === row.groupId) runs.at(-1)!.items.push(item);
    else runs.push({ groupId: row.groupId, items: [item] });
  }
  // Slots are keyed by position in the window, not by row: as the list scrolls, a slot leaving
  // the top comes back at the bottom with the next row's content, so React updates text in
  // place instead of building and tearing down a dozen rows a frame. The items are consecutive
  // indexes, so the keys are unique.
  const slot = (item: VirtualItem) => {
    const row = rows[item.index]!;
    return (
      <div
        key={item.index % items.length}
        data-index={item.index}
        className="incident-slot"
        style={{ height: item.size, transform: `translateY(${item.start}px)` }}
      >
        {row.kind === 'header' ? (
          <GroupHeader header={row} />
        ) : (
          <IncidentRow
            id={optionId(item.index)}
            incident={row.incident}
            siblings={row.siblings}
            active={row.id === activeKey}
            checked={checked.has(row.id)}
            now={now}
            onPick={onPick}
            onToggleSiblings={onToggleSiblings}
          />
        )}
      </div>
    );
  };

  return (
    <div
      ref={scrollRef}
      className="incident-scroller"
      data-testid="incident-list"
      data-rows={rows.length}
    >
      <div className="incident-sizer" style={{ height: virtualizer.getTotalSize() }}>
        <div
          id={incidentListId}
          className="incident-listbox"
          role="listbox"
          aria-label="Open incidents"
          aria-multiselectable="true"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          {runs.map((run) =>
            run.groupId === '' ? (
              run.items.map(slot)
            ) : (
              <div key={run.groupId} role="group" aria-label={groupLabels.get(run.groupId)}>
                {run.items.map(slot)}
              </div>
            ),
          )}
        </div>
        <div className="group-headers">{headerItems.map(slot)}</div>
      </div>
    </div>
  );
}
