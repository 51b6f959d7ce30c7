import type { Fault } from './fault-catalogue.js';
import type { CellResult } from './fault-cell.js';
import type { SourceRig } from './source-rigs.js';

/**
 * How the fault tests run. By default (and always under CI) every cell asserts. While fixes
 * are under way, `ONWATCH_FAULTS=report` still prints the whole table but lets failing cells
 * pass as skipped, and `ONWATCH_FAULT_CELLS=pagerduty,alertmanager/hang` runs only the cells
 * whose id contains one of the parts.
 */
export function faultTestMode(env = process.env) {
  const reportOnly = env.ONWATCH_FAULTS === 'report';
  const only = env.ONWATCH_FAULT_CELLS?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (env.CI && (reportOnly || only)) {
    throw new Error(
      'ONWATCH_FAULTS and ONWATCH_FAULT_CELLS are for local runs: CI asserts every cell',
    );
  }
  return {
    reportOnly,
    selects: (cellId: string) => !only?.length || only.some((part) => cellId.includes(part)),
  };
}

export const cellId = (rig: SourceRig, rowId: string) =>
  `${rig.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${rowId}`;

/**
 * Runs `tasks` with at most `concurrency` at once, starting them `staggerMs` apart so the
 * processes they start do not all compete for the CPU in the same instant.
 */
export async function runPool<T>(
  tasks: readonly (() => Promise<T>)[],
  concurrency: number,
  staggerMs: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, index * staggerMs));
    while (next < tasks.length) {
      const mine = next++;
      results[mine] = await tasks[mine]!();
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, (_, i) => worker(i)),
  );
  return results;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * The matrix as a Markdown table, "blind s / back s" per cell like the issue's: a broken time in
 * bold, ✗ on a cell that broke another promise, then each failing cell's broken promises.
 */
export function matrixTable(
  rigs: readonly SourceRig[],
  rows: readonly Fault[],
  results: ReadonlyMap<string, CellResult>,
  limits: { blindMs: number; backMs: number },
): string {
  const bold = (text: string, broken: boolean) => (broken ? `**${text}**` : text);
  const cellText = (rig: SourceRig, fault: Fault) => {
    if (!fault.appliesTo(rig)) return 'n/a';
    const result = results.get(cellId(rig, fault.id));
    if (!result) return '–';
    const { blindAfterMs: blind, backAfterMs: back } = result;
    const blindText = bold(
      blind === undefined ? 'never' : seconds(blind),
      blind === undefined || blind > limits.blindMs,
    );
    const backText = bold(
      back === undefined ? 'not back' : seconds(back),
      back === undefined || back > limits.backMs,
    );
    const other = result.failures.some((f) => f.check !== 'blind' && f.check !== 'back');
    return `${blindText} / ${backText}${other ? ' ✗' : ''}`;
  };
  const lines = [
    `| fault | ${rigs.map((r) => r.name).join(' | ')} |`,
    `|---|${rigs.map(() => '---').join('|')}|`,
    ...rows.map(
      (fault) => `| ${fault.label} | ${rigs.map((rig) => cellText(rig, fault)).join(' | ')} |`,
    ),
  ];
  const all = [...results.values()];
  const passed = all.filter((r) => r.failures.length === 0).length;
  const failing = all
    .filter((r) => r.failures.length > 0)
    .map((r) => `- ${r.rig} · ${r.fault}: ${r.failures.map((f) => f.message).join('; ')}`);
  return [
    ...lines,
    '',
    `${passed} of ${all.length} cells kept every promise (blind ≤ ${seconds(limits.blindMs)} s, back ≤ ${seconds(limits.backMs)} s).`,
    ...(failing.length > 0 ? ['', ...failing] : []),
  ].join('\n');
}
