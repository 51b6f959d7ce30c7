import type { OnwatchApi } from '../../electron/common/contract/ipc-contract.js';
import type { OnwatchBridge } from './connection.js';
import { createWebSocketApi } from './web-socket-api.js';
import { webSocketUrl } from './web-socket-url.js';

let bridge: OnwatchBridge | undefined;

/**
 * The Electron preload's `window.onwatch` when there is one; otherwise (the browser host) a
 * WebSocket client with the same shape. One per page.
 */
export function getOnwatchApi(): OnwatchBridge {
  bridge ??=
    (window as Window & { onwatch?: OnwatchApi }).onwatch ??
    createWebSocketApi({ url: webSocketUrl(window.location), WebSocket: window.WebSocket });
  return bridge;
}
