/**
 * How the browser host carries the contract over one WebSocket at `/api/ws?token=…`.
 * On connect the server sends a `stateChanged` event with the full state.
 */
import type { CommandName } from './ipc-contract.js';
import type { AppState } from './app-state.js';

export type WebClientMessage = { type: 'command'; id: number; name: CommandName; payload: unknown };

export type WebServerMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'event'; name: 'stateChanged'; payload: AppState }
  | { type: 'event'; name: 'selectIncident'; payload: { key: string } };

export const webSocketPath = '/api/ws';
export const tokenParam = 'token';
