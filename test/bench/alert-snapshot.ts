/**
 * A 10 000-alert Alertmanager answer through the core's own pieces, one after another: the
 * source reads it (request, JSON, each alert checked and mapped), the feed diffs it into the
 * store, and the projector sends the window its changes (serialised, as the host does). The
 * answer is served by a loopback server in another process. Each round goes from no alerts to
 * ten thousand (a storm), then reads the same ten thousand again (an unchanged poll), then none.
 * Targets (issue 14): a storm snapshot's diff, store and projection in under 100 ms, an
 * unchanged 10 000-alert poll in under 20 ms.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StateChange } from '../../electron/common/contract/state-changes.js';
import { alertmanagerSourceConfigSchema } from '../../electron/common/providers/alertmanager.js';
import { IncidentFeed } from '../../electron/core/engine/incident-feed.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
import { benchProjector } from './bench-projector.js';

export interface AlertSnapshotTimes {
  alerts: number;
  rounds: number;
  /** Median milliseconds of each step, for the storm answer and for the same answer again. */
  storm: { read: number; diffAndStore: number; projection: number };
  unchanged: { read: number; diffAndStore: number };
}

/** Serves the file named in argv as the alert groups, read afresh for every request. */
const serverScript = `
  const { readFileSync } = require('node:fs');
  const server = require('node:http').createServer((_q, r) => {
    r.setHeader('content-type', 'application/json');
    r.end(readFileSync(process.argv[1]));
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function alertList(count: number): unknown[] {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: count }, (_, i) => ({
    fingerprint: `f${i.toString(16).padStart(15, '0')}`,
    labels: {
      alertname: `ShardErrors${i % 40}`,
      instance: `host-${i}:9100`,
      severity: 'critical',
      team: 'sre',
    },
    annotations: { summary: `Error rate above threshold on shard ${i % 97}` },
    startsAt,
    updatedAt: startsAt,
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    generatorURL: `http://prometheus:9090/graph?g0.expr=errors${i % 40}`,
    receivers: [{ name: 'sre' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
  }));
}

/** The alerts as Alertmanager groups them on a route with `group_by: [alertname]`. */
function alertGroups(count: number): unknown[] {
  const groups = new Map<string, unknown[]>();
  for (const alert of alertList(count) as { labels: { alertname: string } }[]) {
    const members = groups.get(alert.labels.alertname) ?? [];
    members.push(alert);
    groups.set(alert.labels.alertname, members);
  }
  return [...groups].map(([alertname, alerts]) => ({
    labels: { alertname },
    receiver: { name: 'sre' },
    alerts,
  }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function measureAlertSnapshot(
  alerts = 10_000,
  rounds = 7,
): Promise<AlertSnapshotTimes> {
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-alert-snapshot-'));
  const answer = join(dir, 'alerts.json');
  const storm = JSON.stringify(alertGroups(alerts));
  await writeFile(answer, '[]');
  const server = spawn(process.execPath, ['-e', serverScript, answer], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const feed = new IncidentFeed(silentLog);
  const projector = benchProjector(
    (key) => feed.get(key),
    () => feed.all(),
  );
  feed.events.on((events) => projector.incidentsChanged(events.map((e) => e.incident.key)));
  projector.start();
  let sent = 0;
  projector.onStateChange((change: StateChange) => {
    JSON.stringify(change);
    sent += (change.incidents?.upserted.length ?? 0) + (change.incidents?.removed.length ?? 0);
  });
  let source: AlertmanagerSource | undefined;
  try {
    const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
    source = new AlertmanagerSource({
      config: alertmanagerSourceConfigSchema.parse({
        kind: 'alertmanager',
        id: 'am',
        name: 'Alertmanager',
        baseUrl: `http://127.0.0.1:${String(portLine).trim()}`,
      }),
      secrets: {},
      responderName: () => 'bench',
      clock: systemClock,
    });
    const poll = async () => {
      const start = performance.now();
      const incidents = await source!.fetchIncidents(new AbortController().signal);
      const read = performance.now();
      sent = 0;
      feed.applySnapshot('am', incidents);
      const stored = performance.now();
      return { read: read - start, diffAndStore: stored - read, stored, changed: sent };
    };
    /** Resolves once the window has been sent `count` incidents since the snapshot. */
    const projected = async (count: number) => {
      while (sent < count) await new Promise((resolve) => setImmediate(resolve));
      return performance.now();
    };

    const times = {
      stormRead: [] as number[],
      stormStore: [] as number[],
      projection: [] as number[],
    };
    const again = { read: [] as number[], store: [] as number[] };
    for (let round = 0; round <= rounds; round++) {
      await writeFile(answer, storm);
      const first = await poll();
      const projectedAt = await projected(alerts);
      const second = await poll();
      await writeFile(answer, '[]');
      await poll();
      await projected(alerts);
      if (round === 0) continue; // warm-up: JIT and the first allocation of everything
      times.stormRead.push(first.read);
      times.stormStore.push(first.diffAndStore);
      times.projection.push(projectedAt - first.stored);
      again.read.push(second.read);
      again.store.push(second.diffAndStore);
    }
    return {
      alerts,
      rounds,
      storm: {
        read: median(times.stormRead),
        diffAndStore: median(times.stormStore),
        projection: median(times.projection),
      },
      unchanged: { read: median(again.read), diffAndStore: median(again.store) },
    };
  } finally {
    source?.dispose();
    projector.stop();
    server.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
