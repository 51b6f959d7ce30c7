/**
 * The measured process of the health-checks bench (health-checks-bench.ts bundles it and runs
 * it with plain node, as the product's compiled code runs): 100 HTTP checks against the URL in
 * argv, with the engine reading them every 5 s and the Checks page rebuilt every second, and
 * nothing else in the process. Prints its own CPU time over the measured stretch as JSON.
 */
import { performance } from 'node:perf_hooks';
import { healthChecksSourceConfigSchema } from '../../electron/common/providers/health-checks.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { HealthChecksSource } from '../../electron/core/sources/health-checks/health-checks-source.js';

export interface HealthChecksLoad {
  cpuMs: number;
  wallMs: number;
  failing: number;
}

const [url, checkCount, intervalSeconds, measureSeconds] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const source = new HealthChecksSource({
  config: healthChecksSourceConfigSchema.parse({
    kind: 'health-checks',
    id: 'bench',
    name: 'Bench',
    checks: Array.from({ length: Number(checkCount) }, (_, i) => ({
      kind: 'http',
      name: `Endpoint ${i}`,
      url,
      intervalSeconds: Number(intervalSeconds),
      json: { path: 'status', equals: 'ok' },
    })),
  }),
  clock: systemClock,
  responderName: () => 'bench',
});
// The engine reads every 5 s, and the Checks page (views with their sparklines, as the window
// is sent them) at most once a second; the first round (start-up, JIT) is left out.
const reader = setInterval(() => void source.fetchIncidents(), 5000);
const page = setInterval(() => JSON.stringify(source.checks()), 1000);
await source.fetchIncidents();
await sleep(5000);
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
await sleep(Number(measureSeconds) * 1000);
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - wallBefore;
clearInterval(reader);
clearInterval(page);
const failing = (await source.fetchIncidents()).length;
source.dispose();
const load: HealthChecksLoad = { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, failing };
console.log(JSON.stringify(load));
