import { describe, expect, it } from 'vitest';
import { LocalAcks } from '../../../../electron/core/sources/local-acks.js';
import { FakeClock } from '../../../support/fake-clock.js';

describe('acks kept by Onwatch', () => {
  it('keeps the first ack’s time, and forgets a check once it is no longer failing', async () => {
    const clock = new FakeClock();
    const acks = new LocalAcks(clock);
    acks.ack('a');
    await clock.advance(60_000);
    acks.ack('a');
    acks.ack('b');
    expect(acks.at('a')).toBe('2026-11-22T09:00:00.000Z');
    acks.keepOnly(['a', 'c']);
    expect([acks.at('a'), acks.at('b'), acks.at('c')]).toEqual([
      '2026-11-22T09:00:00.000Z',
      undefined,
      undefined,
    ]);
  });
});
