/**
 * Resident memory of the core as a user runs it: the compiled browser host (no tsx loader in
 * the process), first with nothing configured (the drill), then with the four paging sources
 * added through the same command the Settings page sends, each polling its provider (a real
 * Alertmanager and the PagerDuty, Opsgenie and Splunk On-Call fakes) for a while. Each is read
 * once a second for 20 s after things settle: between V8's full collections, what a poll leaves
 * behind piles up by a few megabytes, so one reading alone says more about when it was taken.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBrowserHost } from '../support/compiled-host.js';
import { startOnwatchProcess } from '../support/onwatch-process.js';
import { residentMemory } from '../support/peak-memory.js';
import { sourceRigs, type RigService } from '../support/source-rigs.js';

/** Resident memory over the readings of one phase. */
export interface ResidentReadings {
  medianMB: number;
  maxMB: number;
}

export interface CoreMemory {
  drill: ResidentReadings;
  fourSources: ResidentReadings;
}

const settleMs = 20_000;
const readings = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readResident(nowKB: () => number): Promise<ResidentReadings> {
  const mb: number[] = [];
  for (let i = 0; i < readings; i++) {
    if (i > 0) await sleep(1000);
    mb.push(nowKB() / 1024);
  }
  mb.sort((a, b) => a - b);
  return { medianMB: (mb[readings / 2 - 1]! + mb[readings / 2]!) / 2, maxMB: mb.at(-1)! };
}

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
    const drill = await readResident(memory.nowKB);

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
    return { drill, fourSources: await readResident(memory.nowKB) };
  } finally {
    await onwatch.kill();
    for (const service of services) await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
