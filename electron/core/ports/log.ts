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

/** How a batch's items are logged: `kind` is what the rest are counted by ("new", "notified"). */
export interface BatchLines<T> {
  kind(item: T): string;
  text(item: T): string;
}

/**
 * Logs a batch (a poll's new incidents, say) without writing ten thousand lines in a storm: the
 * first few as they are, then one line counting the rest by kind. Only those few are ever put
 * into words.
 */
export function logBatch<T>(
  log: Log,
  items: readonly T[],
  lines: BatchLines<T>,
  prefix = '',
): void {
  const shown = Math.min(items.length, batchLines);
  for (let index = 0; index < shown; index++) log.info(`${prefix}${lines.text(items[index]!)}`);
  if (items.length === shown) return;
  const counts = new Map<string, number>();
  for (let index = shown; index < items.length; index++) {
    const kind = lines.kind(items[index]!);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const counted = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  log.info(`${prefix}… and ${items.length - shown} more (${counted})`);
}
