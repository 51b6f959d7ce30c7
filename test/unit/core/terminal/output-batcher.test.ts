import { describe, expect, it } from 'vitest';
import { OutputBatcher } from '../../../../electron/core/terminal/output-batcher.js';
import { FakeClock } from '../../../support/fake-clock.js';

function batcher(maxChars = 1000) {
  const clock = new FakeClock();
  const flushed: string[] = [];
  const batch = new OutputBatcher({
    clock,
    delayMs: 5,
    maxChars,
    flush: (data) => flushed.push(data),
  });
  return { clock, flushed, batch };
}

describe('OutputBatcher', () => {
  it('joins what arrives within the delay into one message, in order', async () => {
    const { clock, flushed, batch } = batcher();
    batch.push('a');
    await clock.advance(2);
    batch.push('b');
    batch.push('');
    batch.push('c');
    expect(flushed).toEqual([]);
    await clock.advance(3); // 5 ms after the first chunk, not after the last
    expect(flushed).toEqual(['abc']);
    batch.push('d');
    await clock.advance(5);
    expect(flushed).toEqual(['abc', 'd']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('sends a full batch at once, without waiting', () => {
    const { flushed, batch } = batcher(4);
    batch.push('ab');
    batch.push('cd');
    expect(flushed).toEqual(['abcd']);
  });

  it('sends on demand, and drops what waits when disposed', async () => {
    const { clock, flushed, batch } = batcher();
    batch.push('x');
    batch.flush();
    batch.flush();
    expect(flushed).toEqual(['x']);
    batch.push('lost');
    batch.dispose();
    await clock.advance(10);
    expect(flushed).toEqual(['x']);
  });
});
