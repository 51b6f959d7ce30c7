import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakePtyHost, type FakePty } from '../../../support/fake-pty.js';
import { anIncident } from '../../../support/incidents.js';
import { until } from '../../../support/until.js';
import { workbenchHarness } from '../../../support/workbench-harness.js';

const osc = (mark: string) => `\x1b]133;${mark}\x07`;
const fence = (name: string, command: string, attributes = '') =>
  `\`\`\`sh {"name":"${name}"${attributes}}\n${command}\n\`\`\`\n`;

const runbook = [
  '---',
  'onwatch:',
  '  id: checks',
  '  match:',
  `    - ['alertname="Checks"']`,
  '---',
  '# Checks',
  fence('one', 'echo one'),
  fence('wipe', 'rm -rf /tmp/onwatch-nothing'),
  fence('two', 'echo two'),
  fence('later', 'echo later', ',"excludeFromRunAll":"true"'),
  fence('three', 'echo three'),
].join('\n');

const incident = anIncident({ externalId: 'c1', labels: { alertname: 'Checks' } });

let harness: Awaited<ReturnType<typeof workbenchHarness>>;
let ptys: ReturnType<typeof fakePtyHost>;

beforeEach(async () => {
  ptys = fakePtyHost();
  harness = await workbenchHarness({
    ptyHost: ptys.host,
    runbooks: { 'checks.md': runbook },
    incidents: [incident],
  });
});

afterEach(() => harness.stop());

async function terminal(marked = true): Promise<{ id: string; pty: FakePty }> {
  const info = await harness.terminals.open({ incidentKey: incident.key, cols: 80, rows: 24 });
  const pty = ptys.spawned.at(-1)!.pty;
  if (marked) {
    pty.print(`${osc('A')}$ ${osc('B')}`);
    await until(() => harness.terminals.info(info.id)?.integrated === true, 'the prompt mark');
  }
  return { id: info.id, pty };
}

/** The shell ran what was typed last and ended with `code`. */
const finish = (pty: FakePty, code: number) =>
  pty.print(`\r\n${osc('C')}out\r\n${osc(`D;${code}`)}${osc('A')}$ ${osc('B')}`);

const typedCount = (pty: FakePty) => pty.written.length;

describe('Run all', () => {
  it('runs the marked steps one at a time, never the dangerous one, and stops at a failure', async () => {
    const { id, pty } = await terminal();
    expect(harness.runAll.start(id, incident.key, 'checks')).toEqual(['one', 'two', 'three']);
    await until(() => typedCount(pty) === 1, 'the first step');
    expect(pty.written[0]).toContain('echo one');
    finish(pty, 0);
    await until(() => typedCount(pty) === 2, 'the second step');
    expect(pty.written[1]).toContain('echo two');
    finish(pty, 2);
    await until(() => harness.runAllStates.at(-1)?.done === true, 'Run all to end');
    expect(harness.runAllStates.at(-1)).toMatchObject({
      done: true,
      remaining: ['three'],
      message: '“two” ended with exit code 2; the rest did not run.',
    });
    expect(pty.written.join('')).not.toMatch(/rm -rf|echo three|echo later/);
  });

  it('stops on request and refuses a shell that does not mark its commands', async () => {
    const { id, pty } = await terminal();
    harness.runAll.start(id, incident.key, 'checks');
    await until(() => typedCount(pty) === 1, 'the first step');
    harness.runAll.stop(id);
    finish(pty, 0);
    expect(harness.runAllStates.at(-1)).toMatchObject({ done: true });
    expect(pty.written).toHaveLength(1);

    // A new shell in the incident's slot that has marked nothing.
    await harness.terminals.close(id);
    const plain = await terminal(false);
    expect(() => harness.runAll.start(plain.id, incident.key, 'checks')).toThrow(
      /does not report when a command ends/,
    );
  });
});
