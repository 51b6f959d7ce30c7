/** Where the core writes diagnostics. Messages must never contain a secret. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLog: Log = {
  info: (message) => console.log(`[onwatch] ${message}`),
  warn: (message) => console.warn(`[onwatch] ${message}`),
  error: (message) => console.error(`[onwatch] ${message}`),
};

export const silentLog: Log = { info() {}, warn() {}, error() {} };
