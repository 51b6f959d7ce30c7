import type {
  CommandName,
  CommandRequest,
  CommandResponse,
} from '../../electron/common/contract/ipc-contract.js';
import type { AppState } from '../../electron/common/contract/app-state.js';
import type {
  WebClientMessage,
  WebServerMessage,
} from '../../electron/common/contract/web-protocol.js';
import type { ConnectionSource, ConnectionStatus, OnwatchBridge } from './connection.js';

/** The part of the browser's WebSocket the client uses, so tests can pass a fake. */
export interface WebSocketLike {
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
  reject: (error: Error) => void;
};

const baseReconnectDelayMs = 500;
const maxReconnectDelayMs = 10_000;

/** Doubling, capped, with jitter so several windows don't reconnect in lockstep. */
export function defaultReconnectDelayMs(attempt: number): number {
  const capped = Math.min(maxReconnectDelayMs, baseReconnectDelayMs * 2 ** attempt);
  return capped / 2 + (capped / 2) * Math.random();
}

/**
 * The contract over the browser host's WebSocket. Commands made while the socket is down wait
 * for it (until their timeout); commands already sent fail when it drops, because their answer
 * can no longer arrive.
 */
export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const {
    url,
    WebSocket: Socket,
    commandTimeoutMs = 15_000,
    reconnectDelayMs = defaultReconnectDelayMs,
  } = options;
  const pending = new Map<number, PendingCommand>();
  const stateListeners = new Set<(state: AppState) => void>();
  const selectListeners = new Set<(key: string) => void>();
  const connectionListeners = new Set<(status: ConnectionStatus) => void>();
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
    for (const listener of connectionListeners) listener(next);
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
        if (command.sent)
          settle(id)?.reject(new Error(`Lost the connection to Onwatch during ${command.name}`));
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
    // A newer host may send events this page does not know yet: ignore them, never throw.
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'result') {
      const command = settle(message.id);
      if (!command) return;
      if (message.ok) command.resolve(message.result);
      else command.reject(new Error(message.error));
    } else if (message.type === 'event' && message.name === 'stateChanged') {
      for (const listener of stateListeners) listener(message.payload);
    } else if (message.type === 'event' && message.name === 'selectIncident') {
      const key: unknown = message.payload?.key;
      if (typeof key === 'string') for (const listener of selectListeners) listener(key);
    }
  }

  function call(name: CommandName, payload: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new Error('The Onwatch connection is closed'));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const frame: WebClientMessage = { type: 'command', id, name, payload: payload ?? {} };
      const timer = setTimeout(() => {
        settle(id)?.reject(
          new Error(`Onwatch did not answer ${name} within ${commandTimeoutMs / 1000} s`),
        );
      }, commandTimeoutMs);
      const command = { name, frame: JSON.stringify(frame), sent: false, timer, resolve, reject };
      pending.set(id, command);
      if (isOpen) send(command);
    });
  }

  const command =
    <K extends CommandName>(name: K) =>
    (request: CommandRequest<K>) =>
      call(name, request) as Promise<CommandResponse<K>>;

  connect();

  return {
    getState: command('getState'),
    ack: command('ack'),
    resolve: command('resolve'),
    act: command('act'),
    retryAction: command('retryAction'),
    dismissAction: command('dismissAction'),
    refresh: command('refresh'),
    addSource: command('addSource'),
    editSource: command('editSource'),
    removeSource: command('removeSource'),
    testSource: command('testSource'),
    updateSettings: command('updateSettings'),
    dismissNotice: command('dismissNotice'),
    silenceAlarm: command('silenceAlarm'),
    unsilenceAlarm: command('unsilenceAlarm'),
    sendTestPage: command('sendTestPage'),
    onStateChanged(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onSelectIncident(listener) {
      selectListeners.add(listener);
      return () => selectListeners.delete(listener);
    },
    get connection() {
      return status;
    },
    onConnectionChanged(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const ws = socket;
      socket = null;
      isOpen = false;
      ws?.close();
      for (const id of [...pending.keys()]) {
        settle(id)?.reject(new Error('The Onwatch connection is closed'));
      }
    },
  };
}
