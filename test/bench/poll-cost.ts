/**
 * What a poll costs a laptop on battery: the whole core (OnwatchCore, its scheduler, the
 * Alertmanager source, the store, the projector and the attention center) polling a real
 * Alertmanager with 20 firing alerts. Time runs fast for the core, so a 5 s interval passes in
 * 50 ms and a thousand polls take about a minute; Alertmanager runs in a process of its own, so
 * `process.cpuUsage()` here is the core's CPU alone.
 *
 * Response end is the end of the alert list's body, as node:http reports it; the page is
 * dispatched when the notifier is asked to show it.
 */
import diagnostics from 'node:diagnostics_channel';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startAlertmanager, type TestAlert } from '../support/alertmanager-harness.js';
import { until } from '../support/until.js';
import { fastClock, TimingNotifier } from './sped-up-core.js';

export interface PollCost {
  polls: number;
  /** CPU milliseconds per unchanged poll: user + system, median of ten stretches. */
  unchangedCpuMs: number;
  /** From the end of the response that revealed a new page to its notification. */
  newPageMs: { median: number; p90: number; max: number; pages: number };
  /** Resident memory once the thousand polls are done. */
  rssMB: number;
}

/** How much faster than real time the core's clock runs. */
const speed = 100;
const intervalSeconds = 5;

const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();
const warning = (i: number): TestAlert => ({
  labels: { alertname: `DiskFilling${i}`, instance: `db-${i}:9100`, severity: 'warning' },
  annotations: { summary: `Disk on db-${i} fills within a day` },
  endsAt: hourFromNow(),
});

export async function measurePollCost(polls = 1000): Promise<PollCost> {
  const alertmanager = await startAlertmanager();
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-poll-cost-'));
  const alertListEnds: number[] = [];
  const onResponse = (message: unknown) => {
    const { request, response } = message as { request: { path: string }; response: Readable };
    if (request.path.includes('/api/v2/alerts/groups?')) {
      response.once('end', () => alertListEnds.push(performance.now()));
    }
  };
  diagnostics.subscribe('http.client.response.finish', onResponse);
  const notifier = new TimingNotifier(() => performance.now());
  let core: OnwatchCore | undefined;
  try {
    await alertmanager.postAlerts(Array.from({ length: 20 }, (_, i) => warning(i)));
    const settingsPath = join(dir, 'settings.json');
    const source = { kind: 'alertmanager', id: 'am', name: 'Alertmanager' };
    await writeFile(
      settingsPath,
      JSON.stringify({
        version: 1,
        responderName: 'alice',
        sources: [
          { ...source, baseUrl: alertmanager.baseUrl, pollIntervalSeconds: intervalSeconds },
        ],
      }),
    );
    core = await OnwatchCore.start({
      settingsPath,
      secrets: new MemorySecretStore(),
      clock: fastClock(speed),
      notifier,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      watchRunbooks: false,
    });
    const started = core;
    await until(() => started.getState().incidents.length === 20, 'the 20 alerts', 30_000);
    const pollsDone = (count: number) =>
      until(() => alertListEnds.length >= count, `${count} polls`, polls * 1_000);

    // Ten stretches of unchanged polls; the median stretch leaves out a noisy neighbour.
    await pollsDone(alertListEnds.length + 20);
    const stretch = Math.ceil(polls / 10);
    const perPoll: number[] = [];
    for (let i = 0; i < 10; i++) {
      const first = alertListEnds.length;
      const cpu = process.cpuUsage();
      await pollsDone(first + stretch);
      const used = process.cpuUsage(cpu);
      perPoll.push((used.user + used.system) / 1000 / (alertListEnds.length - first));
    }

    // New pages at random moments between polls: response end to notification. They come
    // further apart than a storm's pages (see IncidentNotifications), so each gets its own.
    const delays: number[] = [];
    for (let page = 0; page < 30; page++) {
      const apartMs = 25_000 + Math.random() * intervalSeconds * 1000;
      await new Promise((resolve) => setTimeout(resolve, apartMs / speed));
      const alertname = `CheckoutDown${page}`;
      const title = `Checkout is down (page ${page})`;
      const checkoutAlert = (endsAt: string): TestAlert => ({
        labels: { alertname, severity: 'critical', service: 'checkout' },
        annotations: { summary: title },
        endsAt,
      });
      await alertmanager.postAlerts([checkoutAlert(hourFromNow())]);
      const shown = () => [...notifier.firstShown].find(([body]) => body.includes(title))?.[1];
      await until(() => shown() !== undefined, `a notification for ${alertname}`, 10_000);
      const at = shown()!;
      delays.push(at - alertListEnds.filter((end) => end <= at).at(-1)!);
      // Resolved before the next one, so each page is the only one climbing.
      await alertmanager.postAlerts([checkoutAlert(new Date().toISOString())]);
      await until(
        () => !started.getState().incidents.some((incident) => incident.title.includes(title)),
        `${alertname} to resolve`,
        10_000,
      );
    }
    const sorted = delays.sort((a, b) => a - b);
    return {
      polls: stretch * 10,
      unchangedCpuMs: median(perPoll),
      newPageMs: {
        median: median(sorted),
        p90: sorted[Math.floor(sorted.length * 0.9)]!,
        max: sorted.at(-1)!,
        pages: sorted.length,
      },
      rssMB: process.memoryUsage().rss / 1024 / 1024,
    };
  } finally {
    diagnostics.unsubscribe('http.client.response.finish', onResponse);
    await core?.stop();
    await alertmanager.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
