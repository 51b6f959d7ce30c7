import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './loopback-server.js';

/**
 * A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, 0.25.0) on a free
 * loopback port, for integration and end-to-end tests.
 *
 *   const am = await startAlertmanager();               // or { routePrefix: '/am' }
 *   await am.postAlerts([{ labels: { alertname: 'DiskFull', severity: 'critical' } }]);
 *   // point an AlertmanagerSource at am.baseUrl ...
 *   expect(await am.listSilences()).toHaveLength(1);
 *   await am.stop();                                    // in afterAll
 *
 * Each instance has its own config (a single null receiver, so nothing is ever sent) and
 * storage in a temp dir; it stands alone unless `cluster` peers it with others on loopback
 * (see startAlertmanagerCluster, for an HA cluster). The process cannot outlive the test run: it
 * is killed when the test process exits, and a watchdog kills it if that process dies
 * without running exit handlers. Set ONWATCH_ALERTMANAGER_BIN to use another binary.
 */
export interface AlertmanagerHarness {
  /** Root URL including any route prefix, without a trailing slash, e.g. http://127.0.0.1:40123/am. */
  readonly baseUrl: string;
  readonly pid: number;
  /** POST /api/v2/alerts; alerts without endsAt stay firing for 5 minutes. */
  postAlerts(alerts: TestAlert[]): Promise<void>;
  /** GET /api/v2/silences, every state, as Alertmanager returns them. */
  listSilences(): Promise<TestSilence[]>;
  /** Kills the process (by PID) and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartAlertmanagerOptions {
  /** Passed as --web.route-prefix, e.g. '/am'; the API is then under /am/api/v2/. */
  routePrefix?: string;
  /** Gossips on this loopback port with the peers on theirs, as one HA cluster. */
  cluster?: { port: number; peerPorts: readonly number[] };
  /** The route's `group_by` labels; without it the route groups every alert together. */
  groupBy?: readonly string[];
}

export interface TestAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

interface TestSilence {
  id: string;
  status: { state: 'active' | 'pending' | 'expired' };
  matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[];
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
}

const binary = process.env.ONWATCH_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
/** A single null receiver, so nothing is ever sent; JSON is YAML, so labels need no quoting. */
const config = ({ groupBy }: StartAlertmanagerOptions) =>
  `route:\n  receiver: "null"\n${groupBy ? `  group_by: ${JSON.stringify(groupBy)}\n` : ''}` +
  'receivers:\n  - name: "null"\n';
const readyTimeoutMs = 20_000;

/** Everything still running, killed synchronously if the test process exits. */
const running = new Set<{ pid: number; dir: string }>();
process.once('exit', () => {
  for (const { pid, dir } of running) {
    tryKill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

export async function startAlertmanager(
  options: StartAlertmanagerOptions = {},
): Promise<AlertmanagerHarness> {
  // The free port is only free until someone else takes it; try again on that race.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freeLoopbackPort(), options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof PortTaken)) throw error;
    }
  }
}

class PortTaken extends Error {}

async function launch(
  port: number,
  options: StartAlertmanagerOptions,
): Promise<AlertmanagerHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  await writeFile(configFile, config(options));
  const prefix = options.routePrefix ? `/${options.routePrefix.replace(/^\/+|\/+$/g, '')}` : '';
  const args = [
    `--config.file=${configFile}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    ...(options.cluster
      ? [
          `--cluster.listen-address=127.0.0.1:${options.cluster.port}`,
          ...options.cluster.peerPorts.map((peer) => `--cluster.peer=127.0.0.1:${peer}`),
        ]
      : ['--cluster.listen-address=']),
    '--log.level=warn',
    ...(prefix ? [`--web.route-prefix=${prefix}`] : []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned || child.pid === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot start ${binary}; install prometheus-alertmanager`);
  }
  const pid = child.pid;
  const entry = { pid, dir };
  running.add(entry);
  const watchdog = startWatchdog(pid, dir);
  const baseUrl = `http://127.0.0.1:${port}${prefix}`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    watchdog.kill('SIGKILL');
    await terminate(child, exited);
    running.delete(entry);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, exited);
  } catch (error) {
    await stop();
    if (/address already in use/.test(stderr)) throw new PortTaken(stderr);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }

  return {
    baseUrl,
    pid,
    stop,
    async postAlerts(alerts) {
      const response = await fetch(`${baseUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok) {
        throw new Error(`posting alerts failed: HTTP ${response.status} ${await response.text()}`);
      }
    },
    async listSilences() {
      const response = await fetch(`${baseUrl}/api/v2/silences`);
      if (!response.ok) throw new Error(`listing silences failed: HTTP ${response.status}`);
      return (await response.json()) as TestSilence[];
    },
  };
}

/**
 * `size` Alertmanagers gossiping with each other on loopback: an HA cluster, which shares
 * silences (not alerts: post those to every replica, as Prometheus does).
 */
export async function startAlertmanagerCluster(size: number): Promise<AlertmanagerHarness[]> {
  const ports: number[] = [];
  while (ports.length < size) {
    const port = await freeLoopbackPort();
    if (!ports.includes(port)) ports.push(port);
  }
  const replicas: AlertmanagerHarness[] = [];
  try {
    for (const port of ports) {
      const peerPorts = ports.filter((peer) => peer !== port);
      replicas.push(await startAlertmanager({ cluster: { port, peerPorts } }));
    }
  } catch (error) {
    for (const replica of replicas) await replica.stop();
    throw error;
  }
  return replicas;
}

async function waitUntilReady(baseUrl: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('alertmanager exited during startup');
    try {
      const response = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`alertmanager not ready within ${readyTimeoutMs} ms`);
}

/**
 * A shell that waits for EOF on a pipe only this test process holds. If the process dies
 * in any way (even SIGKILL, when no exit handler runs), the pipe closes and the shell
 * kills Alertmanager and removes its temp dir. `read` is a builtin, so killing the shell
 * leaves nothing behind.
 */
function startWatchdog(pid: number, dir: string): ChildProcess {
  const script = 'read -r _; kill -9 "$1" 2>/dev/null; rm -rf "$2"';
  const watchdog = spawn('/bin/sh', ['-c', script, 'alertmanager-watchdog', `${pid}`, dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // It must not keep the test process alive on its own.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

/** SIGTERM lets Alertmanager shut down cleanly; SIGKILL if it takes too long. */
async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  tryKill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => tryKill(child.pid!, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
