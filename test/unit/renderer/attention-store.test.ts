import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import { createWebSocketApi } from '../../../renderer/bridge/web-socket-api.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import {
  selectAlarmIsLoud,
  selectSelectedIncident,
  selectSilencedUntil,
  selectStage,
  selectTakeoverKey,
} from '../../../renderer/store/selectors.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';
import { FakeWebSocket } from './fake-web-socket.js';
import { appState, incident, stage } from './fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const incidents = [incident({ externalId: '1' }), incident({ externalId: '2' })];

type Alarm = AppState['attention']['alarm'];
const withAttention = (attention: Partial<AppState['attention']>) =>
  appState({
    incidents,
    attention: { stages: {}, ring: {}, alarm: null, takeover: null, ...attention },
  });
const ringing = (ring: number, overrides: Partial<NonNullable<Alarm>> = {}) =>
  withAttention({
    alarm: {
      incidentKey: 'drill:1',
      ring,
      volume: ring / 10,
      sound: 'chime',
      ...overrides,
    },
  });

async function startedStore(initial = appState({ incidents })) {
  const bridge = fakeBridge(initial);
  const audio = fakeAudio();
  const store = createAppStore(bridge.api, audio);
  const stop = store.getState().start();
  await flush();
  return { ...bridge, audio, store, stop };
}

describe('selectIncident events', () => {
  afterEach(() => {
    FakeWebSocket.instances = [];
  });

  it('travel from the WebSocket into the store: incidents page, that incident selected', async () => {
    const api = createWebSocketApi({ url: 'ws://127.0.0.1:1/api/ws', WebSocket: FakeWebSocket });
    const store = createAppStore(api, fakeAudio());
    const stop = store.getState().start();
    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    const snapshot = { seq: 1, state: appState({ incidents }) };
    socket.reply({ type: 'event', name: 'stateSnapshot', payload: snapshot });
    store.getState().showPage('settings');

    socket.reply({ type: 'event', name: 'selectIncident', payload: { key: 'drill:2' } });
    expect(store.getState().page).toBe('incidents');
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:2');

    stop();
    socket.reply({ type: 'event', name: 'selectIncident', payload: { key: 'drill:1' } });
    expect(store.getState().selectedKey).toBe('drill:2');
    api.close();
  });

  it('are unsubscribed with the rest on stop', async () => {
    const { store, emitSelect, stop, listenerCount } = await startedStore();
    emitSelect('drill:2');
    expect(store.getState().selectedKey).toBe('drill:2');
    stop();
    expect(listenerCount()).toBe(0);
  });
});

describe('attention commands', () => {
  it('silences for the minutes asked and unsilences', async () => {
    const { store, api } = await startedStore();
    await store.getState().silenceAlarm(5);
    expect(api.silenceAlarm).toHaveBeenCalledWith({ minutes: 5 });
    await store.getState().unsilenceAlarm();
    expect(api.unsilenceAlarm).toHaveBeenCalledWith({});
    expect(store.getState().commandError).toBeNull();
  });

  it('shows a failed silence as a command error', async () => {
    const { store, api } = await startedStore();
    api.silenceAlarm.mockRejectedValueOnce(new Error('Lost the connection'));
    await store.getState().silenceAlarm(5);
    expect(store.getState().commandError).toBe('Lost the connection');
  });

  it('sends a test page and shows it, even before it reaches the list', async () => {
    const { store, api, emitState } = await startedStore();
    store.getState().showPage('settings');
    await expect(store.getState().sendTestPage()).resolves.toEqual({
      ok: true,
      value: { key: 'drill:test' },
    });
    expect(api.sendTestPage).toHaveBeenCalledWith({});
    expect(store.getState().page).toBe('incidents');
    emitState(appState({ incidents: [...incidents, incident({ externalId: 'test' })] }));
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:test');
  });

  it('stays on settings with the error when the test page fails', async () => {
    const { store, api } = await startedStore();
    store.getState().showPage('settings');
    api.sendTestPage.mockRejectedValueOnce(new Error('drill is busy'));
    await expect(store.getState().sendTestPage()).resolves.toEqual({
      ok: false,
      error: 'drill is busy',
    });
    expect(store.getState().page).toBe('settings');
  });

  it('saves the alarm sound through updateSettings', async () => {
    const { store, api } = await startedStore();
    await expect(store.getState().updateAlarmSound('klaxon')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(api.updateSettings).toHaveBeenCalledWith({ alarmSound: 'klaxon' });
    api.updateSettings.mockRejectedValueOnce(new Error('invalid updateSettings request'));
    await expect(store.getState().updateAlarmSound('chime')).resolves.toEqual({
      ok: false,
      error: 'invalid updateSettings request',
    });
  });

  it('saves the ack shortcut through updateSettings and reports a refusal', async () => {
    const { store, api } = await startedStore();
    await expect(store.getState().updateAckShortcut('Alt+Shift+K')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(api.updateSettings).toHaveBeenCalledWith({ ackShortcut: 'Alt+Shift+K' });
    api.updateSettings.mockRejectedValueOnce(new Error('invalid updateSettings request'));
    await expect(store.getState().updateAckShortcut('')).resolves.toMatchObject({ ok: false });
  });

  it('plays a test sound once at full volume without touching the alarm', async () => {
    const { store, audio } = await startedStore();
    await expect(store.getState().playTestSound('klaxon')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(audio.play).toHaveBeenCalledWith('klaxon', 1);
    expect(store.getState().alarmPlayer).toEqual({ state: 'idle', heard: null });
  });
});

describe('the alarm player', () => {
  it('plays each new ring once, at its volume, and stops when the alarm ends', async () => {
    const { store, audio, emitState } = await startedStore();
    emitState(ringing(1));
    await flush();
    expect(audio.play).toHaveBeenLastCalledWith('chime', 0.1);
    expect(store.getState().alarmPlayer.state).toBe('playing');

    emitState(ringing(1)); // the same ring pushed again: no replay
    emitState(ringing(2));
    await flush();
    expect(audio.play.mock.calls).toEqual([
      ['chime', 0.1],
      ['chime', 0.2],
    ]);
    expect(store.getState().alarmPlayer.heard?.ring).toBe(2);

    emitState(withAttention({}));
    expect(audio.stop).toHaveBeenCalledTimes(1);
    expect(store.getState().alarmPlayer).toEqual({ state: 'idle', heard: null });
    emitState(withAttention({}));
    expect(audio.stop).toHaveBeenCalledTimes(1);
  });

  it('plays the first state it sees when an alarm is already ringing', async () => {
    const { audio, store } = await startedStore(ringing(3));
    expect(audio.play).toHaveBeenCalledWith('chime', 0.3);
    expect(store.getState().alarmPlayer.heard).toMatchObject({ incidentKey: 'drill:1', ring: 3 });
  });

  it('waits for a click when the browser blocks autoplay, then retries once', async () => {
    const { store, audio, emitState } = await startedStore();
    audio.play.mockRejectedValueOnce(new DOMException('user did not interact', 'NotAllowedError'));
    emitState(ringing(1));
    await flush();
    expect(store.getState().alarmPlayer.state).toBe('blocked');

    store.getState().retryAlarm();
    await flush();
    expect(audio.play).toHaveBeenCalledTimes(2);
    expect(audio.play).toHaveBeenLastCalledWith('chime', 0.1);
    expect(store.getState().alarmPlayer.state).toBe('playing');
    store.getState().retryAlarm(); // not blocked any more: nothing to retry
    expect(audio.play).toHaveBeenCalledTimes(2);
  });

  it('forgets a blocked ring once the alarm ends', async () => {
    const { store, audio, emitState } = await startedStore();
    audio.play.mockRejectedValueOnce(new DOMException('no gesture', 'NotAllowedError'));
    emitState(ringing(1));
    await flush();
    emitState(withAttention({ silencedUntil: '2025-03-01T12:05:00.000Z' }));
    expect(store.getState().alarmPlayer.state).toBe('idle');
    store.getState().retryAlarm();
    expect(audio.play).toHaveBeenCalledTimes(1);
  });

  it('ignores the answer to a play that a stop overtook', async () => {
    const { store, audio, emitState } = await startedStore();
    let refuse!: (error: unknown) => void;
    audio.play.mockReturnValueOnce(new Promise((_, reject) => (refuse = reject)));
    emitState(ringing(1));
    emitState(withAttention({}));
    refuse(new DOMException('no gesture', 'NotAllowedError'));
    await flush();
    expect(store.getState().alarmPlayer.state).toBe('idle');
  });

  it('says so when the sound itself cannot play', async () => {
    const { store, audio, emitState } = await startedStore();
    audio.play.mockRejectedValueOnce(new DOMException('no supported source', 'NotSupportedError'));
    emitState(ringing(1));
    await flush();
    expect(store.getState().alarmPlayer.state).toBe('idle');
    expect(store.getState().commandError).toBe(
      'Onwatch could not play the alarm sound: no supported source',
    );
  });
});

describe('attention selectors', () => {
  it('reads stages, loudness and the silence', async () => {
    const { store, emitState } = await startedStore();
    expect(selectAlarmIsLoud(store.getState())).toBe(false);
    emitState(withAttention({ stages: { 'drill:1': stage({ stage: 'notified' }) } }));
    expect(selectStage('drill:1')(store.getState())?.stage).toBe('notified');
    expect(selectStage('drill:2')(store.getState())).toBeNull();
    expect(selectAlarmIsLoud(store.getState())).toBe(false);
    emitState(withAttention({ stages: { 'drill:1': stage({ stage: 'repeating' }) } }));
    expect(selectAlarmIsLoud(store.getState())).toBe(true);
    emitState(withAttention({ silencedUntil: '2025-03-01T12:05:00.000Z' }));
    expect(selectSilencedUntil(store.getState())).toBe('2025-03-01T12:05:00.000Z');
  });

  it('covers the screen for a takeover until it ends, or until "Open incident"', async () => {
    const { store, emitState } = await startedStore();
    emitState(withAttention({ takeover: 'drill:2' }));
    expect(selectTakeoverKey(store.getState())).toBe('drill:2');

    store.getState().showPage('schedule');
    store.getState().openTakeoverIncident();
    expect(selectTakeoverKey(store.getState())).toBeNull();
    expect(store.getState().page).toBe('incidents');
    expect(selectSelectedIncident(store.getState())?.key).toBe('drill:2');
    emitState(withAttention({ takeover: 'drill:2' }));
    expect(selectTakeoverKey(store.getState())).toBeNull();

    // Once that takeover ends, the next one (even of the same incident) covers the screen again.
    emitState(withAttention({}));
    emitState(withAttention({ takeover: 'drill:2' }));
    expect(selectTakeoverKey(store.getState())).toBe('drill:2');
  });

  it('covers the screen for the next page waiting once a takeover is acknowledged', async () => {
    const { store, emitState } = await startedStore();
    emitState(withAttention({ takeover: 'drill:1' }));
    store.getState().openTakeoverIncident();
    expect(selectTakeoverKey(store.getState())).toBeNull();

    emitState(withAttention({ takeover: 'drill:2' }));
    expect(selectTakeoverKey(store.getState())).toBe('drill:2');
  });
});
