/**
 * An action is never lost and never doubled: an ack taken while its source answers 500s, hangs,
 * or loses the reply (the provider acted, the answer never came) is delivered exactly once
 * after the fault ends, and within one poll interval of it. Counted where it lands: silences in
 * the real Alertmanager, ack requests at each fake. Onwatch runs compiled, as its own process,
 * behind the fault proxy of fault-matrix.test.ts; the table prints with the results.
 */
import { performance } from 'node:perf_hooks';
import type { IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileBrowserHost } from '../support/compiled-host.js';
import type { ProxyFault } from '../support/fault-proxy.js';
import { cellId, faultTestMode, runPool } from '../support/fault-matrix-report.js';
import { startRiggedApp } from '../support/rigged-app.js';
import { sourceRigs, type SourceRig } from '../support/source-rigs.js';

const intervalMs = 5_000;
const holdMs = 2 * intervalMs;
/**
 * Past the interval in which the source is trusted again (the fault matrix's half second), the
 * send itself and, at Opsgenie and JSM, which accept an ack to process it later, the first
 * request-status check (200 ms and a request) before the provider confirms it.
 */
const slackMs = 1000;
const mode = faultTestMode();

interface ActionFault {
  id: string;
  label: string;
  play: ProxyFault;
  /** The requests it takes; the rest pass. */
  takes: (req: IncomingMessage) => boolean;
}

const everything = () => true;
const actionFaults: ActionFault[] = [
  {
    id: 'ack-500',
    label: 'HTTP 500',
    play: { kind: 'answer', status: 500, body: '{"message":"Internal Server Error"}' },
    takes: everything,
  },
  { id: 'ack-hang', label: 'no answer (hang)', play: { kind: 'hang' }, takes: everything },
  {
    id: 'ack-lost-reply',
    label: 'reply lost after the provider acted',
    play: { kind: 'lose-reply' },
    // The write itself; reading what happened still works, as after a dropped connection.
    takes: (req) => req.method !== 'GET',
  },
];

interface ActionResult {
  /** From the fault's end to the action shown done; negative when done while it held. */
  deliveredAfterMs?: number;
  acksAtProvider?: number;
  failures: string[];
}

/** Monitors without an ack of their own keep acks in Onwatch: nothing to deliver. */
const rigs = sourceRigs.filter((rig) => !rig.acksStayLocal);
const cells = rigs.flatMap((rig) =>
  actionFaults.map((fault) => ({ id: cellId(rig, fault.id), rig, fault })),
);
const selected = cells.filter((cell) => mode.selects(cell.id));
const results = new Map<string, ActionResult>();

async function ackThroughFault(
  rig: SourceRig,
  fault: ActionFault,
  compiledCli: string,
): Promise<ActionResult> {
  const result: ActionResult = { failures: [] };
  const rigged = await startRiggedApp(rig, {
    compiledCli,
    reach: 'http',
    pollIntervalSeconds: intervalMs / 1000,
    timeoutSeconds: 4,
  }).catch((error: Error) => {
    result.failures.push(`could not start: ${error.message.split('\n')[0]}`);
  });
  if (!rigged) return result;
  try {
    const { app, proxy, service } = rigged;
    const incident = rigged
      .latest()
      ?.incidents.find((i) => i.status === 'triggered' && i.capabilities.ack);
    if (!incident) throw new Error(`${rig.name} showed no incident to acknowledge`);

    let actionId = '';
    let doneAt: number | undefined;
    const stopWatching = app.onState((state) => {
      const action = state.actions.find((a) => a.id === actionId);
      if (doneAt === undefined && action?.state === 'done') doneAt = performance.now();
    });
    proxy.setFault(fault.play, fault.takes);
    ({ actionId } = (await app.command('ack', { key: incident.key })) as { actionId: string });
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    const endedAt = performance.now();
    proxy.setFault(null);
    for (let waited = 0; doneAt === undefined && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stopWatching();
    if (doneAt === undefined) {
      const action = rigged.latest()?.actions.find((a) => a.id === actionId);
      result.failures.push(
        `not delivered within 30 s of the fault ending (${action?.state}: ${action?.lastError})`,
      );
    } else {
      result.deliveredAfterMs = doneAt - endedAt;
    }
    // A second attempt would be on its way by now if one were coming.
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    result.acksAtProvider = await service.acksOf!(incident.externalId);
    if (result.acksAtProvider !== 1) {
      result.failures.push(
        `${rig.name} got ${result.acksAtProvider} acks for ${incident.externalId}, not 1`,
      );
    }
    if (result.deliveredAfterMs !== undefined && result.deliveredAfterMs > intervalMs + slackMs) {
      result.failures.push(
        `delivered ${(result.deliveredAfterMs / 1000).toFixed(1)} s after the fault ended, not within one interval`,
      );
    }
  } catch (error) {
    result.failures.push((error as Error).message.split('\n')[0]!);
  } finally {
    await rigged.stop();
  }
  return result;
}

function actionTable(): string {
  const text = (rig: SourceRig, fault: ActionFault) => {
    const result = results.get(cellId(rig, fault.id));
    if (!result) return '–';
    const after = result.deliveredAfterMs;
    // Done while the fault held: the provider had acted, and asking it said so.
    const timing =
      after === undefined ? 'never' : after < 0 ? 'during' : `${(after / 1000).toFixed(1)} s`;
    const acks = result.acksAtProvider === undefined ? '?' : `${result.acksAtProvider}×`;
    return `${timing} · ${acks}${result.failures.length > 0 ? ' ✗' : ''}`;
  };
  return [
    `| ack during | ${rigs.map((r) => r.name).join(' | ')} |`,
    `|---|${rigs.map(() => '---').join('|')}|`,
    ...actionFaults.map(
      (fault) => `| ${fault.label} | ${rigs.map((rig) => text(rig, fault)).join(' | ')} |`,
    ),
    '',
    ...[...results]
      .filter(([, result]) => result.failures.length > 0)
      .map(([id, result]) => `- ${id}: ${result.failures.join('; ')}`),
  ].join('\n');
}

beforeAll(async () => {
  const cli = await compileBrowserHost();
  const done = await runPool(
    selected.map((cell) => () => ackThroughFault(cell.rig, cell.fault, cli)),
    12,
    300,
  );
  done.forEach((result, i) => results.set(selected[i]!.id, result));
  console.log(
    `\nAcks under faults (held ${holdMs / 1000} s; delivered s after the fault ended · acks the provider got):\n\n${actionTable()}\n`,
  );
}, 10 * 60_000);

describe('an ack taken during a fault', () => {
  it.for(selected)('$id: delivered exactly once, within one interval', ({ id }, context) => {
    const result = results.get(id);
    expect(result, 'the cell ran').toBeDefined();
    if (mode.reportOnly && result!.failures.length > 0) {
      context.skip(`report only: ${result!.failures.join('; ')}`);
    }
    expect(result!.failures).toEqual([]);
  });
});
