import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../electron/common/contract/app-state.js';
import { startJsmOpsFake, type JsmFake } from '../fakes/jsm-ops-fake.js';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { startOnwatchProcess, type OnwatchProcess } from '../support/onwatch-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/**
 * The outbox's promise for JSM Operations, with real processes: Onwatch is killed with SIGKILL
 * after JSM accepted an action whose answer never arrived, started again, and the action is
 * applied exactly once: the ack by the alert's state, the note by its marker.
 */
const running: OnwatchProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const process of running.splice(0)) await process.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const checkout = '70413a06-38d6-4c85-92b8-5ebc900d42e2';

async function scenario(held: RegExp) {
  const fake: JsmFake = await startJsmOpsFake();
  cleanups.push(fake.stop);
  const proxy = await startHoldingProxy(
    fake.url,
    (req) => req.method === 'POST' && held.test(req.url ?? ''),
  );
  cleanups.push(proxy.stop);
  const dir = await makeTempDir('onwatch-jsm-crash-');
  cleanups.push(dir.remove);
  const settingsPath = join(dir.path, 'settings.json');
  const config = {
    kind: 'jsm-ops',
    id: 'jsm',
    name: 'JSM',
    siteUrl: proxy.url,
    email: fake.email,
    apiBaseUrl: proxy.url,
    pollIntervalSeconds: 5,
  };
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'dana', sources: [config] }),
  );
  /** Secrets are ephemeral in these runs: each start gives the token again, as a user would. */
  const start = async () => {
    const onwatch = await startOnwatchProcess(settingsPath);
    running.push(onwatch);
    await onwatch.command('editSource', { config, secrets: { token: fake.token } });
    return onwatch;
  };
  const incidentOf = (state: AppState) => state.incidents.find((i) => i.externalId === checkout);
  return { fake, proxy, start, incidentOf };
}

describe('a JSM action survives the app being killed after JSM accepted it', () => {
  it('an ack: the restart finds the alert acknowledged and sends no second ack', async () => {
    const { fake, proxy, start, incidentOf } = await scenario(/\/acknowledge$/);
    const first = await start();
    const state = await first.waitForState((s) => incidentOf(s)?.status === 'triggered', 30_000);

    proxy.setMode('forward-then-hang');
    await first.command('ack', { key: incidentOf(state)!.key });
    await until(() => fake.alerts.get(checkout)?.acknowledged === true, 'JSM to ack it', 15_000);
    await first.kill('SIGKILL');

    proxy.setMode('pass');
    const second = await start();
    const after = await second.waitForState(
      (s) => s.actions.some((a) => a.state === 'done') && incidentOf(s)?.status === 'acknowledged',
      30_000,
    );
    // An attempt may fail before the token is given again; only one ack ever reached JSM.
    expect(after.actions).toMatchObject([{ state: 'done' }]);
    expect(proxy.matched).toHaveLength(1);
    const acks = fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/acknowledge'),
    );
    expect(acks).toHaveLength(1);
  });

  it('a note: the restart finds its marker and does not post it twice', async () => {
    const { fake, proxy, start, incidentOf } = await scenario(/\/notes$/);
    const first = await start();
    const state = await first.waitForState((s) => incidentOf(s) !== undefined, 30_000);

    proxy.setMode('forward-then-hang');
    await first.command('act', {
      key: incidentOf(state)!.key,
      action: { type: 'note', text: 'Rolled back deploy 4512' },
    });
    await until(() => fake.notesOf(checkout).length === 1, 'JSM to hold the note', 15_000);
    await first.kill('SIGKILL');

    proxy.setMode('pass');
    const second = await start();
    await second.waitForState((s) => s.actions.some((a) => a.state === 'done'), 30_000);
    expect(fake.notesOf(checkout).map((n) => n.note)).toEqual([
      expect.stringMatching(/^Rolled back deploy 4512\n\n\(onwatch ref /),
    ]);
  });

  it('a note typed with an ack: posted after the ack as a note of its own, once, though its answer was lost', async () => {
    const { fake, proxy, start, incidentOf } = await scenario(/\/notes$/);
    const first = await start();
    const state = await first.waitForState((s) => incidentOf(s)?.status === 'triggered', 30_000);

    proxy.setMode('forward-then-hang');
    await first.command('act', {
      key: incidentOf(state)!.key,
      action: { type: 'ack', note: 'Looking at the checkout deploy' },
    });
    await until(() => fake.notesOf(checkout).length === 1, 'JSM to hold the note', 15_000);
    // JSM's ack takes no note: it went bare, and was confirmed before the note was sent.
    expect(fake.alerts.get(checkout)?.acknowledged).toBe(true);
    const ack = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/acknowledge'));
    expect(ack?.requestBody).toBe('');
    await first.kill('SIGKILL');

    proxy.setMode('pass');
    const second = await start();
    await second.waitForState(
      (s) => s.actions.some((a) => a.action.type === 'note' && a.state === 'done'),
      30_000,
    );
    expect(fake.notesOf(checkout).map((n) => n.note)).toEqual([
      expect.stringMatching(/^Looking at the checkout deploy\n\n\(onwatch ref /),
    ]);
    const acks = fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/acknowledge'),
    );
    expect(acks).toHaveLength(1);
  });
});
