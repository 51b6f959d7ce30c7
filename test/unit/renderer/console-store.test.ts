import { describe, expect, it, type Mock } from 'vitest';
import { defaultFilters } from '../../../renderer/features/incidents/console-filters.js';
import { consoleCommandFor } from '../../../renderer/features/incidents/console-shortcuts.js';
import type { UiPrefs } from '../../../renderer/lib/ui-prefs.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { selectShownKeys } from '../../../renderer/store/console-selectors.js';
import { filtersPrefName } from '../../../renderer/store/console-slice.js';
import { selectSelectedIncident } from '../../../renderer/store/selectors.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';
import { appState, incident } from './fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function memoryPrefs(
  initial: Record<string, string> = {},
): UiPrefs & { saved: Map<string, string> } {
  const saved = new Map(Object.entries(initial));
  return {
    saved,
    read: (name) => saved.get(name) ?? null,
    write: (name, value) => void saved.set(name, value),
  };
}

const many = Array.from({ length: 6 }, (_, i) =>
  incident({ externalId: `i${i}`, assignedToMe: i % 2 === 0, service: i < 3 ? 'api' : 'web' }),
);

async function startedStore(prefs = memoryPrefs(), incidents = many) {
  const bridge = fakeBridge(appState({ incidents }));
  const store = createAppStore(bridge.api, fakeAudio(), { prefs });
  store.getState().start();
  await flush();
  return { ...bridge, store, prefs };
}

describe('the console store', () => {
  it('remembers the filters for the next start, and starts from what was remembered', async () => {
    const { store, prefs } = await startedStore();
    store.getState().setFilters({ ...defaultFilters, scope: 'mine', groupBy: 'service' });
    expect(JSON.parse(prefs.saved.get(filtersPrefName)!)).toMatchObject({ scope: 'mine' });

    const next = await startedStore(prefs);
    expect(next.store.getState().filters).toMatchObject({ scope: 'mine', groupBy: 'service' });
    expect(selectShownKeys(next.store.getState())).toEqual(['drill:i0', 'drill:i2', 'drill:i4']);
  });

  it('moves over the incidents the filters show, from the top when the pick is hidden', async () => {
    const { store } = await startedStore();
    store.getState().selectIncident('drill:i1');
    store.getState().setFilters({ ...defaultFilters, scope: 'mine' });
    // A hidden pick stays in the detail (a notification may have asked for it)…
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:i1');
    // …and the keyboard starts over at the top of what is shown.
    expect(store.getState().moveSelection(1)).toBe('drill:i0');
    expect(store.getState().moveSelection(1)).toBe('drill:i2');
    expect(store.getState().moveSelection(Infinity)).toBe('drill:i4');
  });

  it('picks a shift-click range from the last single pick', async () => {
    const { store } = await startedStore();
    store.getState().toggleChecked('drill:i1');
    store.getState().checkRange('drill:i4', selectShownKeys(store.getState()));
    expect([...store.getState().checkedKeys].sort()).toEqual([
      'drill:i1',
      'drill:i2',
      'drill:i3',
      'drill:i4',
    ]);
  });

  it('sends a bulk ack as one command per incident that can take it, and counts as it goes', async () => {
    const acked = incident({ externalId: 'done', status: 'acknowledged' });
    const { store, api } = await startedStore(memoryPrefs(), [...many, acked]);
    // The fake's spy is declared without arguments; this one reads the key it is sent.
    const ack = api.ack as unknown as Mock<(request: { key: string }) => Promise<object>>;
    ack.mockImplementation(async ({ key }) => {
      if (key === 'drill:i3') throw new Error('the outbox is full');
      return { actionId: key };
    });
    const keys = [...many.map((i) => i.key), acked.key];
    store.getState().setChecked(keys);
    await store.getState().bulkAct(keys, { type: 'ack' }, 'Acknowledge 7');

    expect(ack).toHaveBeenCalledTimes(6);
    expect(new Set(ack.mock.calls.map(([request]) => request.key)).size).toBe(6);
    expect(store.getState().bulk).toEqual({
      label: 'Acknowledge 7',
      total: 6,
      done: 5,
      failed: 1,
      skipped: 1,
      running: false,
    });
    // The one that was not sent stays picked, to try again.
    expect([...store.getState().checkedKeys]).toEqual(['drill:i3']);
  });

  it('acks the incident the keyboard is on with `a`, and asks the detail for a panel with `n`', async () => {
    const noting = many.map((i) => ({ ...i, capabilities: { ...i.capabilities, note: true } }));
    const { store, api } = await startedStore(memoryPrefs(), noting);
    store.getState().selectIncident('drill:i2');
    store.getState().consoleCommand('ack');
    await flush();
    expect(api.ack).toHaveBeenCalledExactlyOnceWith({ key: 'drill:i2' });
    store.getState().consoleCommand('note');
    expect(store.getState().panelRequest).toMatchObject({ key: 'drill:i2', type: 'note' });
    store.getState().consoleCommand('snooze');
    expect(store.getState().commandError).toBe('This incident’s source cannot snooze or silence.');
  });
});

describe('the console keys', () => {
  const press = (key: string, target: unknown = null, modifiers = {}) =>
    consoleCommandFor({
      key,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      target: target as EventTarget | null,
      ...modifiers,
    });
  const inside = (selector: string) => ({
    closest: (s: string) => (s.includes(selector) ? {} : null),
  });

  it('map the documented keys to commands', () => {
    expect(press('j')).toBe('next');
    expect(press('k')).toBe('previous');
    expect(press('a')).toBe('ack');
    expect(press('A')).toBe('ackChecked');
    expect(press('/')).toBe('focusSearch');
    expect(press('?')).toBe('showShortcuts');
    expect(press('q')).toBeNull();
  });

  it('leave typing, terminals and the browser’s own shortcuts alone', () => {
    expect(press('a', inside('textarea'))).toBeNull();
    expect(press('j', inside('.xterm'))).toBeNull();
    expect(press('r', null, { ctrlKey: true })).toBeNull();
    expect(press('a', { closest: () => null })).toBe('ack');
  });
});
