import { performance } from 'node:perf_hooks';

/**
 * Long loops over a storm's worth of items (validating, mapping) run in slices of about this
 * many milliseconds, handing the event loop back in between, so an ack or a window's request
 * that arrives meanwhile is answered at once instead of after the whole batch.
 */
const sliceMs = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls `each` for every item in order, yielding to the event loop between slices. */
export async function forEachInSlices<T>(
  items: Iterable<T>,
  each: (item: T, index: number) => void,
): Promise<void> {
  let sliceStart = performance.now();
  let index = 0;
  for (const item of items) {
    each(item, index++);
    // Reading the clock costs too; once every 64 items is often enough.
    if ((index & 63) === 0 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
