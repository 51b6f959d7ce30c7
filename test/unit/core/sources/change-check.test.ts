import { describe, expect, it } from 'vitest';
import { ChangeCheck } from '../../../../electron/core/sources/change-check.js';
import { PollFindings } from '../../../../electron/core/sources/poll-report.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

function lane() {
  const clock = new FakeClock();
  let sent = 0;
  const check = new ChangeCheck({
    clock,
    fullEveryMs: () => 30_000,
    requestsSent: () => sent,
    budgetPerMinute: 48,
  });
  let signal = 'calm';
  let failNextRead = false;
  const calls: string[] = [];
  const poll = async (afterMs: number) => {
    await clock.advance(afterMs);
    const findings = new PollFindings();
    const incidents = await check.incidents(
      findings,
      async () => {
        sent++;
        calls.push('look');
        return signal;
      },
      async (report) => {
        sent++;
        calls.push('read');
        if (failNextRead) {
          failNextRead = false;
          throw new Error('the read failed');
        }
        report.note('1 incident could not be read');
        return [anIncident({ externalId: `read-${calls.length}` })];
      },
    );
    return { incidents, notes: findings.notes };
  };
  return {
    check,
    poll,
    calls,
    move: (next: string) => (signal = next),
    failNextRead: () => (failNextRead = true),
  };
}

describe('ChangeCheck', () => {
  it('gives the polls that only look what the last read found, its gaps included', async () => {
    const { poll, calls } = lane();
    await poll(0);
    const read = await poll(3_000);
    const looked = await poll(3_000);
    expect(calls).toEqual(['read', 'look', 'read', 'look']);
    expect(looked.incidents.map((i) => i.externalId)).toEqual(['read-3']);
    expect(looked.incidents).toBe(read.incidents);
    expect(looked.notes).toEqual(['1 incident could not be read']);
  });

  it('reads again, not looks, after a read failed', async () => {
    const { poll, calls, failNextRead, move } = lane();
    await poll(0);
    await poll(3_000);
    calls.length = 0;
    move('a page');
    failNextRead();
    await expect(poll(3_000)).rejects.toThrow('the read failed');
    // However soon: the signal already moved once, and that read never happened.
    await poll(1_000);
    expect(calls).toEqual(['look', 'read', 'look', 'read']);
  });

  it('reads when the signal moves, and after readAfresh whatever it says', async () => {
    const { check, poll, calls, move } = lane();
    await poll(0);
    await poll(3_000);
    calls.length = 0;
    await poll(3_000);
    move('a page');
    await poll(3_000);
    check.readAfresh();
    await poll(3_000);
    expect(calls).toEqual(['look', 'look', 'read', 'look', 'read']);
  });
});
