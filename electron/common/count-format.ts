/**
 * A count as Onwatch writes it: "10,000". Not `toLocaleString`: the first Intl call maps ICU
 * data into the process for good, which a storm summary should not cost.
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return String(count);
  const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+$)/g, ',');
  return count < 0 ? `-${digits}` : digits;
}
