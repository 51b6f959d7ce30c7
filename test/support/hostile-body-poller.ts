/**
 * Polls one real source, built by the real factory, against a server that answers with huge
 * bodies, and prints how far this process's memory grew over its baseline as one JSON line.
 * Run by test/integration/hostile-bodies.test.ts in a process of its own, so nothing else
 * (the server's own 50 MB buffers, vitest) counts against it:
 *
 *   node --import tsx test/support/hostile-body-poller.ts <kind> <base url> <polls>
 *
 * `<base url>/calm` must answer small, valid bodies (the warm-up), `<base url>/hostile` the
 * huge ones.
 */
import { sourceConfigSchema } from '../../electron/common/model/source-config.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { SharedLimits } from '../../electron/core/sources/rate-limit/shared-limits.js';
import { collectGarbage } from '../../electron/core/sources/collect-garbage.js';
import { createSource } from '../../electron/core/sources/create-source.js';
import { toSourceError } from '../../electron/core/sources/source-error.js';

export interface HostileBodyResult {
  polls: number;
  /** Every hostile poll's error message, deduplicated. */
  errors: string[];
  baselineRssMB: number;
  /** Peak growth over the baseline, sampled every 10 ms while the hostile polls ran. */
  peakRssGrowthMB: number;
  peakExternalGrowthMB: number;
  /** The same peak over the first and the second half of the polls: memory that leaks grows. */
  halves: [number, number];
}

const [kind, baseUrl, pollsArgument] = process.argv.slice(2);
if (kind !== 'alertmanager' || !baseUrl || !pollsArgument) {
  throw new Error('usage: hostile-body-poller.ts alertmanager <base url> <polls>');
}
const polls = Number(pollsArgument);

const sourceAt = (path: string) =>
  createSource(
    sourceConfigSchema.parse({
      kind,
      id: 'hostile',
      name: 'Hostile',
      baseUrl: `${baseUrl}${path}`,
      pollIntervalSeconds: 5,
      timeoutSeconds: 10,
    }),
    {},
    { clock: systemClock, responderName: () => 'sam', rateLimits: new SharedLimits() },
  );

const megabyte = 1024 * 1024;
/** Buffers and other memory outside V8's heap (`arrayBuffers` is part of it). */
const external = () => process.memoryUsage().external;

// Warm up the whole path (fetch, TLS-free sockets, zod, the mapping) on good answers first.
const calm = await sourceAt('/calm');
for (let i = 0; i < 20; i++) await calm.fetchIncidents(AbortSignal.timeout(10_000));
// Without --expose-gc, as Onwatch runs: the baseline's collections are asked for as Onwatch's are.
collectGarbage();
await new Promise((resolve) => setTimeout(resolve, 100));
collectGarbage();
const baselineRss = process.memoryUsage().rss;
const baselineExternal = external();

let peakRss = baselineRss;
let peakExternal = baselineExternal;
const halves: [number, number] = [baselineRss, baselineRss];
let half: 0 | 1 = 0;
const sample = () => {
  const { rss } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  halves[half] = Math.max(halves[half], rss);
  peakExternal = Math.max(peakExternal, external());
};
const sampler = setInterval(sample, 10);
const hostile = await sourceAt('/hostile');
const errors = new Set<string>();
for (let i = 0; i < polls; i++) {
  if (i === Math.floor(polls / 2)) half = 1;
  try {
    await hostile.fetchIncidents(AbortSignal.timeout(10_000));
    errors.add('the hostile poll succeeded');
  } catch (error) {
    errors.add(toSourceError(error).message);
  }
  sample();
}
clearInterval(sampler);

const result: HostileBodyResult = {
  polls,
  errors: [...errors],
  baselineRssMB: baselineRss / megabyte,
  peakRssGrowthMB: (peakRss - baselineRss) / megabyte,
  peakExternalGrowthMB: (peakExternal - baselineExternal) / megabyte,
  halves: [(halves[0] - baselineRss) / megabyte, (halves[1] - baselineRss) / megabyte],
};
console.log(JSON.stringify(result));
