/**
 * Resident memory of the core as a user runs it: the compiled browser host (no tsx loader in
 * the process), first with nothing configured (the drill), then with the four paging sources
 * added through the same command the Settings page sends, each polling its provider (a real
 * Alertmanager and the PagerDuty, Opsgenie and Splunk On-Call fakes) for a while.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBrowserHost } from '../support/compiled-host.js';
import { startOnwatchProcess } from '../support/onwatch-process.js';
import { residentMemory } from '../support/peak-memory.js';
import { sourceRigs, type RigService } from '../support/source-rigs.js';

export interface CoreMemory {
  drillMB: number;
  fourSourcesMB: number;
}

const settleMs = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureCoreMemory(): Promise<CoreMemory> {
  const compiledCli = await compileBrowserHost();
  const dir = await mkdtemp(join(tmpdir(), 'onwatch-core-memory-'));
  const services: RigService[] = [];
  const settingsPath = join(dir, 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ version: 1, responderName: 'alice' }));
  const onwatch = await startOnwatchProcess(settingsPath, { compiledCli });
  try {
    const memory = residentMemory(onwatch.pid);
    await onwatch.waitForState((state) => state.incidents.length > 0, 30_000);
    await sleep(settleMs);
    const drillMB = memory.nowKB() / 1024;

    for (const rig of sourceRigs) {
      const service = await rig.start('http://127.0.0.1:1');
      services.push(service);
      await onwatch.command('addSource', {
        config: {
          ...service.config(service.upstream),
          id: rig.name.toLowerCase().replace(/\W+/g, '-'),
          name: rig.name,
          pollIntervalSeconds: 10,
        },
        secrets: service.secrets,
      });
    }
    await onwatch.waitForState(
      (state) => state.sources.filter((source) => source.lastSuccessAt).length >= 4,
      60_000,
    );
    await sleep(settleMs);
    return { drillMB, fourSourcesMB: memory.nowKB() / 1024 };
  } finally {
    await onwatch.kill();
    for (const service of services) await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
