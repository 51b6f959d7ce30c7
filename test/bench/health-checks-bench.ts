/**
 * 100 local HTTP checks at a 30 s interval against a loopback server in another process, so
 * only the checks' own work is measured: this process's CPU time over a steady stretch, as a
 * share of one core. Target (issue 13): ≤ 1 % on average.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { healthChecksSourceConfigSchema } from '../../electron/common/providers/health-checks.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { HealthChecksSource } from '../../electron/core/sources/health-checks/health-checks-source.js';

const checks = 100;
const intervalSeconds = 30;

/** A server printing its port, answering every request with a small JSON body. */
const serverScript = `
  const server = require('node:http').createServer((_q, r) => r.end('{"status":"ok"}'));
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

export async function benchHealthChecks(measureSeconds: number): Promise<string[]> {
  const server = spawn(process.execPath, ['-e', serverScript], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
    const url = `http://127.0.0.1:${String(portLine).trim()}/health`;
    const source = new HealthChecksSource({
      config: healthChecksSourceConfigSchema.parse({
        kind: 'health-checks',
        id: 'bench',
        name: 'Bench',
        checks: Array.from({ length: checks }, (_, i) => ({
          kind: 'http',
          name: `Endpoint ${i}`,
          url,
          intervalSeconds,
          json: { path: 'status', equals: 'ok' },
        })),
      }),
      clock: systemClock,
      responderName: () => 'bench',
    });
    // The engine reads every 5 s, and the Checks page (views with their sparklines, as the
    // window is sent them) at most once a second; the first round (start-up, JIT) is left out.
    const reader = setInterval(() => void source.fetchIncidents(), 5000);
    const page = setInterval(() => JSON.stringify(source.checks()), 1000);
    await source.fetchIncidents();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, measureSeconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    clearInterval(reader);
    clearInterval(page);
    const failing = (await source.fetchIncidents()).length;
    source.dispose();
    const share = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    return [
      `\nhealth checks: ${checks} HTTP checks every ${intervalSeconds} s, measured over ${measureSeconds} s`,
      `CPU ${share.toFixed(2)} % of one core (${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ${failing} failing`,
      'target: ≤ 1 % of one core',
    ];
  } finally {
    server.kill();
  }
}
