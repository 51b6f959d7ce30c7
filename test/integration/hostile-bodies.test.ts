import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerDescriptor } from '../../electron/common/providers/alertmanager.js';
import type { HostileBodyResult } from '../support/hostile-body-poller.js';
import { spawnCollecting } from '../support/private-session.js';

/*
 * A source answering 50 MB on every poll must not cost a responder's laptop 50 MB a poll: the
 * real Alertmanager source (the kind with the largest cap) polls a loopback server in a process
 * of its own, which reports its peak memory over its baseline.
 * Before bodies were capped by their declared size and kept as bytes, the 50 MB answer with a
 * Content-Length cost 145 MB of resident memory.
 */

const megabyte = 1024 * 1024;
const hostileBytes = 50 * megabyte;
/** What the issue allows: resident memory within 30 MB of its baseline. */
const allowedGrowthMB = 30;
const poller = new URL('../support/hostile-body-poller.ts', import.meta.url).pathname;

/** How the hostile answer comes: with a Content-Length saying 50 MB, or streamed without one. */
let delivery: 'declared' | 'streamed' = 'declared';

/** Two-byte characters, so text built from the body would weigh twice its bytes. */
const fifty = Buffer.alloc(hostileBytes, Buffer.from('é'));
const chunk = fifty.subarray(0, 64 * 1024);

const server = createServer((req, res) => {
  res.on('error', () => {}); // the client hanging up mid-body is the point
  if (req.url?.startsWith('/calm/')) {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
  } else if (delivery === 'declared') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': hostileBytes });
    res.end(fifty);
  } else {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    stream(res, hostileBytes);
  }
});

/** Writes `bytes` as fast as the client reads them, stopping when it hangs up. */
function stream(res: ServerResponse, bytes: number): void {
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const tooLarge = expect.stringMatching(/^response from 127\.0\.0\.1:\d+ is larger than 16 MB$/);

let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function pollHostile(polls: number): Promise<HostileBodyResult> {
  const run = await spawnCollecting(
    process.execPath,
    ['--import', 'tsx', poller, 'alertmanager', baseUrl, String(polls)],
    { cwd: process.cwd(), env: process.env as Record<string, string>, timeoutMs: 60_000 },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.exitCode !== 0 || !line.startsWith('{')) {
    throw new Error(`the poller failed (${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(line) as HostileBodyResult;
}

describe('a source that answers 50 MB on every poll', () => {
  it('keeps the cap of its kind in the README’s terms', () => {
    expect(alertmanagerDescriptor.maxResponseBytes).toBe(16 * megabyte);
  });

  it('costs under 30 MB over the baseline when it says how large the answer is', async () => {
    delivery = 'declared';
    const result = await pollHostile(10);
    console.log(`hostile bodies with a Content-Length: ${JSON.stringify(result)}`);
    expect(result.errors).toEqual([tooLarge]);
    expect(result.peakRssGrowthMB).toBeLessThan(allowedGrowthMB);
    expect(result.peakExternalGrowthMB).toBeLessThan(allowedGrowthMB);
  });

  it('reads no more than the cap of an answer streamed without a size, poll after poll', async () => {
    delivery = 'streamed';
    const result = await pollHostile(16);
    console.log(`hostile bodies streamed without a size: ${JSON.stringify(result)}`);
    expect(result.errors).toEqual([tooLarge]);
    // Each poll reads one list up to the cap (16 MB), drops it and its connection at the cut and
    // has it collected before the next poll. Left to V8's own timing, two polls' reads were
    // resident at the peak: 32.3–32.5 MB.
    expect(result.peakRssGrowthMB).toBeLessThan(allowedGrowthMB);
    const [first, second] = result.halves;
    expect(second).toBeLessThan(first + 16);
  });
});
