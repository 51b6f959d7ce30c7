/**
 * Remembers the last answer while its inputs are the same objects: with 10,000 incidents the
 * filter and grouping run once per state push or filter change, not once per subscriber.
 */
export function lastOf<Args extends readonly unknown[], T>(compute: (...args: Args) => T) {
  let lastArgs: Args | null = null;
  let last: T;
  return (...args: Args): T => {
    if (lastArgs === null || args.some((arg, i) => arg !== lastArgs![i])) {
      last = compute(...args);
      lastArgs = args;
    }
    return last;
  };
}
