import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import {
  commandNames,
  eventNames,
  subscriptionName,
} from '../../../electron/common/contract/ipc-contract.js';
import {
  createWebSocketApi,
  defaultReconnectDelayMs,
  type WebSocketApi,
} from '../../../renderer/bridge/web-socket-api.js';
import { webSocketUrl } from '../../../renderer/bridge/web-socket-url.js';
import { FakeWebSocket } from './fake-web-socket.js';
import { appState } from './fixtures.js';

const url = 'ws://127.0.0.1:4321/api/ws?token=t0k';
const latest = () => FakeWebSocket.instances.at(-1)!;

let api: WebSocketApi;
let delays: number[];

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
  delays = [];
  api = createWebSocketApi({
    url,
    WebSocket: FakeWebSocket,
    reconnectDelayMs: (attempt) => {
      delays.push(attempt);
      return 1000 * (attempt + 1);
    },
  });
});

afterEach(() => {
  api.close();
  vi.useRealTimers();
});

/** Resolves to what `promise` rejected with, so a test can look at the whole error. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );

describe('createWebSocketApi', () => {
  it("has exactly the contract's commands and a subscription per event, beside its connection", () => {
    const contract = [...commandNames, ...eventNames.map(subscriptionName)];
    const own = ['connection', 'onConnectionChanged', 'close'];
    expect(Object.keys(api).sort()).toEqual([...contract, ...own].sort());
    for (const name of contract) expect(typeof api[name]).toBe('function');
  });

  it('sends every command under its own name', () => {
    latest().open();
    for (const name of commandNames) {
      const call = api[name] as (request: unknown) => Promise<unknown>;
      call({ probe: name }).catch(() => {});
    }
    expect(latest().sent.map((m) => [m.name, m.payload])).toEqual(
      commandNames.map((name) => [name, { probe: name }]),
    );
  });

  it('connects to the given URL and reports when the socket opens', () => {
    const statuses: string[] = [];
    api.onConnectionChanged((s) => statuses.push(s));
    expect(latest().url).toBe(url);
    expect(api.connection).toBe('connecting');
    latest().open();
    expect(api.connection).toBe('open');
    expect(statuses).toEqual(['open']);
  });

  it('queues commands until the socket is open, then sends them in order', () => {
    // Left unanswered; afterEach's close() rejects them.
    api.ack({ key: 'drill:1' }).catch(() => {});
    api.refresh({}).catch(() => {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([
      { type: 'command', id: 1, name: 'ack', payload: { key: 'drill:1' } },
      { type: 'command', id: 2, name: 'refresh', payload: {} },
    ]);
  });

  it('matches results to requests by id, in any order', async () => {
    latest().open();
    const state = api.getState({});
    const test = api.testSource({
      config: { kind: 'drill', id: 'drill', name: 'Drill' },
    });
    const [first, second] = latest().sent;
    latest().reply({
      type: 'result',
      id: second!.id,
      ok: true,
      result: { ok: true, summary: 'fine' },
    });
    const snapshot = { seq: 3, state: appState() };
    latest().reply({ type: 'result', id: first!.id, ok: true, result: snapshot });
    await expect(test).resolves.toEqual({ ok: true, summary: 'fine' });
    await expect(state).resolves.toEqual(snapshot);
  });

  it("rejects with a CommandError made from the server's error data", async () => {
    latest().open();
    const ack = api.ack({ key: '' });
    const error = {
      code: 'invalid-request' as const,
      message: 'Invalid ack request (key: Too small)',
      issues: [{ path: ['key'], message: 'Too small' }],
    };
    latest().reply({ type: 'result', id: latest().sent[0]!.id, ok: false, error });
    const thrown = await rejection(ack);
    expect(thrown).toBeInstanceOf(CommandError);
    expect((thrown as CommandError).toData()).toEqual(error);
  });

  it('times a command out after 15 s with code timeout, and ignores a late answer', async () => {
    latest().open();
    const ack = rejection(api.ack({ key: 'drill:1' }));
    vi.advanceTimersByTime(15_000);
    expect(await ack).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not answer ack within 15 s/),
    });
    expect(() =>
      latest().reply({ type: 'result', id: latest().sent[0]!.id, ok: true, result: {} }),
    ).not.toThrow();
  });

  it('times out a command still queued behind a closed socket', async () => {
    const refresh = api.refresh({});
    const assertion = expect(refresh).rejects.toThrow(/did not answer refresh/);
    vi.advanceTimersByTime(15_000);
    await assertion;
    latest().open();
    expect(latest().sent).toEqual([]);
  });

  it('delivers snapshots and changes to every listener until they unsubscribe', () => {
    const a = vi.fn();
    const b = vi.fn();
    const changes = vi.fn();
    api.onStateSnapshot(a);
    const stopB = api.onStateSnapshot(b);
    api.onStateChange(changes);
    latest().open();
    const state = appState({ notices: [{ id: 'n', level: 'info', message: 'hi', at: 'now' }] });
    latest().reply({ type: 'event', name: 'stateSnapshot', payload: { seq: 4, state } });
    stopB();
    latest().reply({
      type: 'event',
      name: 'stateSnapshot',
      payload: { seq: 5, state: appState() },
    });
    latest().reply({ type: 'event', name: 'stateChange', payload: { seq: 6, notices: [] } });
    expect(a).toHaveBeenCalledTimes(2);
    expect(a).toHaveBeenNthCalledWith(1, { seq: 4, state });
    expect(b).toHaveBeenCalledTimes(1);
    expect(changes).toHaveBeenCalledExactlyOnceWith({ seq: 6, notices: [] });
  });

  it('ignores frames that are not protocol messages, and events that fail the contract', () => {
    const listener = vi.fn();
    api.onStateSnapshot(listener);
    api.onStateChange(listener);
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().onmessage?.({ data: 'null' });
    latest().onmessage?.({ data: new ArrayBuffer(2) });
    latest().onmessage?.({ data: JSON.stringify({ type: 'event', name: 'other' }) });
    const raw = (message: unknown) => latest().onmessage?.({ data: JSON.stringify(message) });
    raw({ type: 'event', name: 'stateSnapshot', payload: { seq: 1, state: { incidents: 'x' } } });
    raw({ type: 'event', name: 'stateChange', payload: { seq: 0 } });
    expect(listener).not.toHaveBeenCalled();
  });

  it('delivers selectIncident keys, and survives event names it does not know', () => {
    const listener = vi.fn();
    const stop = api.onSelectIncident(listener);
    latest().open();
    const raw = (message: unknown) => latest().onmessage?.({ data: JSON.stringify(message) });
    expect(() => {
      raw({ type: 'event', name: 'fromTheFuture', payload: { key: 'drill:1' } });
      raw({ type: 'event', name: 'selectIncident', payload: { key: 42 } });
      raw({ type: 'event', name: 'selectIncident' });
    }).not.toThrow();
    latest().reply({ type: 'event', name: 'selectIncident', payload: { key: 'drill:2' } });
    stop();
    latest().reply({ type: 'event', name: 'selectIncident', payload: { key: 'drill:3' } });
    expect(listener.mock.calls).toEqual([[{ key: 'drill:2' }]]);
  });

  it('fails commands in flight on disconnect, then reconnects with growing backoff', async () => {
    const statuses: string[] = [];
    api.onConnectionChanged((s) => statuses.push(s));
    const first = latest();
    first.open();
    const ack = rejection(api.ack({ key: 'drill:1' }));
    first.drop();
    expect(await ack).toMatchObject({
      code: 'disconnected',
      message: 'Lost the connection to Onwatch during ack',
    });
    expect(api.connection).toBe('reconnecting');

    vi.advanceTimersByTime(999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    latest().drop(); // the second attempt fails too
    vi.advanceTimersByTime(2000);
    expect(FakeWebSocket.instances).toHaveLength(3);
    expect(delays).toEqual([0, 1]);

    const refresh = api.refresh({}); // made while down: waits for the new socket
    latest().open();
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
    expect(latest().sent).toMatchObject([{ name: 'refresh' }]);
    latest().reply({ type: 'result', id: latest().sent[0]!.id, ok: true, result: {} });
    await expect(refresh).resolves.toEqual({});

    latest().drop(); // after a success the backoff starts over
    expect(delays).toEqual([0, 1, 0]);
  });

  it('ignores events from a socket it has already replaced', () => {
    const listener = vi.fn();
    api.onStateSnapshot(listener);
    const old = latest();
    old.open();
    old.drop();
    vi.advanceTimersByTime(1000);
    old.reply({ type: 'event', name: 'stateSnapshot', payload: { seq: 1, state: appState() } });
    old.drop();
    expect(listener).not.toHaveBeenCalled();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('retries when the constructor itself throws', () => {
    let calls = 0;
    class Refusing extends FakeWebSocket {
      constructor(u: string) {
        if (calls++ === 0) throw new SyntaxError('bad url');
        super(u);
      }
    }
    FakeWebSocket.instances = [];
    const other = createWebSocketApi({ url, WebSocket: Refusing, reconnectDelayMs: () => 10 });
    expect(other.connection).toBe('reconnecting');
    vi.advanceTimersByTime(10);
    expect(FakeWebSocket.instances).toHaveLength(1);
    other.close();
  });

  it('stops for good on close() and rejects what was pending', async () => {
    latest().open();
    const ack = rejection(api.ack({ key: 'drill:1' }));
    api.close();
    expect(await ack).toMatchObject({
      code: 'disconnected',
      message: expect.stringMatching(/closed/),
    });
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(await rejection(api.refresh({}))).toBeInstanceOf(CommandError);
  });
});

describe('defaultReconnectDelayMs', () => {
  it('doubles from 0.5 s, caps at 10 s, and jitters within the upper half', () => {
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValue(1);
    expect([0, 1, 2, 5, 30].map(defaultReconnectDelayMs)).toEqual([
      500, 1000, 2000, 10_000, 10_000,
    ]);
    random.mockReturnValue(0);
    expect(defaultReconnectDelayMs(0)).toBe(250);
    random.mockRestore();
  });
});

describe('webSocketUrl', () => {
  it('uses the page host and carries the token', () => {
    expect(
      webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb&x=1' }),
    ).toBe('ws://127.0.0.1:4321/api/ws?token=a%2Bb');
  });

  it('uses wss on https and survives a missing token', () => {
    expect(webSocketUrl({ protocol: 'https:', host: 'h', search: '' })).toBe(
      'wss://h/api/ws?token=',
    );
  });
});
