/**
 * Orders names for display (schedules, people) case-insensitively, then by exact text so the
 * order is total. Not Intl's collator: its first use maps ICU data into the process for good.
 */
export function compareNames(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return compareCodeUnits(a, b);
}

/** Plain code-unit order, for keys that need a total order and no particular one. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
