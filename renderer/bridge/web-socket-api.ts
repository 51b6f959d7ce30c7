import { CommandError } from '../../electron/common/contract/command-error.js';
import {
  commandNames,
  eventNames,
  events,
  isEventName,
  subscriptionName,
  type CommandName,
  type EventName,
  type OnwatchApi,
} from '../../electron/common/contract/ipc-contract.js';
import type {
  WebClientMessage,
  WebServerMessage,
} from '../../electron/common/contract/web-protocol.js';
import { createEmitter, type Emitter } from '../../electron/common/emitter.js';
import { formatWait } from '../../electron/common/time-format.js';
import type { ConnectionSource, ConnectionStatus, OnwatchBridge } from './connection.js';

/** The part of the browser's WebSocket the client uses, so tests can pass a fake. */
interface WebSocketLike {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type WebSocketApiOptions = {
  url: string;
  WebSocket: WebSocketConstructor;
  commandTimeoutMs?: number;
  /** Delay before reconnect attempt number `attempt` (0-based). */
  reconnectDelayMs?: (attempt: number) => number;
};

export type WebSocketApi = OnwatchBridge & ConnectionSource & { close(): void };

type PendingCommand = {
  name: CommandName;
  frame: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve: (result: unknown) => void;
  reject: (error: CommandError) => void;
};

const baseReconnectDelayMs = 500;
const maxReconnectDelayMs = 10_000;

/** Doubling, capped, with jitter so several windows don't reconnect in lockstep. */
export function defaultReconnectDelayMs(attempt: number): number {
  const capped = Math.min(maxReconnectDelayMs, baseReconnectDelayMs * 2 ** attempt);
  return capped / 2 + (capped / 2) * Math.random();
}

/**
 * The contract over the browser host's WebSocket, a method per command and a subscription per
 * event, generated from the contract's lists. Commands made while the socket is down wait for
 * it (until their timeout); commands already sent fail when it drops, because their answer can
 * no longer arrive. Every failure is a CommandError.
 */
export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const {
    url,
    WebSocket: Socket,
    commandTimeoutMs = 15_000,
    reconnectDelayMs = defaultReconnectDelayMs,
  } = options;
  const pending = new Map<number, PendingCommand>();
  const emitters = Object.fromEntries(
    eventNames.map((name) => [name, createEmitter<unknown>()]),
  ) as Record<EventName, Emitter<unknown>>;
  const connectionChanges = createEmitter<ConnectionStatus>();
  let socket: WebSocketLike | null = null;
  let isOpen = false;
  let status: ConnectionStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function setStatus(next: ConnectionStatus) {
    if (status === next) return;
    status = next;
    connectionChanges.emit(next);
  }

  function connect() {
    reconnectTimer = undefined;
    let ws: WebSocketLike;
    try {
      ws = new Socket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      isOpen = true;
      attempt = 0;
      setStatus('open');
      for (const command of pending.values()) if (!command.sent) send(command);
    };
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      isOpen = false;
      for (const [id, command] of pending) {
        if (!command.sent) continue;
        const message = `Lost the connection to Onwatch during ${command.name}`;
        settle(id)?.reject(new CommandError({ code: 'disconnected', message }));
      }
      if (!closed) scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    setStatus('reconnecting');
    reconnectTimer = setTimeout(connect, reconnectDelayMs(attempt++));
  }

  function send(command: PendingCommand) {
    try {
      socket?.send(command.frame);
      command.sent = true;
    } catch {
      // The socket is closing; the command stays queued for the next connection.
    }
  }

  function settle(id: number): PendingCommand | undefined {
    const command = pending.get(id);
    if (!command) return undefined;
    clearTimeout(command.timer);
    pending.delete(id);
    return command;
  }

  function receive(data: unknown) {
    if (typeof data !== 'string') return;
    let message: WebServerMessage | null;
    try {
      message = JSON.parse(data) as WebServerMessage | null;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'result') {
      const command = settle(message.id);
      if (!command) return;
      if (message.ok) command.resolve(message.result);
      else command.reject(CommandError.fromData(message.error));
    } else if (message.type === 'event') {
      deliver(message.name, message.payload);
    }
  }

  /**
   * Listeners get only payloads that pass the contract's schema: this page may outlive the host
   * that served it and meet a newer one, whose unknown events are ignored, never thrown on.
   */
  function deliver(name: unknown, payload: unknown) {
    if (!isEventName(name)) return;
    const parsed = events[name].safeParse(payload);
    if (parsed.success) emitters[name].emit(parsed.data);
  }

  function call(name: CommandName, payload: unknown): Promise<unknown> {
    if (closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const frame: WebClientMessage = { type: 'command', id, name, payload: payload ?? {} };
      const timer = setTimeout(() => {
        const message = `Onwatch did not answer ${name} within ${formatWait(commandTimeoutMs)}`;
        settle(id)?.reject(new CommandError({ code: 'timeout', message }));
      }, commandTimeoutMs);
      const command = { name, frame: JSON.stringify(frame), sent: false, timer, resolve, reject };
      pending.set(id, command);
      if (isOpen) send(command);
    });
  }

  const subscribe = (name: EventName) => (listener: (payload: unknown) => void) =>
    emitters[name].on(listener);
  const api = Object.fromEntries([
    ...commandNames.map((name) => [name, (request: unknown) => call(name, request)]),
    ...eventNames.map((name) => [subscriptionName(name), subscribe(name)]),
  ]) as OnwatchApi;

  connect();

  return {
    ...api,
    get connection() {
      return status;
    },
    onConnectionChanged: (listener: (status: ConnectionStatus) => void) =>
      connectionChanges.on(listener),
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const ws = socket;
      socket = null;
      isOpen = false;
      ws?.close();
      for (const id of [...pending.keys()]) settle(id)?.reject(closedError());
    },
  };
}

const closedError = () =>
  new CommandError({ code: 'disconnected', message: 'The Onwatch connection is closed' });
