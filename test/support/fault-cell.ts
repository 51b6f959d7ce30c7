import { performance } from 'node:perf_hooks';
import type { AppState } from '../../electron/common/contract/app-state.js';
import { rawErrorWords, type Fault } from './fault-catalogue.js';
import type { ReceivedNotification } from './notification-bus.js';
import { residentMemory } from './peak-memory.js';
import { sourceId, startRiggedApp, type RiggedApp } from './rigged-app.js';
import type { SourceRig } from './source-rigs.js';

/**
 * The matrix's timing: the shortest poll interval the settings accept, a request timeout just
 * inside it, and each fault held three intervals, as a responder would meet them.
 */
export const matrixTiming = {
  intervalMs: 5_000,
  timeoutMs: 4_000,
  holdMs: 15_000,
  /** Measured time is rounded and scheduled on a loaded machine; the promise keeps this much. */
  slackMs: 500,
  /** How long to wait for a source to come back before calling it "not back". */
  backCapMs: 30_000,
  /** Resident memory may grow this much over its level before the fault. */
  memoryGrowthMB: 30,
};

export interface CellResult {
  rig: string;
  fault: string;
  /** From the fault's start to the source shown blind; undefined when it never was. */
  blindAfterMs?: number;
  /** From the fault's end to the source shown trusted again; undefined when not within the cap. */
  backAfterMs?: number;
  /** The reason shown when it went blind (or the last one, if it never did). */
  reason?: string;
  memoryGrowthMB?: number;
  /** Every promise the cell broke, in words; empty when it kept them all. */
  failures: CellFailure[];
}

/** Which promise broke: the two timings, or everything else a cell checks. */
type Check =
  'blind' | 'back' | 'reason' | 'incidents' | 'notifications' | 'alive' | 'memory' | 'run';

interface CellFailure {
  check: Check;
  message: string;
}

type Fail = (check: Check, message: string) => void;

const blindAlert = /you may miss pages/;
/** Reminders of the responder's shifts, which come when they are due whatever a source does. */
const shiftReminder = /^Your (on-call )?shift for /;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keysOf = (state: AppState | undefined) =>
  (state?.incidents ?? []).map((incident) => incident.key).sort();
const sourceOf = (state: AppState | undefined) => state?.sources.find((s) => s.id === sourceId);

/**
 * One cell: `fault` played against `rig`'s source, measured from outside as a responder sees
 * it: the app state over the browser host's WebSocket, the desktop notifications on the bus,
 * the process and its resident memory. The fault starts right after a good poll and ends right
 * after a failed one, the least favourable moments for "blind within two intervals" and "back
 * within one".
 */
export async function runCell(
  rig: SourceRig,
  fault: Fault,
  compiledCli: string,
): Promise<CellResult> {
  const result: CellResult = { rig: rig.name, fault: fault.id, failures: [] };
  let rigged: RiggedApp | undefined;
  try {
    rigged = await startRiggedApp(rig, {
      compiledCli,
      reach: fault.reach,
      pollIntervalSeconds: matrixTiming.intervalMs / 1000,
      timeoutSeconds: matrixTiming.timeoutMs / 1000,
    });
    await play(rigged, rig, fault, result);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    result.failures.push({ check: 'run', message: `the cell could not run: ${message}` });
  } finally {
    await rigged?.stop();
  }
  return result;
}

async function play(rigged: RiggedApp, rig: SourceRig, fault: Fault, result: CellResult) {
  const { app, bus, controls } = rigged;
  const { intervalMs, holdMs, slackMs, backCapMs, memoryGrowthMB } = matrixTiming;
  const fail: Fail = (check, message) => result.failures.push({ check, message });

  // A steady start: a second good poll, with what it found.
  const steady = await rigged.nextGoodPoll(2 * intervalMs + 5_000);
  const baseline = keysOf(steady);
  if (baseline.length === 0) throw new Error(`${rig.name} showed no incidents to keep`);
  const memory = residentMemory(app.pid);
  memory.resetPeak();
  const baselineKB = memory.nowKB();

  const startedAt = performance.now();
  const startedAtWall = Date.now();
  /** When (performance.now()) the fault ended and the source was first blind, then back. */
  const at: { ended?: number; blind?: number; back?: number } = {};
  const shown = new Set<string>();
  const stopWatching = app.onState((state) => {
    const source = sourceOf(state);
    const now = performance.now();
    // Blind while the fault holds; a source restarted by a save is briefly "not polled yet".
    if (at.ended === undefined && at.blind === undefined) {
      if (source?.lastError) result.reason = source.lastError;
      if (source?.health === 'blind') at.blind = now;
    }
    const keys = keysOf(state).join(' ');
    if (at.back === undefined && keys !== baseline.join(' ')) shown.add(keys || 'none');
    if (
      at.ended !== undefined &&
      at.back === undefined &&
      source?.health === 'ok' &&
      Date.parse(source.lastSuccessAt ?? '') > startedAtWall
    ) {
      at.back = now;
    }
  });

  await fault.start(controls);
  await sleep(holdMs);
  // End it right after a failed poll, when the next one is furthest away.
  const lastError = rigged.source()?.lastErrorAt;
  await app.waitForState((s) => sourceOf(s)?.lastErrorAt !== lastError, intervalMs).catch(() => {});
  at.ended = performance.now();
  await fault.end(controls);
  for (let waited = 0; at.back === undefined && waited < backCapMs; waited += 50) await sleep(50);
  // What the desktop was sent on the way back has time to arrive.
  await sleep(1_000);
  stopWatching();

  result.blindAfterMs = at.blind === undefined ? undefined : at.blind - startedAt;
  result.backAfterMs = at.back === undefined ? undefined : at.back - at.ended;
  result.memoryGrowthMB = (memory.peakKB() - baselineKB) / 1024;

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (result.blindAfterMs === undefined) {
    fail('blind', `never shown blind in ${seconds(holdMs)} of ${fault.label}`);
  } else if (result.blindAfterMs > 2 * intervalMs + slackMs) {
    fail('blind', `shown blind after ${seconds(result.blindAfterMs)}, not within two intervals`);
  }
  if (result.backAfterMs === undefined) {
    fail('back', `not trusted again within ${seconds(backCapMs)} of the fault ending`);
  } else if (result.backAfterMs > intervalMs + slackMs) {
    fail(
      'back',
      `trusted again ${seconds(result.backAfterMs)} after the fault ended, not within one interval`,
    );
  }
  checkReason(result.reason, fault.says(rig), fail);
  if (shown.size > 0) {
    fail(
      'incidents',
      `incidents shown changed from [${baseline.join(' ')}] to [${[...shown].join('] and [')}]`,
    );
  }
  const now = keysOf(rigged.latest());
  if (now.join(' ') !== baseline.join(' ')) {
    fail(
      'incidents',
      `incidents after recovery [${now.join(' ')}], before the fault [${baseline.join(' ')}]`,
    );
  }
  checkNotifications(bus.notifications, bus.closed, startedAt, fail);
  if (!app.alive()) fail('alive', `the process died:\n${app.output().slice(-1000)}`);
  if (result.memoryGrowthMB > memoryGrowthMB) {
    fail(
      'memory',
      `resident memory grew ${result.memoryGrowthMB.toFixed(0)} MB over ${(baselineKB / 1024).toFixed(0)} MB (allowed: ${memoryGrowthMB} MB)`,
    );
  }
}

function checkReason(reason: string | undefined, says: RegExp, fail: Fail) {
  if (!reason) return fail('reason', 'no reason shown');
  const raw = rawErrorWords.exec(reason);
  if (raw)
    fail('reason', `the reason "${reason}" shows "${raw[0]}", not words a responder understands`);
  else if (!says.test(reason))
    fail('reason', `the reason "${reason}" does not say what happened (${says})`);
}

/**
 * The "you may miss pages" alert goes out once for the fault (the source was blind for more than
 * two intervals) and comes down once it is back; nothing else is shown again.
 */
function checkNotifications(
  notifications: readonly ReceivedNotification[],
  closed: readonly number[],
  faultStartedAt: number,
  fail: Fail,
) {
  const alerts = notifications.filter((n) => blindAlert.test(n.summary));
  const during = alerts.filter((n) => n.at >= faultStartedAt);
  if (alerts.length !== during.length)
    fail('notifications', 'a "you may miss pages" alert went out before the fault');
  if (during.length === 0)
    fail('notifications', 'no "you may miss pages" alert, though blind for three intervals');
  if (during.length > 1) {
    fail(
      'notifications',
      `"you may miss pages" went out ${during.length} times: ${during.map((n) => n.summary).join(' | ')}`,
    );
  }
  if (during.length > 0 && !closed.includes(during.at(-1)!.serverId)) {
    fail('notifications', 'the "you may miss pages" alert stayed up after the source was back');
  }
  // The pages were all announced before the fault and none came or went since: one announced
  // from here on (on its own or in a summary) is a repeat.
  const again = notifications.filter(
    (n) => n.at >= faultStartedAt && !blindAlert.test(n.summary) && !shiftReminder.test(n.summary),
  );
  if (again.length > 0) {
    const texts = again.map((n) => `"${n.summary} — ${n.body.replace(/\s*\n\s*/g, ' / ')}"`);
    fail('notifications', `notified again of what was already shown: ${texts.join(', ')}`);
  }
}
