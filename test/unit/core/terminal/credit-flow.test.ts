import { describe, expect, it } from 'vitest';
import { CreditFlow } from '../../../../electron/core/terminal/credit-flow.js';

function flow() {
  const calls: string[] = [];
  const credit = new CreditFlow({
    highWatermark: 100,
    lowWatermark: 10,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
  });
  return { credit, calls };
}

describe('CreditFlow', () => {
  it('pauses above the high watermark and resumes only below the low one', () => {
    const { credit, calls } = flow();
    credit.attach('view');
    credit.sent(100);
    expect(calls).toEqual([]); // at the watermark, not above it
    credit.sent(1);
    expect(calls).toEqual(['pause']);
    credit.sent(50);
    expect(calls).toEqual(['pause']); // paused once, however much more arrives
    credit.ack('view', 141);
    expect(calls).toEqual(['pause']); // 10 owed: not below the low watermark yet
    credit.ack('view', 1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(credit.pauses).toBe(1);
    expect(credit.isPaused).toBe(false);
  });

  it('is paced by the slowest consumer, and a consumer that leaves stops holding it back', () => {
    const { credit, calls } = flow();
    credit.attach('fast');
    credit.attach('slow');
    credit.sent(150);
    credit.ack('fast', 150);
    expect(credit.isPaused).toBe(true);
    credit.detach('slow');
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('never counts below zero, ignores acks of unknown consumers, and starts a new one at zero', () => {
    const { credit } = flow();
    credit.attach('view');
    credit.sent(20);
    credit.ack('view', 500);
    expect(credit.unacknowledged('view')).toBe(0);
    credit.ack('gone', 5);
    expect(credit.unacknowledged('gone')).toBeUndefined();
    credit.attach('late');
    expect(credit.unacknowledged('late')).toBe(0);
    credit.sent(101);
    expect(credit.isPaused).toBe(true); // both owe 101 now
  });

  it('does not pause with nobody attached', () => {
    const { credit, calls } = flow();
    credit.sent(10_000);
    expect(calls).toEqual([]);
  });
});
