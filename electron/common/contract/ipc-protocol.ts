/**
 * How Electron IPC carries the contract: one invoke channel per command, one channel per event,
 * and replies as plain data. The preload puts `PreloadApi` on window.onwatch; the renderer's
 * IPC client turns it into the OnwatchApi.
 */
import type { CommandErrorData } from './command-error.js';
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  EventName,
  EventSubscriptions,
} from './ipc-contract.js';

export const ipcChannel = {
  command: (name: CommandName) => `onwatch:${name}`,
  event: (name: EventName) => `onwatch:event:${name}`,
};

/** The contract's names, which the preload build writes into the preload bundle. */
export interface ContractNames {
  commands: readonly CommandName[];
  // `method` is the window.onwatch function that subscribes to the event.
  events: readonly { name: EventName; method: string }[];
}

/**
 * What a command channel answers. A failure is data, not a rejection: Electron would wrap a
 * rejected invoke in its own text, and contextBridge copies a thrown error as its message alone.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: CommandErrorData };

/** `window.onwatch` in Electron: a function per command that resolves to its reply, and the subscriptions. */
export type PreloadApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<IpcReply<CommandResponse<K>>>;
} & EventSubscriptions;
