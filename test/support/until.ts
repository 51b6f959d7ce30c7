/**
 * Waits for `condition`, polling with real timers. For effects of real I/O (an fsynced journal,
 * a loopback server) that no fake clock can skip; fails with `what` after `timeoutMs`.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'the condition',
  timeoutMs = 5_000,
): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
