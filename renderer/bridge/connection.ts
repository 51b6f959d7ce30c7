import type { OnwatchApi } from '../../electron/common/contract/ipc-contract.js';

/** Electron IPC is always "open"; only the browser host's WebSocket can drop and come back. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export type ConnectionSource = {
  readonly connection: ConnectionStatus;
  onConnectionChanged(listener: (status: ConnectionStatus) => void): () => void;
};

/** What the store talks to: the contract, plus a connection status when the transport has one. */
export type OnwatchBridge = OnwatchApi & Partial<ConnectionSource>;
