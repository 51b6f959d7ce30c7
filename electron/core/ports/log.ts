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

/** Lines of one batch logged one by one; past this, the rest are counted in one line. */
const batchLines = 10;

/** One line of a batch; `kind` is what the rest are counted by ("new", "notified"). */
export interface BatchLine {
  kind: string;
  text: string;
}

/**
 * Logs a batch of lines (a poll's new incidents, say) without writing ten thousand of them in a
 * storm: the first few as they are, then one line counting the rest by kind.
 */
export function logBatch(log: Log, lines: readonly BatchLine[], prefix = ''): void {
  for (const { text } of lines.slice(0, batchLines)) log.info(`${prefix}${text}`);
  const rest = lines.slice(batchLines);
  if (rest.length === 0) return;
  const counts = new Map<string, number>();
  for (const { kind } of rest) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const counted = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  log.info(`${prefix}… and ${rest.length} more (${counted})`);
}
