import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusPageConfig } from '../../electron/common/model/status-page-config.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { statusPageKeyAccount } from '../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startStatuspageFake } from '../fakes/statuspage-fake.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * The status-page commands as a window sends them, through the whole core with its real
 * settings file and an in-memory keychain, against the loopback Statuspage fake: the key goes
 * to the keychain and nowhere else, Test connection lists the pages it reaches, and a page
 * connected is read and shown; the drill brings its practice page.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCore() {
  const fake = await startStatuspageFake();
  cleanups.push(fake.stop);
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const settingsPath = join(dir.path, 'settings.json');
  const secrets = new MemorySecretStore();
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    log: silentLog,
    watchRunbooks: false,
  });
  cleanups.push(() => core.stop());
  return { fake, core, secrets, settingsPath };
}

describe('status-page commands', () => {
  it('connects a page: the key to the keychain only, the page read and shown beside the practice page', async () => {
    const { fake, core, secrets, settingsPath } = await startCore();
    const { handlers } = core;

    await until(
      () => core.getState().statusPages.pages.some((p) => p.practice && p.health === 'ok'),
      'the practice page',
    );
    expect(await handlers.testStatusPage({ apiKey: 'wrong', apiBaseUrl: fake.baseUrl })).toEqual({
      ok: false,
      error: 'Statuspage did not accept the API key (HTTP 401)',
    });
    const tested = await handlers.testStatusPage({ apiKey: fake.apiKey, apiBaseUrl: fake.baseUrl });
    expect(tested).toEqual({
      ok: true,
      pages: [
        { id: fake.pages.public, name: 'Acme Status', components: 6 },
        { id: fake.pages.internal, name: 'Acme Internal', components: 2 },
      ],
    });

    const config: StatusPageConfig = {
      kind: 'statuspage',
      id: 'acme',
      name: 'Acme public',
      pageId: 'acmepublic01',
      apiBaseUrl: fake.baseUrl,
      mappings: [],
      reminders: { resolveGraceMinutes: 10, declareAfterMinutes: 15 },
    };
    await expect(handlers.addStatusPage({ config })).rejects.toMatchObject({
      code: 'invalid-request',
      issues: [{ path: ['apiKey'] }],
    });
    await handlers.addStatusPage({ config, apiKey: fake.apiKey });
    expect(await secrets.get(statusPageKeyAccount('acme'))).toBe(fake.apiKey);
    const file = await readFile(settingsPath, 'utf8');
    expect(file).not.toContain(fake.apiKey);
    expect(JSON.parse(file).statusPages).toEqual([config]);
    expect(JSON.stringify(core.getState())).not.toContain(fake.apiKey);
    expect(core.getState().settings.statusPages).toEqual([{ config, apiKeyConfigured: true }]);

    await until(
      () => core.getState().statusPages.pages.find((p) => p.id === 'acme')?.health === 'ok',
      'the page to be read',
      15_000,
    );
    const acme = core.getState().statusPages.pages.find((p) => p.id === 'acme')!;
    expect(acme.view!.pageName).toBe('Acme Status');
    expect(core.getState().statusPages.pages.map((p) => p.id)).toEqual(['acme', 'practice']);

    await handlers.removeStatusPage({ id: 'acme' });
    expect(await secrets.get(statusPageKeyAccount('acme'))).toBeUndefined();
    expect(core.getState().statusPages.pages.map((p) => p.id)).toEqual(['practice']);
  }, 30_000);

  it('declares on the practice page, which writes nowhere', async () => {
    const { fake, core } = await startCore();
    await until(
      () => core.getState().statusPages.pages.some((p) => p.practice && p.health === 'ok'),
      'the practice page',
    );
    await core.handlers.declareStatusPageIncident({
      statusPageId: 'practice',
      draft: {
        name: 'Slow responses on Checkout',
        status: 'investigating',
        body: 'We are investigating.',
        components: { 'prc-checkout': 'partial_outage' },
        deliverNotifications: true,
      },
    });
    await until(
      () =>
        core
          .getState()
          .statusPages.pages[0]!.view!.openIncidents.some(
            (i) => i.name === 'Slow responses on Checkout',
          ),
      'the practice incident',
    );
    const checkout = core
      .getState()
      .statusPages.pages[0]!.view!.catalog.components.find((c) => c.id === 'prc-checkout');
    expect(checkout?.status).toBe('partial_outage');
    expect(fake.requests).toEqual([]);
  });
});
