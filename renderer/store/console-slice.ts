import type { IncidentAction } from '../../electron/common/model/action.js';
import type { Incident } from '../../electron/common/model/incident.js';
import { readStoredFilters } from '../features/incidents/console-filters.js';
import type { ConsoleCommand } from '../features/incidents/console-shortcuts.js';
import type { UiPrefs } from '../lib/ui-prefs.js';
import { selectIncidentRows } from './console-selectors.js';
import { selectSelectedIncident } from './selectors.js';
import type { BulkProgress, ConsoleSlice, SliceCreator } from './types.js';

export const filtersPrefName = 'onwatch.incidentFilters';

/**
 * Acks go out sixteen at a time: enough that the outbox writes them down together and PagerDuty
 * gets them as bulk requests, few enough that the window stays responsive.
 */
const bulkConcurrency = 16;

/** Whether the incident's source can take this action now; a bulk action skips the rest. */
function canTake(incident: Incident, action: IncidentAction): boolean {
  switch (action.type) {
    case 'ack':
      return incident.capabilities.ack && incident.status === 'triggered';
    case 'resolve':
      return incident.capabilities.resolve && incident.status !== 'resolved';
    default:
      return incident.capabilities[action.type] && incident.status !== 'resolved';
  }
}

export const createConsoleSlice =
  (prefs: UiPrefs): SliceCreator<ConsoleSlice> =>
  (set, get) => ({
    filters: readStoredFilters(prefs.read(filtersPrefName)),
    expandedSiblings: new Set(),
    checkedKeys: new Set(),
    checkAnchor: null,
    bulk: null,
    panelRequest: null,
    shortcutsOpen: false,

    setFilters(filters) {
      prefs.write(filtersPrefName, JSON.stringify(filters));
      set({ filters }, false, 'console/setFilters');
    },
    toggleSiblings(setId) {
      const expanded = new Set(get().expandedSiblings);
      if (!expanded.delete(setId)) expanded.add(setId);
      set({ expandedSiblings: expanded }, false, 'console/toggleSiblings');
    },
    toggleChecked(key) {
      const checked = new Set(get().checkedKeys);
      if (!checked.delete(key)) checked.add(key);
      set({ checkedKeys: checked, checkAnchor: key }, false, 'console/toggleChecked');
    },
    checkRange(key, orderedKeys) {
      const anchor = get().checkAnchor ?? key;
      const from = orderedKeys.indexOf(anchor);
      const to = orderedKeys.indexOf(key);
      if (to < 0) return;
      const [start, end] = from < 0 ? [to, to] : from < to ? [from, to] : [to, from];
      const checked = new Set(get().checkedKeys);
      for (const k of orderedKeys.slice(start, end + 1)) checked.add(k);
      set({ checkedKeys: checked }, false, 'console/checkRange');
    },
    setChecked(keys) {
      set({ checkedKeys: new Set(keys), checkAnchor: null }, false, 'console/setChecked');
    },

    async bulkAct(keys, action, label) {
      const byKey = new Map(get().incidents.map((i) => [i.key, i]));
      const targets = keys.filter((key) => {
        const incident = byKey.get(key);
        return incident !== undefined && canTake(incident, action);
      });
      const progress: BulkProgress = {
        label,
        total: targets.length,
        done: 0,
        failed: 0,
        skipped: keys.length - targets.length,
        running: true,
      };
      const report = (name: string) => set({ bulk: { ...progress } }, false, name);
      report('console/bulkStart');
      let next = 0;
      const worker = async () => {
        while (next < targets.length) {
          const key = targets[next++]!;
          // One outbox entry per incident, through the same command a single click sends.
          if (await get().act(key, action)) progress.done++;
          else progress.failed++;
          report('console/bulkProgress');
        }
      };
      await Promise.all(Array.from({ length: bulkConcurrency }, worker));
      progress.running = false;
      report('console/bulkDone');
      // What was sent is no longer picked; what failed stays picked, to try again.
      const failed = new Set(targets.filter((key) => get().actionErrors[key] !== undefined));
      set(
        (s) => ({ checkedKeys: new Set([...s.checkedKeys].filter((k) => failed.has(k))) }),
        false,
        'console/bulkUncheck',
      );
    },
    dismissBulk: () => set({ bulk: null }, false, 'console/dismissBulk'),

    requestPanel(key, type) {
      const seq = (get().panelRequest?.seq ?? 0) + 1;
      set({ selectedKey: key, panelRequest: { key, type, seq } }, false, 'console/requestPanel');
    },
    clearPanelRequest: () => set({ panelRequest: null }, false, 'console/panelOpened'),
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }, false, 'console/shortcuts'),

    consoleCommand(command: ConsoleCommand) {
      const s = get();
      const incident = selectSelectedIncident(s);
      switch (command) {
        case 'next':
          return void s.moveSelection(1);
        case 'previous':
          return void s.moveSelection(-1);
        case 'showShortcuts':
          return s.setShortcutsOpen(true);
        case 'ackChecked':
          return void s.bulkAct([...s.checkedKeys], { type: 'ack' }, 'Acknowledge picked');
        case 'focusSearch':
          return;
      }
      if (!incident) return;
      const { key, capabilities } = incident;
      if (command === 'check') return s.toggleChecked(key);
      if (command === 'ack') {
        // A collapsed sibling set is one row, so `a` on it means all of it.
        const row = selectIncidentRows(s).find((r) => r.id === key);
        const set = row?.siblings;
        if (set && set.isLead && !set.expanded) {
          return void s.bulkAct(set.keys, { type: 'ack' }, `Acknowledge ${set.size} alerts`);
        }
        if (canTake(incident, { type: 'ack' })) void s.ack(key);
        return;
      }
      if (command === 'resolve') {
        if (canTake(incident, { type: 'resolve' })) void s.resolve(key);
        return;
      }
      const panel =
        command === 'note'
          ? capabilities.note && 'note'
          : capabilities.snooze
            ? 'snooze'
            : capabilities.silence && 'silence';
      if (panel) s.requestPanel(key, panel);
      else {
        const what = command === 'note' ? 'take notes' : 'snooze or silence';
        set({ commandError: `This incident’s source cannot ${what}.` }, false, 'console/cannot');
      }
    },
  });
