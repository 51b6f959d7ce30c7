/**
 * The runbook library at the size of a big team's folder: 500 files (in 25 subfolders, a few
 * hundred lines each with steps, checklists and regex matchers) read cold into a new library,
 * and one incident matched against all of them. Targets (issue 11): load ≤ 1 s, match ≤ 1 ms.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { incidentFacts } from '../../electron/core/runbooks/incident-facts.js';
import { RunbookLibrary } from '../../electron/core/runbooks/runbook-library.js';
import { anIncident } from '../support/incidents.js';
import { makeTempDir } from '../support/temp-dir.js';

const files = 500;

function runbookFile(i: number): string {
  const steps = Array.from({ length: 3 + (i % 4) }, (_, s) =>
    [
      `## ${s + 1}. Step ${s + 1} of alert ${i}`,
      '',
      'Why this step matters, in a paragraph or two of prose that explains what to look for.',
      '',
      `\`\`\`sh {"name":"step-${s}"${s === 2 ? ',"onwatch.danger":"restarts the service"' : ''}}`,
      `kubectl -n {{labels.namespace}} get pods -l app={{labels.service}} -o wide | grep -v Running`,
      `kubectl -n "$NAMESPACE" logs deploy/{{labels.service}} --tail=100 | grep -i 'error\\|timeout'`,
      '```',
      '',
      '- [ ] Pods running and ready',
      '- [ ] No errors in the last 100 log lines',
      '',
    ].join('\n'),
  ).join('\n');
  return [
    '---',
    'shell: bash',
    'onwatch:',
    `  id: alert-${i}`,
    `  title: Alert ${i} is firing`,
    '  match:',
    `    - ['alertname="Alert${i}"']`,
    `    - ['alertname=~"Alert${i}|AlertGroup${i % 40}"', 'severity=~"critical|error"', 'team!="nobody"']`,
    '  runbook_urls:',
    `    - https://runbooks.example.com/team/alert${i}`,
    '  env:',
    '    NAMESPACE: labels.namespace',
    '    SERVICE: labels.service',
    "  redact: ['(?i)token=\\S+']",
    '---',
    `# Alert ${i}`,
    '',
    'What it means, who is affected, how urgent it is: {{labels.service}} in {{labels.namespace}}.',
    '',
    steps,
  ].join('\n');
}

function percentile(values: number[], share: number): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * share)]!;
}

export async function benchRunbooks(): Promise<string[]> {
  const dir = await makeTempDir('onwatch-runbook-bench-');
  try {
    for (let folder = 0; folder < 25; folder++) await mkdir(join(dir.path, `team-${folder}`));
    await Promise.all(
      Array.from({ length: files }, (_, i) =>
        writeFile(join(dir.path, `team-${i % 25}`, `Alert${i}.md`), runbookFile(i)),
      ),
    );
    const folders = [{ path: dir.path, origin: 'user' as const }];

    const loads: number[] = [];
    let library: RunbookLibrary | undefined;
    for (let run = 0; run < 5; run++) {
      library?.close();
      const start = performance.now();
      library = await RunbookLibrary.open({ folders });
      loads.push(performance.now() - start);
    }
    if (library!.list().length !== files || library!.problems().length > 0) {
      throw new Error(`bench runbooks did not load: ${JSON.stringify(library!.problems()[0])}`);
    }

    const incident = (labels: Record<string, string>, url?: string) =>
      incidentFacts(anIncident({ labels, links: url ? [{ label: 'Runbook', url }] : [] }));
    const byRule = incident({
      alertname: 'AlertGroup7',
      severity: 'critical',
      namespace: 'shop',
      service: 'web',
    });
    const byUrl = incident({ alertname: 'X' }, 'https://runbooks.example.com/team/alert321/');
    const noMatch = incident({ alertname: 'Nothing', severity: 'info', namespace: 'shop' });
    const time = (work: () => void) => {
      for (let i = 0; i < 200; i++) work();
      const runs: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const start = performance.now();
        work();
        runs.push(performance.now() - start);
      }
      return { median: percentile(runs, 0.5), p99: percentile(runs, 0.99) };
    };
    const rule = time(() => library!.match(byRule));
    const url = time(() => library!.match(byUrl));
    const none = time(() => library!.match(noMatch));
    const candidate = library!.match(byRule).candidates[0]!;
    const render = time(() => library!.render(candidate.runbookId, byRule));
    library!.close();

    const ms = (t: { median: number; p99: number }) =>
      `${t.median.toFixed(3)} / ${t.p99.toFixed(3)} ms`;
    return [
      `runbooks: ${files} files in 25 folders into a new library: first load ${loads[0]!.toFixed(0)} ms (code not yet optimised by the JIT), then median ${percentile(loads.slice(1), 0.5).toFixed(0)} ms (target ≤ 1000 ms)`,
      `match one incident (median / p99 of 1000): by rule ${ms(rule)}, by runbook_url ${ms(url)}, no match + draft ${ms(none)} (target ≤ 1 ms)`,
      `render the matched runbook for it: ${ms(render)}`,
    ];
  } finally {
    await dir.remove();
  }
}
