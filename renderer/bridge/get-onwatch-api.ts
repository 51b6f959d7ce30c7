import type { PreloadApi } from '../../electron/common/contract/ipc-protocol.js';
import type { OnwatchBridge } from './connection.js';
import { createIpcApi } from './ipc-api.js';
import { createWebSocketApi } from './web-socket-api.js';
import { webSocketUrl } from './web-socket-url.js';

let bridge: OnwatchBridge | undefined;

/**
 * Electron IPC through the preload's `window.onwatch` when there is one; otherwise (the browser
 * host) a WebSocket client with the same shape. One per page.
 */
export function getOnwatchApi(): OnwatchBridge {
  const preload = (window as Window & { onwatch?: PreloadApi }).onwatch;
  bridge ??= preload
    ? createIpcApi(preload)
    : createWebSocketApi({ url: webSocketUrl(window.location), WebSocket: window.WebSocket });
  return bridge;
}
