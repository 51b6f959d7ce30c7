/**
 * One outage storm, as a responder lives it: the browser host runs compiled, as its own
 * process, polling a real Alertmanager through a loopback proxy that notes when each alert list
 * has been sent; then `count` new alerts fire at once. Prints one JSON line (StormResult).
 * Inside a dunst session (test/support/dunst-session.ts) it also counts the notifications dunst
 * received.
 *
 * Run: node --import tsx test/support/storm-scenario.ts <count> <compiled cli.js>
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startAlertmanager, type TestAlert } from './alertmanager-harness.js';
import { dunstSessionFiles } from './dunst-session.js';
import { startOnwatchProcess } from './onwatch-process.js';
import { processTree } from './process-tree.js';

export interface StormResult {
  alerts: number;
  /** From the end of the poll that revealed the storm to the window holding all of it. */
  shownAfterPollMs: number;
  /**
   * CPU the Onwatch process spent from the start of the poll that revealed the storm (its
   * request for the alert list) to the window showing it.
   */
  cpuSeconds: number;
  /** The same from the moment the alerts fired: the quiet wait for that poll included. */
  cpuSinceFiredSeconds: number;
  /** Notifications dunst received, when run in a dunst session. */
  notificationsReceived?: number;
  peakProcesses: number;
  /** Proportional set size of Onwatch's whole process tree. */
  baselinePssMB: number;
  peakPssMB: number;
  /**
   * Once the storm resolved: the first sample within 25% of the baseline, or the last one
   * `settleLimitMs` later. V8 hands memory back only after the process has been idle a while.
   */
  afterClearPssMB: number;
  /** How long after the storm cleared memory came back near the baseline; -1 if it did not. */
  settledAfterS: number;
  /** Acks sent from the window right after the storm showed: until the answer, and until the state showed it. */
  ackAnsweredMs: { median: number; max: number };
  ackShownMs: { median: number; max: number };
  /** The longest any command waited while the storm was processed (the event loop blocked). */
  longestCommandWaitMs: number;
}

const count = Number(process.argv[2]);
const compiledCli = process.argv[3];
if (!Number.isInteger(count) || count < 1 || !compiledCli) {
  throw new Error('usage: storm-scenario.ts <count> <compiled cli.js>');
}

/** How long to wait for memory to come back once the storm cleared. */
const settleLimitMs = 40_000;
const ms = (value: number) => Math.round(value);
const megabytes = (kilobytes: number) => Math.round(kilobytes / 1024);
const seconds = (value: number) => Math.round(value * 100) / 100;
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: ms(sorted[Math.floor(sorted.length / 2)] ?? 0), max: ms(sorted.at(-1) ?? 0) };
};

const alertmanager = await startAlertmanager();
const firingLists: FiringList[] = [];
/** Onwatch's CPU seconds so far; set once Onwatch runs, read when each alert list is asked for. */
let cpuNow = () => 0;
const proxy = await startCountingProxy(
  alertmanager.baseUrl,
  () => cpuNow(),
  (list) => firingLists.push(list),
);
const dir = await mkdtemp(join(tmpdir(), 'onwatch-storm-'));
const settingsPath = join(dir, 'settings.json');
const source = { kind: 'alertmanager', id: 'am', name: 'Prod Alertmanager', baseUrl: proxy.url };
await writeFile(
  settingsPath,
  JSON.stringify({
    version: 1,
    responderName: 'alice',
    sources: [{ ...source, pollIntervalSeconds: 5 }],
  }),
);
// For profiling the storm: STORM_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/storm-profile'
const nodeArgs = process.env.STORM_NODE_ARGS?.split(' ').filter(Boolean);
const onwatch = await startOnwatchProcess(settingsPath, { compiledCli, nodeArgs });
try {
  await onwatch.waitForState((state) => state.sources[0]?.lastSuccessAt !== undefined);
  const tree = processTree(onwatch.pid);
  cpuNow = () => tree.cpuSeconds();
  await sleep(1000);
  const baseline = tree.sample();

  const probe = commandProbe();
  await sleep(200);
  const cpuBefore = tree.cpuSeconds();
  const firedAt = performance.now();
  await alertmanager.postAlerts(stormAlerts(count));
  await onwatch.waitForState(
    (state) => state.incidents.filter((i) => i.status === 'triggered').length >= count,
    60_000,
  );
  const shownAt = performance.now();
  const cpuWhenShown = tree.cpuSeconds();
  const revealed = firingLists.find((list) => list.alerts >= count && list.endedAt > firedAt);
  const longestCommandWaitMs = await probe.stop();

  const answered: number[] = [];
  const shown: number[] = [];
  const { incidents } = await onwatch.waitForState(() => true);
  for (const incident of incidents.slice(0, 10)) {
    const sentAt = performance.now();
    const { actionId } = (await onwatch.command('ack', { key: incident.key })) as {
      actionId: string;
    };
    answered.push(performance.now() - sentAt);
    await onwatch.waitForState((state) => state.actions.some((a) => a.id === actionId));
    shown.push(performance.now() - sentAt);
  }
  const notificationsReceived = await dunstRecordCount();

  await alertmanager.postAlerts(stormAlerts(count, new Date(Date.now() - 1000).toISOString()));
  await onwatch.waitForState((state) => state.incidents.length === 0, 30_000);
  const peak = tree.peak();
  const clearedAt = performance.now();
  let afterClear = tree.sample();
  let settledAfterS = -1;
  while (performance.now() - clearedAt < settleLimitMs) {
    await sleep(1000);
    afterClear = tree.sample();
    if (afterClear.pssKB <= baseline.pssKB * 1.25) {
      settledAfterS = Math.round((performance.now() - clearedAt) / 1000);
      break;
    }
  }

  const result: StormResult = {
    alerts: count,
    shownAfterPollMs: revealed ? ms(shownAt - revealed.endedAt) : -1,
    cpuSeconds: revealed ? seconds(cpuWhenShown - revealed.cpuWhenAsked) : -1,
    cpuSinceFiredSeconds: seconds(cpuWhenShown - cpuBefore),
    notificationsReceived,
    peakProcesses: peak.processes,
    baselinePssMB: megabytes(baseline.pssKB),
    peakPssMB: megabytes(peak.pssKB),
    afterClearPssMB: megabytes(afterClear.pssKB),
    settledAfterS,
    ackAnsweredMs: stats(answered),
    ackShownMs: stats(shown),
    longestCommandWaitMs: ms(longestCommandWaitMs),
  };
  tree.stop();
  console.log(JSON.stringify(result));
} finally {
  await onwatch.kill();
  await proxy.stop();
  await alertmanager.stop();
  await rm(dir, { recursive: true, force: true });
}

/** New firing alerts, as many as asked, spread over a few dozen rules and two severities. */
function stormAlerts(total: number, endsAt?: string): TestAlert[] {
  return Array.from({ length: total }, (_, i) => ({
    labels: {
      alertname: `Storm${i % 40}`,
      instance: `host-${i}:9100`,
      severity: i % 4 === 0 ? 'critical' : 'warning',
      team: 'sre',
    },
    annotations: { summary: `Error rate above threshold on host-${i}` },
    ...(endsAt && { endsAt }),
  }));
}

/**
 * A cheap command sent again 20 ms after each answer while the storm is processed: how long the
 * slowest waited is how long Onwatch's event loop was held. It runs in a worker thread with its
 * own connection and reads only short messages, so the window's big state changes, parsed here,
 * do not count against Onwatch.
 */
function commandProbe() {
  const page = new URL(onwatch.url);
  const worker = new Worker(probeWorkerSource(), {
    eval: true,
    workerData: { url: `ws://${page.host}/api/ws${page.search}`, origin: page.origin },
  });
  const done = new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const longest = await done;
      await worker.terminate();
      return longest;
    },
  };
}

/** The probe's worker, as CommonJS source: `eval` workers take no TypeScript. */
function probeWorkerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const WebSocket = createRequire(${JSON.stringify(import.meta.filename)})('ws');
const ws = new WebSocket(workerData.url, { headers: { origin: workerData.origin } });
let running = true, longest = 0, sentAt = 0, id = 0;
parentPort.on('message', () => (running = false));
const send = () => {
  if (!running) { ws.close(); parentPort.postMessage(longest); return; }
  sentAt = performance.now();
  ws.send(JSON.stringify({ type: 'command', id: ++id, name: 'dismissNotice', payload: { id: 'none' } }));
};
ws.on('message', (data) => {
  if (data.length > 500 || !String(data).includes('"result"')) return;
  longest = Math.max(longest, performance.now() - sentAt);
  setTimeout(send, 20);
});
ws.on('open', send);
`;
}

async function dunstRecordCount(): Promise<number | undefined> {
  const sessionDir = process.env.DUNST_SESSION_DIR;
  if (!sessionDir) return undefined;
  await sleep(1000); // what is on its way reaches dunst
  const printed = await readFile(join(sessionDir, dunstSessionFiles.printed), 'utf8');
  return printed.match(/^\{$/gm)?.length ?? 0;
}

interface FiringList {
  /** Onwatch's CPU seconds when it asked for the list. */
  cpuWhenAsked: number;
  /** When the list had been sent in full. */
  endedAt: number;
  alerts: number;
}

/**
 * Forwards everything; for each list of firing alerts, notes Onwatch's CPU when it was asked
 * for, when it was sent, and its size.
 */
async function startCountingProxy(
  target: string,
  cpuNow: () => number,
  onFiringList: (list: FiringList) => void,
) {
  const server = createServer((req, res) => {
    const cpuWhenAsked = cpuNow();
    const url = new URL(req.url ?? '/', target);
    const isFiringList =
      url.pathname.endsWith('/alerts/groups') && url.searchParams.get('active') !== 'false';
    const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => {
        if (isFiringList) chunks.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () =>
        res.end(() => {
          if (!isFiringList || req.method !== 'GET') return;
          const alerts = Buffer.concat(chunks).toString('latin1').split('"fingerprint"').length - 1;
          onFiringList({ cpuWhenAsked, endedAt: performance.now(), alerts });
        }),
      );
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
