import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../electron/common/contract/app-state.js';
import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { startOnwatchProcess, type OnwatchProcess } from '../support/onwatch-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/**
 * The promise of the outbox, proven with real processes: Onwatch is killed with SIGKILL in the
 * middle of an ack (or of a storm of a hundred) against a real Alertmanager, started again, and
 * every ack completes exactly once.
 */
let alertmanager: AlertmanagerHarness;
const running: OnwatchProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  alertmanager = await startAlertmanager();
});
afterAll(async () => {
  await alertmanager.stop();
});
afterEach(async () => {
  for (const process of running.splice(0)) await process.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scenario(alertname: string, { firesItsOwnAlert = true } = {}) {
  const labels = { alertname, severity: 'critical', instance: `${alertname.toLowerCase()}-1` };
  if (firesItsOwnAlert) {
    await alertmanager.postAlerts([{ labels, annotations: { summary: `${alertname} firing` } }]);
  }
  const proxy = await startHoldingProxy(
    alertmanager.baseUrl,
    (req) => req.method === 'POST' && req.url === '/api/v2/silences',
  );
  cleanups.push(proxy.stop);
  const dir = await makeTempDir('onwatch-crash-');
  cleanups.push(dir.remove);
  const settingsPath = join(dir.path, 'settings.json');
  const source = {
    kind: 'alertmanager',
    id: 'am',
    name: 'AM',
    baseUrl: proxy.url,
    pollIntervalSeconds: 5,
  };
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'alice', sources: [source] }),
  );

  const start = async () => {
    const onwatch = await startOnwatchProcess(settingsPath);
    running.push(onwatch);
    return onwatch;
  };
  const ourSilences = async () =>
    (await alertmanager.listSilences()).filter(
      (s) => s.status.state === 'active' && s.matchers.some((m) => m.value === alertname),
    );
  const incidentOf = (state: AppState) =>
    state.incidents.find((i) => i.labels.alertname === alertname);
  return { proxy, start, ourSilences, incidentOf };
}

describe('an ack survives the app being killed', () => {
  it('after the provider acted but before its answer arrived: completes without a second silence', async () => {
    const { proxy, start, ourSilences, incidentOf } = await scenario('CrashAfterSend');
    const first = await start();
    const state = await first.waitForState((s) => incidentOf(s)?.status === 'triggered');

    proxy.setMode('forward-then-hang');
    await first.command('ack', { key: incidentOf(state)!.key });
    await until(() => proxy.matched.length === 1, 'the silence to reach the proxy', 15_000);
    // The proxy records the request as it forwards it; Alertmanager holds it a moment later.
    await until(async () => (await ourSilences()).length === 1, 'Alertmanager to hold it', 15_000);
    await first.kill('SIGKILL');

    proxy.setMode('pass');
    const second = await start();
    const after = await second.waitForState(
      (s) => s.actions.some((a) => a.state === 'done') && incidentOf(s)?.status === 'acknowledged',
    );
    expect(after.actions).toMatchObject([{ state: 'done', attempts: 2 }]);
    // The resumed attempt found its own silence by reference and did not post another.
    expect(proxy.matched).toHaveLength(1);
    expect(await ourSilences()).toHaveLength(1);
  });

  it('before the provider saw it: sends it once after the restart', async () => {
    const { proxy, start, ourSilences, incidentOf } = await scenario('CrashBeforeSend');
    const first = await start();
    const state = await first.waitForState((s) => incidentOf(s)?.status === 'triggered');

    proxy.setMode('refuse');
    await first.command('ack', { key: incidentOf(state)!.key });
    await first.waitForState((s) => s.actions[0]?.lastError !== undefined);
    expect(await ourSilences()).toHaveLength(0);
    await first.kill('SIGKILL');

    proxy.setMode('pass');
    const second = await start();
    await second.waitForState((s) => s.actions.some((a) => a.state === 'done'));
    expect(await ourSilences()).toHaveLength(1);
  });
});

describe('a storm of acks survives the app being killed mid-storm', () => {
  const storm = 100;

  it.for([1, 3])(
    'killed %i time(s): exactly one silence per alert, every ack done',
    { timeout: 150_000 },
    async (kills) => {
      const alertname = `AckStorm${kills}`;
      const startsAt = new Date().toISOString();
      const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
      await alertmanager.postAlerts(
        Array.from({ length: storm }, (_, i) => ({
          labels: { alertname, severity: 'critical', instance: `storm-${i}` },
          startsAt,
          endsAt,
        })),
      );
      const { proxy, start, ourSilences } = await scenario(alertname, { firesItsOwnAlert: false });
      const ours = (state: AppState) =>
        state.incidents.filter((i) => i.labels.alertname === alertname);

      const first = await start();
      const firing = await first.waitForState(
        (s) => ours(s).filter((i) => i.status === 'triggered').length === storm,
      );
      await Promise.all(ours(firing).map((i) => first.command('ack', { key: i.key })));
      // A quarter of the way in, the answers stop coming (the silences still reach
      // Alertmanager), and the app dies with the rest of the storm unconfirmed.
      await until(() => proxy.matched.length >= storm / 4, 'a quarter of the storm', 30_000);
      proxy.setMode('forward-then-hang');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const atKill = await first.waitForState(() => true);
      expect(atKill.actions.filter((a) => a.state !== 'done').length).toBeGreaterThan(0);
      await first.kill('SIGKILL');
      // Then it dies again while resuming, its new silences unanswered too.
      for (let kill = 2; kill <= kills; kill++) {
        const again = await start();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await again.kill('SIGKILL');
      }

      proxy.setMode('pass');
      const last = await start();
      // Actions finished in an earlier run are no longer listed; none may be left unfinished.
      const settled = await last.waitForState(
        (s) =>
          s.actions.every((a) => a.state === 'done') &&
          ours(s).length === storm &&
          ours(s).every((i) => i.status === 'acknowledged'),
        60_000,
      );
      expect(settled.actions.filter((a) => a.state !== 'done')).toEqual([]);
      const silences = await ourSilences();
      expect(silences).toHaveLength(storm);
      const silenced = silences.map(
        (s) => s.matchers.find((m) => m.name === 'instance')?.value ?? 'none',
      );
      expect(new Set(silenced).size).toBe(storm);
    },
  );
});
