/**
 * Structural equality for JSON-shaped data (configs, state parts): key order does not matter,
 * and a key holding `undefined` equals a missing key, as it does once the value is serialised.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of Object.keys(left)) if (!deepEqual(left[key], right[key])) return false;
  // Keys only the right side has: equal only if they hold undefined.
  for (const key of Object.keys(right)) {
    if (!Object.hasOwn(left, key) && right[key] !== undefined) return false;
  }
  return true;
}
