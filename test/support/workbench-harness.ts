import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Caller,
  EventPayload,
  ViewerEventName,
} from '../../electron/common/contract/ipc-contract.js';
import type { Incident } from '../../electron/common/model/incident.js';
import { ViewerHub } from '../../electron/core/engine/viewer-hub.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import type { PtyHost } from '../../electron/core/ports/pty-host.js';
import { RunbookLibrary } from '../../electron/core/runbooks/runbook-library.js';
import { RunbookProgressStore } from '../../electron/core/runbooks/runbook-progress-store.js';
import { TerminalService } from '../../electron/core/terminal/terminal-service.js';
import { RunAll } from '../../electron/core/workbench/run-all.js';
import { RunbookDesk } from '../../electron/core/workbench/runbook-desk.js';
import { RunbookTranscripts } from '../../electron/core/workbench/runbook-transcripts.js';
import { makeTempDir } from './temp-dir.js';

export const desktop: Caller = { viewer: 'window', transport: 'electron' };

export type ViewerEvent = {
  [E in ViewerEventName]: { name: E; payload: EventPayload<E> };
}[ViewerEventName];

/**
 * The runbook workbench as the core wires it (library, progress, terminals, desk, Run all,
 * transcripts) over `ptyHost`, with runbook files of the test's own, incidents it sets, and a
 * note outbox that records what it was given. Shells start in a private HOME.
 */
export async function workbenchHarness(options: {
  ptyHost: PtyHost;
  runbooks: Record<string, string>;
  incidents: Incident[];
  terminal?: { allowInBrowserHost?: boolean; incidentDirectory?: string };
  allowInBrowserHost?: boolean;
  /** The shell to start, as SHELL says it; bash unless the test says otherwise (or none). */
  shellVariable?: string | null;
}) {
  const dir = await makeTempDir('onwatch-workbench-');
  const runbookDir = join(dir.path, 'runbooks');
  const home = join(dir.path, 'home');
  await mkdir(runbookDir);
  await mkdir(home);
  for (const [name, text] of Object.entries(options.runbooks)) {
    await writeFile(join(runbookDir, name), text);
  }
  const incidents = new Map(options.incidents.map((incident) => [incident.key, incident]));
  const library = await RunbookLibrary.open({
    folders: [{ path: runbookDir, origin: 'user' }],
    watch: false,
  });
  const progressPath = join(dir.path, 'runbook-progress.json');
  const progress = await RunbookProgressStore.open({
    path: progressPath,
    clock: systemClock,
    log: silentLog,
  });
  const hub = new ViewerHub();
  const events: ViewerEvent[] = [];
  hub.connect(desktop, (name, payload) => events.push({ name, payload } as ViewerEvent));
  const terminals = new TerminalService({
    clock: systemClock,
    log: silentLog,
    hub,
    integrationDir: join(dir.path, 'shell-integration'),
    settings: () => options.terminal ?? {},
    allowInBrowserHost: options.allowInBrowserHost,
    ptyHost: () => options.ptyHost,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      LANG: 'C.UTF-8',
      ...(options.shellVariable !== null && { SHELL: options.shellVariable ?? '/bin/bash' }),
    },
    tuning: { exitDrainMs: 20 },
  });
  const desk = new RunbookDesk({
    library,
    progress,
    terminals,
    incident: (key) => incidents.get(key),
  });
  const runAllStates: EventPayload<'terminalRunAll'>[] = [];
  const runAll = new RunAll({
    desk,
    terminals,
    clock: systemClock,
    report: (state) => runAllStates.push(state),
  });
  const notes: { key: string; text: string }[] = [];
  const transcripts = new RunbookTranscripts({
    desk,
    library,
    progress,
    terminals,
    clock: systemClock,
    incident: (key) => incidents.get(key),
    sourceName: (id) => `Source ${id}`,
    enqueueNote: async (key, text) => {
      notes.push({ key, text });
      return { actionId: `note-${notes.length}` };
    },
    dir: join(dir.path, 'transcripts'),
  });
  return {
    dir: dir.path,
    home,
    runbookDir,
    progressPath,
    incidents,
    library,
    progress,
    hub,
    events,
    terminals,
    desk,
    runAll,
    runAllStates,
    transcripts,
    notes,
    stop: async () => {
      await terminals.dispose();
      library.close();
      await progress.close();
      await dir.remove();
    },
  };
}
