import { readFile } from 'node:fs/promises';
import { formatMs } from './socket-events.js';

/** Slower than this, a lookup hurts every request; below it, a gap is noise. */
const noticeableMs = 1000;
/** How many times slower the system lookup must be than the direct query to blame the system. */
const slowerBy = 10;

/**
 * Whether the system lookup (search domains and ndots applied) is so much slower than a direct
 * query of the same name as a fully qualified one that the difference is the resolver setup,
 * and the words that say so. `systemMs` undefined: it never answered within the deadline.
 */
export function searchDelayText(
  directMs: number,
  systemMs: number | undefined,
  deadlineMs: number,
): string | undefined {
  const system = systemMs ?? deadlineMs;
  if (system < noticeableMs || system < directMs * slowerBy) return undefined;
  const took = systemMs === undefined ? `over ${formatMs(deadlineMs)}` : formatMs(system);
  return `search-domain/ndots delay: ${took} in the system resolver, ${formatMs(directMs)} direct`;
}

/** The lines of resolv.conf that decide which names are tried: search, domain and options. */
export async function resolverSetup(path = '/etc/resolv.conf'): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [`(${path} could not be read)`];
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^(search|domain|options)\s/.test(line));
}
