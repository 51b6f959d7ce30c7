import { outboxTarget } from '../lib/action-status.js';
import { selectShownKeys } from './console-selectors.js';
import { selectActions, selectSelectedIncident } from './selectors.js';
import type { SelectionSlice, SliceCreator } from './types.js';

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedKey: null,
  selectIncident: (key) => set({ selectedKey: key }, false, 'selection/selectIncident'),
  showIncident: (key) =>
    set({ page: 'incidents', selectedKey: key }, false, 'selection/showIncident'),
  openOutbox() {
    const s = get();
    const target = outboxTarget(selectActions(s), new Set(s.incidents.map((i) => i.key)));
    // No target means the actions' incidents left the list; the page lists those actions.
    set({ page: 'incidents', selectedKey: target ?? s.selectedKey }, false, 'selection/openOutbox');
  },
  moveSelection(delta) {
    const shown = selectShownKeys(get());
    if (shown.length === 0) return null;
    const current = shown.indexOf(selectSelectedIncident(get())?.key ?? '');
    // From an incident the filters hide, any move starts at the top.
    const index = current < 0 ? 0 : Math.min(shown.length - 1, Math.max(0, current + delta));
    const next = shown[index]!;
    set({ selectedKey: next }, false, 'selection/moveSelection');
    return next;
  },
});
