import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full collection now. Node offers `gc` only behind its flag; set at run time, the flag
 * reaches contexts created afterwards, so the first call takes `gc` from a new one.
 */
export function collectGarbage(): void {
  collect ??= exposeGc();
  collect();
}

/**
 * Asks for a full collection on the next turn of the event loop, for memory let go of in bulk.
 * V8 starts a collection for memory it counts as external (Buffers) only after another 64 MB
 * of it, so a body refused at the cap would otherwise still be resident when the next poll
 * reads its own: twice the cap at the peak. A full collection, not a young one, because on a
 * slow connection the first chunks have aged into the old generation by the cut.
 */
export function collectSoon(): void {
  setImmediate(collectGarbage);
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
