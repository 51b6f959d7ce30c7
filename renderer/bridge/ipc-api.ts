import { CommandError } from '../../electron/common/contract/command-error.js';
import {
  commandNames,
  eventNames,
  subscriptionName,
  type OnwatchApi,
} from '../../electron/common/contract/ipc-contract.js';
import type { IpcReply, PreloadApi } from '../../electron/common/contract/ipc-protocol.js';

/**
 * The preload's `window.onwatch` as the OnwatchApi. A failed reply becomes a CommandError here,
 * in the page's own world: thrown inside the preload, contextBridge would copy it as a plain
 * Error with the message alone, losing its code and issues.
 */
export function createIpcApi(preload: PreloadApi): OnwatchApi {
  const unwrap = (name: (typeof commandNames)[number]) => {
    const invoke = preload[name] as (request: unknown) => Promise<IpcReply>;
    return async (request: unknown) => {
      const reply = await invoke(request);
      if (!reply.ok) throw CommandError.fromData(reply.error);
      return reply.value;
    };
  };
  return Object.fromEntries([
    ...commandNames.map((name) => [name, unwrap(name)]),
    ...eventNames.map((name) => [subscriptionName(name), preload[subscriptionName(name)]]),
  ]) as OnwatchApi;
}
