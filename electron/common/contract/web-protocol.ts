/**
 * How the browser host carries the contract over one WebSocket at `/api/ws?token=…`. On
 * connect the server sends a `stateSnapshot` event, then a `stateChange` event per change.
 */
import type { CommandErrorData } from './command-error.js';
import type { CommandName, EventName, EventPayload } from './ipc-contract.js';

export type WebClientMessage = { type: 'command'; id: number; name: CommandName; payload: unknown };

type WebEventMessage = {
  [E in EventName]: { type: 'event'; name: E; payload: EventPayload<E> };
}[EventName];

export type WebServerMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: CommandErrorData }
  | WebEventMessage;

export const webSocketPath = '/api/ws';
export const tokenParam = 'token';
