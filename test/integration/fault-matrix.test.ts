/**
 * Never blind by mistake, never blind unseen: every fault a provider can throw at a source,
 * played by a proxy between the compiled browser host (its own process, as a user runs it) and
 * each source's provider — the real Alertmanager and the PagerDuty, Opsgenie, JSM Operations,
 * Splunk On-Call, Healthchecks.io and NodePing fakes — and measured from outside: the app
 * state over the WebSocket, the desktop notifications on a private session bus, the process
 * and its resident memory.
 *
 * Each cell: blind within two intervals with a reason in words; trusted again within one
 * interval of the fault ending; no incident lost or duplicated; the "you may miss pages" alert
 * once, and nothing else repeated; the process alive; memory within bounds. The table prints
 * with the results. Rows: fault-catalogue.ts; columns: source-rigs.ts (a new source kind is
 * one rig there). Local runs may report without failing, or run some cells only (see
 * fault-matrix-report.ts): `ONWATCH_FAULTS=report npx vitest run test/integration/fault-matrix.test.ts`.
 */
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileBrowserHost } from '../support/compiled-host.js';
import { faults } from '../support/fault-catalogue.js';
import { matrixTiming, runCell, type CellResult } from '../support/fault-cell.js';
import { cellId, faultTestMode, matrixTable, runPool } from '../support/fault-matrix-report.js';
import { sourceRigs } from '../support/source-rigs.js';

const mode = faultTestMode();
/** Cells idle between polls, so many share two cores; each runs about 30 s. */
const concurrency = Number(process.env.ONWATCH_FAULT_CONCURRENCY ?? 14);

const cells = sourceRigs.flatMap((rig) =>
  faults
    .filter((fault) => fault.appliesTo(rig))
    .map((fault) => ({ id: cellId(rig, fault.id), rig, fault })),
);
const selected = cells.filter((cell) => mode.selects(cell.id));
const results = new Map<string, CellResult>();

beforeAll(async () => {
  const cli = await compileBrowserHost();
  const started = performance.now();
  const done = await runPool(
    selected.map((cell) => () => runCell(cell.rig, cell.fault, cli)),
    concurrency,
    400,
  );
  done.forEach((result, i) => results.set(selected[i]!.id, result));
  const { intervalMs, slackMs } = matrixTiming;
  const table = matrixTable(sourceRigs, faults, results, {
    blindMs: 2 * intervalMs + slackMs,
    backMs: intervalMs + slackMs,
  });
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  console.log(
    `\nFault matrix (${intervalMs / 1000} s interval, ${matrixTiming.timeoutMs / 1000} s timeout, ` +
      `each fault held ${matrixTiming.holdMs / 1000} s; blind s / back s; ${minutes} min):\n\n${table}\n`,
  );
}, 15 * 60_000);

describe('every source through every fault', () => {
  it.for(selected)('$id', ({ id }, context) => {
    const result = results.get(id);
    expect(result, 'the cell ran').toBeDefined();
    const broken = result!.failures.map((f) => f.message);
    if (mode.reportOnly && broken.length > 0) context.skip(`report only: ${broken.join('; ')}`);
    expect(broken).toEqual([]);
  });
});
