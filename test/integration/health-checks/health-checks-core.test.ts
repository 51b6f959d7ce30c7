import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import { closeServer } from '../../support/check-servers.js';
import { FakeNotifier } from '../../support/fake-notifier.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';

/**
 * A local HTTP check through the whole core, on real time and a real server: the server goes
 * away, the check fails three times, its incident is triggered and climbs the ladder; the server
 * comes back, two passes later the incident resolves itself.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serveOn(port: number): Promise<Server> {
  const server = createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('a failing HTTP check in OnwatchCore', () => {
  it('becomes a triggered incident on the ladder, and resolves when the server is back', async () => {
    let server = await serveOn(0);
    const port = (server.address() as { port: number }).port;
    cleanups.push(() => closeServer(server));
    const dir = await makeTempDir();
    cleanups.push(dir.remove);
    const settingsPath = join(dir.path, 'settings.json');
    await writeFile(
      settingsPath,
      JSON.stringify({
        version: 1,
        responderName: 'dana',
        sources: [
          {
            kind: 'health-checks',
            id: 'checks',
            name: 'Local checks',
            pollIntervalSeconds: 5,
            flap: { failAfter: 3, recoverAfter: 2, retryEverySeconds: 1 },
            checks: [
              {
                kind: 'http',
                name: 'Shop API',
                url: `http://127.0.0.1:${port}/health`,
                intervalSeconds: 5,
                timeoutSeconds: 2,
                json: { path: 'status', equals: 'ok' },
              },
            ],
          },
        ],
      }),
    );
    const notifier = new FakeNotifier();
    const core = await OnwatchCore.start({
      settingsPath,
      secrets: new MemorySecretStore(),
      log: silentLog,
      notifier,
      timeZone: 'UTC',
      watchRunbooks: false,
    });
    cleanups.push(() => core.stop());
    const checkIncidents = () => core.getState().incidents.filter((i) => i.sourceId === 'checks');

    await until(() => core.getState().sources[0]?.health === 'ok', 'the first poll', 10_000);
    expect(checkIncidents()).toEqual([]);

    await closeServer(server);
    await until(() => checkIncidents().length > 0, 'the incident', 20_000);
    const [incident] = checkIncidents();
    expect(incident).toMatchObject({
      title: `Shop API is failing: nothing is listening at 127.0.0.1:${port} (connection refused)`,
      service: 'Shop API',
      status: 'triggered',
      urgency: 'high',
      labels: {
        check: 'Shop API',
        kind: 'http',
        phase: 'connect',
        target: `http://127.0.0.1:${port}/health`,
      },
    });
    expect(incident!.annotations?.timings).toMatch(/^dns 0\.0 ms · connect \d/);
    await until(
      () => core.getState().attention.stages[incident!.key] !== undefined,
      'the ladder',
      5_000,
    );
    expect(notifier.history.some((n) => n.title.includes('Shop API'))).toBe(true);
    // The source itself is healthy: a failing check is an incident, not a blind source.
    expect(core.getState().sources[0]?.health).toBe('ok');

    server = await serveOn(port);
    await until(() => checkIncidents().length === 0, 'the recovery', 20_000);
    expect(core.getState().attention.stages[incident!.key]).toBeUndefined();
  }, 60_000);
});
