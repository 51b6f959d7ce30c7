import type { FlapSettings } from '../../../common/providers/health-check-schema.js';

/**
 * A check's verdict over its recent probes. `pending`: failing, not yet N times in a row;
 * `recovering`: down, passing, not yet M times in a row. Only up ↔ down counts as a change.
 */
export type CheckState = 'unknown' | 'up' | 'pending' | 'down' | 'recovering';

export interface FlapState {
  state: CheckState;
  failuresInARow: number;
  successesInARow: number;
  /** When each recent change (up → down, down → up) happened, within the flap window. */
  changes: readonly number[];
  /** Changing state often: an open outage stays open across flips, so it rings once. */
  flapping: boolean;
  /** When the current run of failures began. */
  failingSince?: number;
  /** When the open outage began, at its first failure (its incident); absent while none is open. */
  outageSince?: number;
}

/** At least this many changes within the window make a check flapping. */
const flapChangeCount = 4;
export const flapWindowMs = 30 * 60_000;

export const initialFlapState: FlapState = {
  state: 'unknown',
  failuresInARow: 0,
  successesInARow: 0,
  changes: [],
  flapping: false,
};

const isFailing = (state: CheckState) => state === 'down' || state === 'recovering';

/** Between a first failure and a verdict, a check is re-probed sooner than its interval. */
export const isUnsure = (state: CheckState) => state === 'pending' || state === 'recovering';

/**
 * The state after one more probe. Failures and successes in a row reset each other; an outage
 * opens when the check goes down and closes when it is up again, unless it is flapping: then it
 * stays open (one incident, one ring) until the flips have left the window.
 */
export function afterProbe(
  before: FlapState,
  ok: boolean,
  now: number,
  settings: Pick<FlapSettings, 'failAfter' | 'recoverAfter'>,
): FlapState {
  const failuresInARow = ok ? 0 : before.failuresInARow + 1;
  const successesInARow = ok ? before.successesInARow + 1 : 0;
  const failingSince = ok ? undefined : (before.failingSince ?? now);
  const wasFailing = isFailing(before.state);
  let state: CheckState;
  if (ok) state = !wasFailing || successesInARow >= settings.recoverAfter ? 'up' : 'recovering';
  else state = wasFailing || failuresInARow >= settings.failAfter ? 'down' : 'pending';

  const changed = wasFailing !== isFailing(state);
  const changes = before.changes.filter((at) => now - at < flapWindowMs);
  if (changed) changes.push(now);
  const flapping = changes.length >= flapChangeCount;

  let outageSince = before.outageSince;
  if (isFailing(state)) outageSince ??= failingSince ?? now;
  else if (!flapping) outageSince = undefined;
  return { state, failuresInARow, successesInARow, changes, flapping, failingSince, outageSince };
}
