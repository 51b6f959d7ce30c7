import { describe, expect, it } from 'vitest';
import {
  afterProbe,
  initialFlapState,
  type FlapState,
} from '../../../../../electron/core/sources/health-checks/flap-control.js';

const settings = { failAfter: 3, recoverAfter: 2 };
const minute = 60_000;

/** Feeds probe outcomes one minute apart; returns every state along the way. */
function run(outcomes: string, from: FlapState = initialFlapState, start = 0): FlapState[] {
  const states: FlapState[] = [];
  let state = from;
  [...outcomes].forEach((c, i) => {
    state = afterProbe(state, c === '+', start + i * minute, settings);
    states.push(state);
  });
  return states;
}
const names = (states: FlapState[]) => states.map((s) => s.state);

describe('flap control', () => {
  it('is up after a first pass, and pending before failing three times in a row', () => {
    expect(names(run('+---'))).toEqual(['up', 'pending', 'pending', 'down']);
  });

  it('goes back up from pending at one pass, without an outage', () => {
    const states = run('--+');
    expect(names(states)).toEqual(['pending', 'pending', 'up']);
    expect(states.every((s) => s.outageSince === undefined && s.changes.length === 0)).toBe(true);
  });

  it('opens an outage when it goes down and closes it after two passes in a row', () => {
    const states = run('---+-++');
    expect(names(states)).toEqual([
      'pending',
      'pending',
      'down',
      'recovering',
      'down',
      'recovering',
      'up',
    ]);
    // The outage began with its first failure.
    expect(states[2]!.outageSince).toBe(0);
    // One failure while recovering keeps the same outage.
    expect(states[5]!.outageSince).toBe(0);
    expect(states[6]!.outageSince).toBeUndefined();
    expect(states[6]!.changes).toEqual([2 * minute, 6 * minute]);
  });

  it('counts failures and passes in a row, each resetting the other', () => {
    const [, , third] = run('-+-');
    expect(third).toMatchObject({ failuresInARow: 1, successesInARow: 0 });
  });

  it('honours other thresholds: down at the first failure, up at the first pass', () => {
    const once = { failAfter: 1, recoverAfter: 1 };
    const down = afterProbe(initialFlapState, false, 0, once);
    expect(down.state).toBe('down');
    expect(afterProbe(down, true, 1, once).state).toBe('up');
  });

  it('flaps at four changes in 30 minutes and keeps the open outage across later flips', () => {
    // down at 2, up at 4, down at 7, up at 9: the fourth change finds the outage open that
    // began with the failure at minute 5.
    const states = run('---++---++');
    expect(states.at(-1)).toMatchObject({ state: 'up', flapping: true, outageSince: 5 * minute });
    // Two more flips: still that one outage, so nothing new rings.
    const more = run('---++-', states.at(-1), 10 * minute);
    expect(more.map((s) => s.outageSince)).toEqual(Array(6).fill(5 * minute));
    expect(more.at(-1)).toMatchObject({ state: 'pending', flapping: true });
  });

  it('closes a flapping outage once the flips have left the window', () => {
    const flapping = run('---++---++').at(-1)!;
    // Half an hour of passes later the first change (minute 2) has left the window.
    const later = afterProbe(flapping, true, 32 * minute + 1, settings);
    expect(later).toMatchObject({ state: 'up', flapping: false, outageSince: undefined });
    expect(later.changes).toHaveLength(3);
  });

  it('is not flapping at three changes', () => {
    const states = run('---++---');
    expect(states.at(-1)).toMatchObject({ state: 'down', flapping: false });
  });
});
