import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { startLoopbackServer } from '../support/loopback-server.js';
import type { Notifier } from '../../electron/core/ports/notifier.js';

import { wrap, timings } from './wrap-tmp.js';
import { IncidentFeed } from '../../electron/core/engine/incident-feed.js';
import { EscalationLadder } from '../../electron/core/attention/escalation-ladder.js';
import { AttentionCenter } from '../../electron/core/attention/attention-center.js';
import { AppStateProjector } from '../../electron/core/engine/app-state-projector.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
wrap(IncidentFeed.prototype, 'applySnapshot', 'feed.applySnapshot');
wrap(EscalationLadder.prototype, 'handle', 'ladder.handle');
wrap(AttentionCenter.prototype, 'ladderChanged', 'attention.ladderChanged');
wrap(AppStateProjector.prototype, 'flush', 'projector.flush');
wrap(AttentionCenter.prototype, 'derive', 'center.derive');
wrap(AlertmanagerSource.prototype, 'fetchIncidents', 'am.fetch(async)');
import { deriveAttention } from '../../electron/core/attention/attention-view.js';
const origParse = JSON.parse; (JSON as any).parse = function (...a: any[]) { const t = performance.now(); const r = origParse.apply(JSON, a as any); if (a[0]?.length > 1e5) (timings['JSON.parse'] ??= []).push(+(performance.now() - t).toFixed(1)); return r; };
const N = Number(process.argv[2] ?? 10000);
const now = new Date().toISOString();
const alerts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    labels: { alertname: `Alert${i % 40}`, instance: `host-${i}:9100`, severity: i % 3 ? 'warning' : 'critical', team: 'sre' },
    annotations: { summary: `Alert ${i}: error rate above threshold on shard ${i % 97}` },
    startsAt: now, endsAt: new Date(Date.now() + 3600e3).toISOString(), updatedAt: now,
    fingerprint: i.toString(16).padStart(16, '0'), receivers: [{ name: 'null' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] }, generatorURL: 'http://prom/graph',
  }));
let storm = false;
let lastResponseEnd = 0;
const body = JSON.stringify(alerts(N));
const server = await startLoopbackServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  res.setHeader('content-type', 'application/json');
  if (url.pathname.endsWith('/status')) return res.end(JSON.stringify({ versionInfo: { version: '0.25.0' }, cluster: { status: 'disabled', peers: [] }, config: { original: '' }, uptime: now }));
  if (url.pathname.endsWith('/alerts') && url.searchParams.get('silenced') === 'false' && storm) {
    res.end(body, () => (lastResponseEnd = performance.now()));
    return;
  }
  res.end('[]');
});
const dir = await mkdtemp(join(tmpdir(), 'probe-'));
const settingsPath = join(dir, 'settings.json');
await writeFile(settingsPath, JSON.stringify({ version: 1, responderName: 'alice', sources: [{ kind: 'alertmanager', id: 'am', name: 'AM', baseUrl: server.url, pollIntervalSeconds: 5 }] }));
let shown = 0;
const notifier: Notifier = { supportsActions: true, show: () => void shown++, close: () => {}, onAction: () => () => {}, dispose: () => {} };
const core = await OnwatchCore.start({ settingsPath, secrets: new MemorySecretStore(), log: silentLog, notifier });
let seen = -1;
core.onStateChange(() => {
  const count = core.getState().incidents.length;
  if (count >= N && seen < 0) seen = performance.now();
});
await new Promise((r) => setTimeout(r, 300));
global.gc?.();
const base = process.memoryUsage().rss;
const h = monitorEventLoopDelay({ resolution: 5 });
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
h.enable();
storm = true;
const cpu0 = process.cpuUsage();
while (seen < 0) await new Promise((r) => setTimeout(r, 10));
const cpu = process.cpuUsage(cpu0);
await new Promise((r) => setTimeout(r, 1000));
h.disable();
clearInterval(sampler);
console.log(JSON.stringify(timings));
console.log(JSON.stringify({ N, shownAfterPollMs: +(seen - lastResponseEnd).toFixed(0), cpuS: ((cpu.user + cpu.system) / 1e6).toFixed(2), maxLoopDelayMs: (h.max / 1e6).toFixed(0), baseMB: (base / 2 ** 20).toFixed(0), peakMB: (peak / 2 ** 20).toFixed(0), notifications: shown }));
await core.stop();
await server.stop();
process.exit(0);
