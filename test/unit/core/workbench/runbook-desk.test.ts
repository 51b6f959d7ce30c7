import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../electron/core/ports/clock.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { RunbookProgressStore } from '../../../../electron/core/runbooks/runbook-progress-store.js';
import { fakePtyHost, type FakePty } from '../../../support/fake-pty.js';
import { anIncident } from '../../../support/incidents.js';
import { until } from '../../../support/until.js';
import { workbenchHarness } from '../../../support/workbench-harness.js';

const osc = (mark: string) => `\x1b]133;${mark}\x07`;

const podsRunbook = `---
onwatch:
  id: pods
  title: Pod keeps restarting
  match:
    - ['alertname="PodRestarts"']
  env:
    NAMESPACE: labels.namespace
  requires: [sh, onwatch-no-such-tool]
---
# Pod keeps restarting

\`\`\`sh {"name":"describe"}
kubectl -n {{labels.namespace}} describe pod {{labels.pod}}
\`\`\`

- [ ] Last state OOMKilled?

\`\`\`sh {"name":"container"}
echo {{labels.container}}
\`\`\`

\`\`\`sh {"name":"delete","onwatch.confirm":"labels.pod"}
kubectl -n "$NAMESPACE" delete pod {{labels.pod}}
\`\`\`
`;

const incident = anIncident({
  externalId: 'p1',
  labels: { alertname: 'PodRestarts', namespace: 'prod', pod: "api-7'; touch /tmp/x; '" },
  capabilities: {
    ack: true,
    unack: false,
    resolve: false,
    snooze: false,
    reassign: false,
    escalate: false,
    note: true,
    silence: false,
    pause: false,
  },
});
const other = anIncident({
  externalId: 'p2',
  labels: { alertname: 'PodRestarts', namespace: 'dev', pod: 'web-1' },
});

let harness: Awaited<ReturnType<typeof workbenchHarness>>;
let ptys: ReturnType<typeof fakePtyHost>;

beforeEach(async () => {
  ptys = fakePtyHost();
  harness = await workbenchHarness({
    ptyHost: ptys.host,
    runbooks: { 'pods.md': podsRunbook },
    incidents: [incident, other],
  });
});

afterEach(() => harness.stop());

/** The incident's terminal, and its fake pty with a prompt already marked. */
async function incidentTerminal(key = incident.key): Promise<{ id: string; pty: FakePty }> {
  const info = await harness.terminals.open({ incidentKey: key, cols: 80, rows: 24 });
  const pty = ptys.spawned.at(-1)!.pty;
  pty.print(`${osc('A')}$ ${osc('B')}`);
  await until(() => harness.terminals.info(info.id)?.integrated === true, 'the prompt mark');
  return { id: info.id, pty };
}

const run = (id: string, step: string, extra: { confirmed?: boolean; typed?: string } = {}) =>
  harness.desk.runStep(id, { key: incident.key, runbookId: 'pods', step, ...extra });

describe('RunbookDesk', () => {
  it('types the step rendered for the incident, label values quoted, after the env it maps', async () => {
    const { id, pty } = await incidentTerminal();
    run(id, 'describe');
    expect(pty.written.join('')).toBe(
      "export NAMESPACE='prod'\rkubectl -n 'prod' describe pod 'api-7'\\''; touch /tmp/x; '\\'''\r",
    );
  });

  it('refuses a blocked step and names the label it needs', async () => {
    const { id, pty } = await incidentTerminal();
    expect(() => run(id, 'container')).toThrow(/label container \(\{\{labels\.container\}\}\)/);
    expect(pty.written).toEqual([]);
  });

  it('runs a dangerous step only confirmed, with the value it asks for typed exactly', async () => {
    const { id, pty } = await incidentTerminal();
    expect(() => run(id, 'delete')).toThrow(/dangerous .*confirm it first/);
    expect(() => run(id, 'delete', { confirmed: true, typed: 'api-7' })).toThrow(
      /typed to confirm/,
    );
    expect(pty.written).toEqual([]);
    run(id, 'delete', { confirmed: true, typed: incident.labels.pod });
    expect(pty.written.join('')).toContain('delete pod ');
  });

  it('runs steps only in the incident’s own terminal', async () => {
    const { id } = await incidentTerminal(other.key);
    expect(() => run(id, 'describe')).toThrow(/incident’s own terminal/);
    const free = await harness.terminals.open({ cols: 80, rows: 24 });
    expect(() => run(free.id, 'describe')).toThrow(/incident’s own terminal/);
  });

  it('keeps each step’s runs and exit code, and ticked items, in the progress file', async () => {
    const { id, pty } = await incidentTerminal();
    run(id, 'describe');
    await until(
      () => harness.progress.get(incident.key, 'pods').steps.describe?.state === 'running',
    );
    pty.print(`\r\n${osc('C')}Name: api-7\r\n${osc('D;3')}`);
    await until(
      () => harness.progress.get(incident.key, 'pods').steps.describe?.state === 'finished',
    );
    await harness.desk.tick(incident.key, 'pods', 'describe', 'last-state-oomkilled', true);
    await expect(
      harness.desk.tick(incident.key, 'pods', 'describe', 'no-such-item', true),
    ).rejects.toThrow(/no checklist item/);
    await harness.progress.flush();

    // Another run of Onwatch reads the same progress back.
    const reopened = await RunbookProgressStore.open({
      path: harness.progressPath,
      clock: systemClock,
      log: silentLog,
    });
    expect(reopened.get(incident.key, 'pods')).toMatchObject({
      steps: { describe: { runs: 1, state: 'finished', exitCode: 3 } },
      ticked: ['describe/last-state-oomkilled'],
    });
    expect(reopened.get(other.key, 'pods').steps).toEqual({});
    // Never in the runbook itself.
    expect(await readFile(`${harness.runbookDir}/pods.md`, 'utf8')).toBe(podsRunbook);
  });

  it('renders for the incident and reports requires missing on PATH', async () => {
    const rendered = await harness.desk.render(incident.key, 'pods');
    expect(
      rendered.runbook.steps.map((s) => [s.name, s.blockedBy.length > 0, s.danger.length > 0]),
    ).toEqual([
      ['describe', false, false],
      ['container', true, false],
      ['delete', false, true],
    ]);
    expect(rendered.missingTools).toEqual(['onwatch-no-such-tool']);
  });
});
