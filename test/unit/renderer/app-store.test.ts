import { describe, expect, it } from 'vitest';
import type { OnwatchBridge } from '../../../renderer/bridge/connection.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import {
  selectActionError,
  selectBusyActionTypes,
  selectIncidentActions,
  selectOrphanActions,
  selectOutboxState,
  selectSelectedIncident,
  selectSourceName,
} from '../../../renderer/store/selectors.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';
import { actionView, appState, incident } from './fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function startedStore(initial = appState()) {
  const bridge = fakeBridge(initial);
  const store = createAppStore(bridge.api, fakeAudio());
  const stop = store.getState().start();
  await flush();
  return { ...bridge, store, stop };
}

describe('state and connection', () => {
  it("loads the first state in the main side's order, leaving out resolved incidents", async () => {
    const { store, api } = await startedStore(
      appState({
        incidents: [
          incident({ externalId: 't' }),
          incident({ externalId: 'a', status: 'acknowledged' }),
          incident({ externalId: 'r', status: 'resolved' }),
        ],
      }),
    );
    expect(api.getState).toHaveBeenCalledExactlyOnceWith({});
    expect(store.getState().appState).not.toBeNull();
    expect(store.getState().incidents.map((i) => i.externalId)).toEqual(['t', 'a']);
  });

  it('applies each change in list order', async () => {
    const acked = incident({ externalId: 'a', status: 'acknowledged' });
    const { store, emitChange } = await startedStore(appState({ incidents: [acked] }));
    emitChange({ incidents: { upserted: [incident({ externalId: 't' })], removed: [] } });
    expect(store.getState().incidents.map((i) => i.externalId)).toEqual(['t', 'a']);
    emitChange({ incidents: { upserted: [], removed: [acked.key] } });
    expect(store.getState().incidents.map((i) => i.externalId)).toEqual(['t']);
  });

  it('never lets a slow getState answer overwrite a newer snapshot', async () => {
    const bridge = fakeBridge(appState({ incidents: [incident({ externalId: 'stale' })] }));
    const store = createAppStore(bridge.api, fakeAudio());
    store.getState().start();
    bridge.emitState(appState({ incidents: [incident({ externalId: 'fresh' })] }));
    await flush();
    expect(store.getState().incidents.map((i) => i.externalId)).toEqual(['fresh']);
  });

  it('shows a failed first load as a command error', async () => {
    const bridge = fakeBridge();
    bridge.api.getState.mockRejectedValueOnce(new Error('no route to main'));
    const store = createAppStore(bridge.api, fakeAudio());
    store.getState().start();
    await flush();
    expect(store.getState().commandError).toBe('no route to main');
  });

  it('follows the connection status and unsubscribes on stop', async () => {
    const { store, emitConnection, stop, listenerCount } = await startedStore();
    expect(store.getState().connection).toBe('connecting');
    emitConnection('open');
    emitConnection('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    stop();
    expect(listenerCount()).toBe(0);
  });

  it('treats a bridge without a connection status (Electron IPC) as always open', () => {
    const { api } = fakeBridge();
    const ipc: OnwatchBridge = { ...api, connection: undefined, onConnectionChanged: undefined };
    const store = createAppStore(ipc, fakeAudio());
    expect(store.getState().connection).toBe('open');
    expect(() => store.getState().start()()).not.toThrow();
  });
});

describe('selection', () => {
  const incidents = [incident({ externalId: '1' }), incident({ externalId: '2' })];

  it('selects the first incident by default, and the picked one after a click', async () => {
    const { store } = await startedStore(appState({ incidents }));
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:1');
    store.getState().selectIncident('drill:2');
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:2');
  });

  it('falls back to the top of the list when the picked incident goes away', async () => {
    const { store, emitState } = await startedStore(appState({ incidents }));
    store.getState().selectIncident('drill:2');
    emitState(appState({ incidents: [incidents[0]!] }));
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:1');
    emitState(appState());
    expect(selectSelectedIncident(store.getState())).toBeNull();
  });
});

describe('keyboard selection', () => {
  it('moves from the effective selection and stops at the ends', async () => {
    const three = ['1', '2', '3'].map((externalId) => incident({ externalId }));
    const { store } = await startedStore(appState({ incidents: three }));
    expect(store.getState().moveSelection(1)).toBe('drill:2');
    expect(store.getState().moveSelection(5)).toBe('drill:3');
    expect(store.getState().moveSelection(-Infinity)).toBe('drill:1');
    expect(store.getState().moveSelection(-1)).toBe('drill:1');
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:1');
  });

  it('does nothing on an empty list', () => {
    const store = createAppStore(fakeBridge().api, fakeAudio());
    expect(store.getState().moveSelection(1)).toBeNull();
  });
});

describe('incident actions', () => {
  it('is in flight from the click until the outbox has written the action down', async () => {
    const { store, api } = await startedStore();
    let answer!: (value: { actionId: string }) => void;
    api.ack.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const queued = store.getState().ack('drill:1');
    expect(api.ack).toHaveBeenCalledWith({ key: 'drill:1' });
    expect(selectBusyActionTypes('drill:1')(store.getState())).toEqual(['ack']);
    answer({ actionId: 'a1' });
    await expect(queued).resolves.toBe(true);
    expect(selectBusyActionTypes('drill:1')(store.getState())).toEqual([]);
  });

  it('sends resolve through its own command and every other action through act', async () => {
    const { store, api } = await startedStore();
    await store.getState().resolve('drill:1');
    expect(api.resolve).toHaveBeenCalledWith({ key: 'drill:1' });
    const snooze = { type: 'snooze' as const, minutes: 60 };
    await expect(store.getState().act('drill:1', snooze)).resolves.toBe(true);
    expect(api.act).toHaveBeenCalledWith({ key: 'drill:1', action: snooze });
    await store.getState().act('drill:1', { type: 'ack' });
    expect(api.ack).toHaveBeenCalledWith({ key: 'drill:1' });
    expect(api.act).toHaveBeenCalledTimes(1);
    // The ack command carries no note: an ack with one goes through act, note and all.
    const withNote = { type: 'ack' as const, note: 'on it' };
    await store.getState().act('drill:1', withNote);
    expect(api.act).toHaveBeenLastCalledWith({ key: 'drill:1', action: withNote });
    expect(api.ack).toHaveBeenCalledTimes(1);
  });

  it("stays busy while the main side's outbox holds the action", async () => {
    const { store } = await startedStore(
      appState({
        actions: [
          actionView({ id: 'x', action: { type: 'resolve' } }),
          actionView({ id: 'y', action: { type: 'note', text: 'hi' }, state: 'failed' }),
        ],
      }),
    );
    expect(selectBusyActionTypes('drill:1')(store.getState())).toEqual(['resolve']);
    expect(selectBusyActionTypes('drill:2')(store.getState())).toEqual([]);
  });

  it('records an action the outbox refused to queue, and clears it on the next attempt', async () => {
    const { store, api } = await startedStore();
    api.act.mockRejectedValueOnce(new Error('invalid act request: ✖ Too small'));
    await expect(store.getState().act('drill:1', { type: 'note', text: 'x' })).resolves.toBe(false);
    expect(selectActionError('drill:1')(store.getState())).toBe('invalid act request: ✖ Too small');
    expect(selectActionError('drill:2')(store.getState())).toBeNull();
    expect(selectBusyActionTypes('drill:1')(store.getState())).toEqual([]);
    await store.getState().act('drill:1', { type: 'note', text: 'x' });
    expect(selectActionError('drill:1')(store.getState())).toBeNull();
  });

  it('retries and dismisses by action id; a failure lands in commandError', async () => {
    const { store, api } = await startedStore();
    await store.getState().retryAction('a1');
    expect(api.retryAction).toHaveBeenCalledWith({ id: 'a1' });
    await store.getState().dismissAction('a1');
    expect(api.dismissAction).toHaveBeenCalledWith({ id: 'a1' });
    expect(store.getState().commandError).toBeNull();
    api.retryAction.mockRejectedValueOnce(new Error('unknown action a9'));
    await store.getState().retryAction('a9');
    expect(store.getState().commandError).toBe('unknown action a9');
    api.dismissAction.mockRejectedValueOnce(new Error('connection lost'));
    await store.getState().dismissAction('a9');
    expect(store.getState().commandError).toBe('connection lost');
  });

  it('shows refresh and dismiss failures as a dismissible command error', async () => {
    const { store, api } = await startedStore();
    api.refresh.mockRejectedValueOnce(new Error('timed out'));
    await store.getState().refresh();
    expect(store.getState().commandError).toBe('timed out');
    store.getState().clearCommandError();
    await store.getState().dismissNotice('n1');
    expect(api.dismissNotice).toHaveBeenCalledWith({ id: 'n1' });
    expect(store.getState().commandError).toBeNull();
  });
});

describe('outbox', () => {
  const open = [incident({ externalId: '1' }), incident({ externalId: '2' })];

  it("lists an incident's actions and flags its row, failed over pending", async () => {
    const { store } = await startedStore(
      appState({
        incidents: open,
        actions: [
          actionView({ id: 'a', incidentKey: 'drill:2' }),
          actionView({ id: 'b', incidentKey: 'drill:2', state: 'failed' }),
          actionView({ id: 'c', incidentKey: 'drill:1', state: 'done' }),
        ],
      }),
    );
    expect(selectIncidentActions('drill:2')(store.getState()).map((a) => a.id)).toEqual(['a', 'b']);
    expect(selectOutboxState('drill:2')(store.getState())).toBe('failed');
    expect(selectOutboxState('drill:1')(store.getState())).toBeNull();
  });

  it('keeps undelivered actions of incidents that left the list', async () => {
    const { store } = await startedStore(
      appState({
        incidents: [open[0]!, incident({ externalId: 'gone', status: 'resolved' })],
        actions: [
          actionView({ id: 'a', incidentKey: 'drill:1' }),
          actionView({ id: 'b', incidentKey: 'drill:gone', action: { type: 'resolve' } }),
          actionView({ id: 'c', incidentKey: 'drill:old', state: 'done' }),
        ],
      }),
    );
    expect(selectOrphanActions(store.getState()).map((a) => a.id)).toEqual(['b']);
  });

  it('opens the incident whose action needs attention, from any page', async () => {
    const { store } = await startedStore(
      appState({
        incidents: open,
        actions: [
          actionView({ id: 'p', incidentKey: 'drill:1' }),
          actionView({ id: 'f', incidentKey: 'drill:2', state: 'failed' }),
        ],
      }),
    );
    store.getState().showPage('schedule');
    store.getState().openOutbox();
    expect(store.getState().page).toBe('incidents');
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:2');
  });

  it('keeps the selection when the only actions are for closed incidents', async () => {
    const { store } = await startedStore(
      appState({ incidents: open, actions: [actionView({ id: 'x', incidentKey: 'drill:gone' })] }),
    );
    store.getState().selectIncident('drill:2');
    store.getState().showPage('settings');
    store.getState().openOutbox();
    expect(store.getState().page).toBe('incidents');
    expect(store.getState().selectedKey).toBe('drill:2');
  });
});

describe('settings actions', () => {
  const request = {
    config: {
      kind: 'alertmanager' as const,
      id: 'prod',
      name: 'Prod',
      baseUrl: 'http://am:9093',
      auth: { type: 'bearer' as const },
    },
    secrets: { token: 'super-secret-token' },
  };

  it('adds or edits through the matching command, and never keeps the secret', async () => {
    const { store, api } = await startedStore();
    await expect(store.getState().saveSource('add', request)).resolves.toEqual({
      ok: true,
      value: { id: 'prod' },
    });
    await store.getState().saveSource('edit', request);
    expect(api.addSource).toHaveBeenCalledWith(request);
    expect(api.editSource).toHaveBeenCalledWith(request);
    expect(JSON.stringify(store.getState())).not.toContain('super-secret-token');
  });

  it("returns the main side's error instead of throwing", async () => {
    const { store, api } = await startedStore();
    api.addSource.mockRejectedValueOnce(new Error('✖ a name is required\n  → at config.name'));
    await expect(store.getState().saveSource('add', request)).resolves.toEqual({
      ok: false,
      error: '✖ a name is required\n  → at config.name',
    });
    api.removeSource.mockRejectedValueOnce('plain string');
    await expect(store.getState().removeSource('prod')).resolves.toEqual({
      ok: false,
      error: 'plain string',
    });
  });

  it('tests a connection and updates the responder name', async () => {
    const { store, api } = await startedStore();
    await expect(store.getState().testSource(request)).resolves.toEqual({
      ok: true,
      value: { ok: true, summary: 'Alertmanager 0.28, 3 alerts' },
    });
    await expect(store.getState().updateResponderName('Sam')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(api.updateSettings).toHaveBeenCalledWith({ responderName: 'Sam' });
  });
});

describe('ui and lookups', () => {
  it('switches pages', () => {
    const store = createAppStore(fakeBridge().api, fakeAudio());
    expect(store.getState().page).toBe('incidents');
    store.getState().showPage('settings');
    expect(store.getState().page).toBe('settings');
  });

  it('names a source from its status, its settings, or its id', async () => {
    const { store } = await startedStore(
      appState({
        sources: [
          {
            id: 'drill',
            name: 'Drill',
            kind: 'drill',
            health: 'ok',
            consecutiveFailures: 0,
            polling: false,
          },
        ],
        settings: {
          responderName: 'Dana',
          alarmSound: 'pulse',
          fastLane: 'on-call',
          shiftReminderLeadMinutes: 30,
          drillIsDefault: false,
          statusPages: [],
          sources: [
            {
              config: {
                kind: 'alertmanager',
                id: 'prod',
                name: 'Prod AM',
                baseUrl: 'http://am:9093',
                auth: { type: 'none' },
                ackSilenceMinutes: 60,
                pollIntervalSeconds: 30,
                timeoutSeconds: 10,
              },
              secretsConfigured: { password: false, token: false },
            },
          ],
        },
      }),
    );
    expect(selectSourceName('drill')(store.getState())).toBe('Drill');
    expect(selectSourceName('prod')(store.getState())).toBe('Prod AM');
    expect(selectSourceName('gone')(store.getState())).toBe('gone');
  });
});
