import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '../../../../electron/common/contract/command-error.js';
import {
  commands,
  type CommandRequest,
} from '../../../../electron/common/contract/ipc-contract.js';
import { OnwatchCore } from '../../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';
import { closeServer, listenOnLoopback } from '../../../support/check-servers.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A core on the real clock (its probes hit a real loopback server), with nothing configured. */
async function startCore() {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  const core = await OnwatchCore.start({
    settingsPath,
    secrets: new MemorySecretStore(),
    log: silentLog,
  });
  const server = createServer((_req, res) => res.end('ok'));
  const port = await listenOnLoopback(server);
  cleanups.push(async () => {
    await core.stop();
    await closeServer(server);
    await dir.remove();
  });
  const saved = async () => JSON.parse(await readFile(settingsPath, 'utf8'));
  const check = (id: string) => core.getState().checks.find((c) => c.checkId === id);
  // As a window sends it: through the contract's schema, defaults and all.
  const save = (request: CommandRequest<'saveCheck'>) =>
    core.handlers.saveCheck(commands.saveCheck.request.parse(request));
  return { core, port, saved, check, save };
}

describe('the Checks page commands', () => {
  it('adds a first local check in a source of its own, ending the drill, and probes it', async () => {
    const { core, port, saved, check, save } = await startCore();
    expect(core.getState().settings.drillIsDefault).toBe(true);

    const answer = await save({
      check: { kind: 'http', name: 'Shop API', url: `http://127.0.0.1:${port}/health` },
    });
    expect(answer).toEqual({ sourceId: 'local-checks', checkId: 'shop-api' });
    expect((await saved()).sources).toMatchObject([
      {
        kind: 'health-checks',
        id: 'local-checks',
        name: 'Local checks',
        checks: [{ name: 'Shop API' }],
      },
    ]);
    expect(core.getState().settings.drillIsDefault).toBe(false);
    await until(() => check('shop-api')?.state === 'up', 'the first probe');
    expect(check('shop-api')).toMatchObject({
      sourceKind: 'health-checks',
      last: { ok: true, summary: expect.stringContaining('200') },
      config: expect.objectContaining({ url: `http://127.0.0.1:${port}/health` }),
    });

    expect(await core.handlers.runCheck({ sourceId: 'local-checks', checkId: 'shop-api' })).toEqual(
      { ok: true, summary: expect.stringContaining('200') },
    );
  });

  it('edits a check in place, keeping what the form does not show, and refuses a second of one name', async () => {
    const { port, saved, save } = await startCore();
    const url = `http://127.0.0.1:${port}/health`;
    const headers = { 'x-probe': 'onwatch' };
    await save({ check: { kind: 'http', name: 'Shop API', url, headers } });
    await save({
      check: { kind: 'tcp', name: 'Shop port', host: '127.0.0.1', port },
    });

    await save({
      sourceId: 'local-checks',
      checkId: 'shop-api',
      check: { kind: 'http', name: 'Shop API v2', url: `${url}?v=2`, headers },
    });
    const checks = (await saved()).sources[0].checks;
    expect(checks.map((c: { name: string }) => c.name)).toEqual(['Shop API v2', 'Shop port']);
    expect(checks[0].headers).toEqual(headers);

    const twin = save({
      check: { kind: 'tcp', name: 'shop port', host: '127.0.0.1', port },
    });
    await expect(twin).rejects.toBeInstanceOf(CommandError);
    await expect(twin).rejects.toMatchObject({
      code: 'invalid-request',
      issues: [{ path: ['check', 'name'], message: expect.stringMatching(/names must differ/) }],
    });
    expect((await saved()).sources[0].checks).toHaveLength(2);
  });

  it('removes checks one by one; the last one takes its source, and the drill plays again', async () => {
    const { core, port, saved, save } = await startCore();
    await save({ check: { kind: 'tcp', name: 'A', host: '127.0.0.1', port } });
    await save({ check: { kind: 'tcp', name: 'B', host: '127.0.0.1', port } });

    await core.handlers.removeCheck({ sourceId: 'local-checks', checkId: 'a' });
    expect((await saved()).sources[0].checks.map((c: { name: string }) => c.name)).toEqual(['B']);
    await core.handlers.removeCheck({ sourceId: 'local-checks', checkId: 'b' });
    expect((await saved()).sources).toEqual([]);
    expect(core.getState().settings.drillIsDefault).toBe(true);
  });

  it('says plainly when there is nothing to run or edit', async () => {
    const { core, save } = await startCore();
    await expect(core.handlers.runCheck({ sourceId: 'nope', checkId: 'x' })).rejects.toThrow(
      /probes nothing/,
    );
    await expect(
      save({
        sourceId: 'nope',
        check: { kind: 'tcp', name: 'A', host: '127.0.0.1', port: 1 },
      }),
    ).rejects.toThrow(/no local-checks source/);
  });
});
