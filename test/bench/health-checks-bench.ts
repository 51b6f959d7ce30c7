/**
 * 100 local HTTP checks at a 30 s interval against a loopback server in another process. The
 * checks run in a process of their own, bundled from source and run with plain node, so only
 * their work is measured: not the tsx loader, nor what the benches before this one left behind
 * in the bench's process. Its CPU time over a steady stretch, as a share of one core. Target
 * (issue 13): ≤ 1 % on average.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { HealthChecksLoad } from './health-checks-load.js';

const checks = 100;
const intervalSeconds = 30;
const root = join(import.meta.dirname, '..', '..');

/** A server printing its port, answering every request with a small JSON body. */
const serverScript = `
  const server = require('node:http').createServer((_q, r) => r.end('{"status":"ok"}'));
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** The measured process, bundled into node_modules so its packages resolve as dist/'s do. */
async function bundleLoad(): Promise<string> {
  const outfile = join(root, 'node_modules', '.cache', 'onwatch-bench', 'health-checks-load.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'health-checks-load.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export async function benchHealthChecks(measureSeconds: number): Promise<string[]> {
  const load = await bundleLoad();
  const server = spawn(process.execPath, ['-e', serverScript], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
    const url = `http://127.0.0.1:${String(portLine).trim()}/health`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      load,
      url,
      String(checks),
      String(intervalSeconds),
      String(measureSeconds),
    ]);
    const { cpuMs, wallMs, failing } = JSON.parse(stdout) as HealthChecksLoad;
    return [
      `\nhealth checks: ${checks} HTTP checks every ${intervalSeconds} s, measured over ${measureSeconds} s`,
      `CPU ${((cpuMs / wallMs) * 100).toFixed(2)} % of one core (${cpuMs.toFixed(0)} ms), ${failing} failing`,
      'target: ≤ 1 % of one core',
    ];
  } finally {
    server.kill();
  }
}
