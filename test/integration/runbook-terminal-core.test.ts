import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/common/contract/ipc-contract.js';
import { noCapabilities } from '../../electron/common/model/incident.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { anIncident } from '../support/incidents.js';
import { ScriptedSource } from '../support/scripted-source.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';
import type { ViewerEvent } from '../support/workbench-harness.js';

const desktop: Caller = { viewer: 'window', transport: 'electron' };
const browserTab: Caller = { viewer: 'browser-1', transport: 'browser' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A core with one scripted Alertmanager-kind source carrying `incident`, on a real bash. */
async function startCore(labels: Record<string, string>, runbook: string) {
  const dir = await makeTempDir('onwatch-core-terminal-');
  const home = join(dir.path, 'home');
  await mkdir(home);
  await mkdir(join(dir.path, 'runbooks'));
  await writeFile(join(dir.path, 'runbooks', 'hostile.md'), runbook);
  const settingsPath = join(dir.path, 'settings.json');
  const source = new ScriptedSource('am');
  const incident = anIncident({
    externalId: 'h1',
    labels: { alertname: 'Hostile', ...labels },
    capabilities: { ...noCapabilities, ack: true, note: true },
  });
  source.incidents = [incident];
  await writeFile(
    settingsPath,
    JSON.stringify({
      sources: [
        {
          kind: 'alertmanager',
          id: 'am',
          name: 'Scripted',
          baseUrl: 'http://127.0.0.1:9',
          auth: { type: 'none' },
          pollIntervalSeconds: 30,
          timeoutSeconds: 10,
        },
      ],
    }),
  );
  const core = await OnwatchCore.start({
    settingsPath,
    secrets: new MemorySecretStore(),
    log: silentLog,
    createSource: () => source,
    watchRunbooks: false,
    terminal: { env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/bash', LANG: 'C.UTF-8' } },
  });
  const events: ViewerEvent[] = [];
  core.connectViewer(desktop, (name, payload) => events.push({ name, payload } as ViewerEvent));
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await until(() => core.getState().incidents.length === 1, 'the incident');
  return { core, dir: dir.path, source, key: incident.key, events };
}

describe('runbook steps through the core on a real bash', () => {
  it('runs a hostile label value as inert text: no file is created, the value is echoed whole', async () => {
    const targets = await makeTempDir('onwatch-hostile-');
    cleanups.push(targets.remove);
    const dir = targets.path;
    const substituted = join(dir, 'from-substitution');
    const quoted = join(dir, 'from-quote-breakout');
    const backticked = join(dir, 'from-backticks');
    const labels = {
      pod: `$(touch ${substituted})`,
      namespace: `'; touch ${quoted}; '`,
      container: `\`touch ${backticked}\``,
    };
    const runbook = [
      '---',
      'onwatch:',
      '  id: hostile',
      '  match:',
      `    - ['alertname="Hostile"']`,
      '  env:',
      '    NS: labels.namespace',
      '---',
      '# Hostile labels',
      '',
      '```sh {"name":"echo-them"}',
      'printf "%s|%s|%s\\n" {{labels.pod}} "$NS" {{labels.container}}',
      '```',
      '',
    ].join('\n');
    const { core, key, events } = await startCore(labels, runbook);
    const { handlers } = core;

    const terminal = await handlers.terminalOpen(
      { incidentKey: key, cols: 200, rows: 30 },
      desktop,
    );
    await until(
      async () => (await handlers.terminalList({}, desktop)).some((t) => t.integrated),
      'the first prompt',
      15_000,
    );
    await handlers.terminalAttach({ id: terminal.id }, desktop);
    await handlers.terminalRunStep(
      { id: terminal.id, key, runbookId: 'hostile', step: 'echo-them' },
      desktop,
    );
    await until(
      () =>
        events.some(
          (e) =>
            e.name === 'runbookProgress' &&
            e.payload.progress.steps['echo-them']?.state === 'finished',
        ),
      'the step to finish',
      15_000,
    );
    const preview = await handlers.previewTranscript({ key, runbookId: 'hostile' }, desktop);
    expect(preview.text).toContain(`${labels.pod}|${labels.namespace}|${labels.container}`);
    expect(preview.text).toContain('## echo-them: exit 0');
    expect(existsSync(substituted)).toBe(false);
    expect(existsSync(quoted)).toBe(false);
    expect(existsSync(backticked)).toBe(false);
    // The window attached got the output as numbered data.
    expect(events.some((e) => e.name === 'terminalData')).toBe(true);
  });

  it('sends the transcript to the source as one note, and keeps the browser host out', async () => {
    const runbook = [
      '---',
      'onwatch:',
      '  id: hello',
      '  match:',
      `    - ['alertname="Hostile"']`,
      '---',
      '# Hello',
      '',
      '```sh {"name":"hello"}',
      'echo hello {{labels.who}}',
      '```',
      '',
    ].join('\n');
    const { core, key, source, events } = await startCore({ who: 'world' }, runbook);
    const { handlers } = core;

    await expect(handlers.terminalOpen({ cols: 80, rows: 24 }, browserTab)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      handlers.updateRunbookSettings({ terminalInBrowser: true }, browserTab),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await handlers.terminalAccess({}, browserTab)).enabled).toBe(false);
    // A transcript is terminal output: a page kept out of terminals cannot read one either.
    await expect(
      handlers.previewTranscript({ key, runbookId: 'hello' }, browserTab),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const terminal = await handlers.terminalOpen({ incidentKey: key, cols: 80, rows: 24 }, desktop);
    await until(
      async () => (await handlers.terminalList({}, desktop)).some((t) => t.integrated),
      'the first prompt',
      15_000,
    );
    await handlers.terminalRunStep(
      { id: terminal.id, key, runbookId: 'hello', step: 'hello' },
      desktop,
    );
    await until(
      () =>
        events.some(
          (e) => e.name === 'runbookProgress' && e.payload.progress.steps.hello?.exitCode === 0,
        ),
      'the step to finish',
      15_000,
    );
    const { text } = await handlers.previewTranscript({ key, runbookId: 'hello' }, desktop);
    const posted = await handlers.postTranscript({ key, runbookId: 'hello', text }, desktop);
    expect(posted.delivery).toBe('note');
    await until(
      () => source.actions.some((a) => a.action === 'note'),
      'the note to reach the source',
    );
    const again = await handlers.postTranscript({ key, runbookId: 'hello', text }, desktop);
    expect(again).toMatchObject({ alreadyPosted: true, actionId: posted.actionId });
    expect(source.actions.filter((a) => a.action === 'note')).toHaveLength(1);
    expect(existsSync(posted.savedTo)).toBe(true);

    // Turned on from the desktop, a browser-host page may use terminals.
    await handlers.updateRunbookSettings({ terminalInBrowser: true }, desktop);
    expect((await handlers.terminalAccess({}, browserTab)).enabled).toBe(true);

    // Quitting ends the shell.
    const { pid } = terminal;
    await core.stop();
    await until(() => !alive(pid), 'the shell to end');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
