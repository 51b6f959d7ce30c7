import { describe, expect, it } from 'vitest';
import { BlindWatch, type BlindAlert } from '../../../../electron/core/attention/blind-watch.js';
import type { SourceStatus } from '../../../../electron/common/model/source-status.js';
import { FakeClock } from '../../../support/fake-clock.js';

const t0 = Date.parse('2026-11-22T14:02:00Z');
const second = 1000;

function status(overrides: Partial<SourceStatus>): SourceStatus {
  return {
    id: 'am',
    name: 'Prod Alertmanager',
    kind: 'alertmanager',
    health: 'ok',
    consecutiveFailures: 0,
    polling: false,
    lastSuccessAt: new Date(t0).toISOString(),
    ...overrides,
  };
}

function watch() {
  const clock = new FakeClock(t0);
  const raised: BlindAlert[] = [];
  const cleared: string[] = [];
  const blindWatch = new BlindWatch({
    clock,
    raise: (alert) => raised.push(alert),
    clear: (id) => cleared.push(id),
    intervalOf: () => 30 * second,
    timeZone: 'UTC',
  });
  /** Moves the clock to `t0 + seconds` and tells the watch what the sources look like then. */
  const at = async (seconds: number, sources: SourceStatus[]) => {
    await clock.advance(t0 + seconds * second - clock.now());
    blindWatch.update(sources);
  };
  return { clock, blindWatch, raised, cleared, at };
}

const blind = status({
  health: 'blind',
  lastError: 'cannot connect to 10.0.0.9:9093 (ECONNREFUSED)',
});

describe('BlindWatch', () => {
  it('raises one alert once a source has been unreadable for more than two intervals', async () => {
    const { raised, at } = watch();
    await at(59, [blind]);
    await at(60, [blind]);
    expect(raised).toEqual([]);
    await at(61, [blind]);
    await at(600, [blind]);
    expect(raised).toEqual([
      {
        sourceId: 'am',
        title: "Can't reach Prod Alertmanager since 14:02 — you may miss pages",
        body: 'cannot connect to 10.0.0.9:9093 (ECONNREFUSED)',
      },
    ]);
  });

  it('raises on time by itself, when no poll comes to say so (a slow probe, a Retry-After)', async () => {
    const { clock, blindWatch, raised, at } = watch();
    await at(5, [blind]);
    await clock.advance(55 * second);
    expect(raised).toEqual([]);
    await clock.advance(1 * second);
    expect(raised).toHaveLength(1);
    await clock.advance(600 * second);
    expect(raised).toHaveLength(1);
    blindWatch.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not alert for a source that is merely degraded', async () => {
    const { raised, at } = watch();
    await at(3_600, [status({ health: 'degraded' })]);
    expect(raised).toEqual([]);
  });

  it('clears the alert when the source answers, and alerts again for a new stretch', async () => {
    const { raised, cleared, at } = watch();
    await at(90, [blind]);
    await at(100, [status({ lastSuccessAt: new Date(t0 + 100 * second).toISOString() })]);
    expect(cleared).toEqual(['am']);
    const later = status({
      health: 'blind',
      lastSuccessAt: new Date(t0 + 100 * second).toISOString(),
    });
    await at(200, [later]);
    expect(raised).toHaveLength(2);
  });

  it('counts a source that never answered from when it was first seen blind', async () => {
    const { raised, at } = watch();
    const never = status({ health: 'blind', lastSuccessAt: undefined });
    await at(0, [never]);
    await at(30, [never]);
    expect(raised).toEqual([]);
    await at(61, [never]);
    expect(raised[0]!.title).toContain('since 14:02');
  });

  it('counts a restarted source (saved settings) from its restart, not from the first start', async () => {
    const { raised, at } = watch();
    const starting = status({
      health: 'blind',
      lastSuccessAt: undefined,
      lastError: 'not polled yet',
    });
    await at(0, [starting]);
    await at(5, [status({ lastSuccessAt: new Date(t0 + 5 * second).toISOString() })]);
    // An hour later the responder saves the source: it restarts, blind until its first answer.
    await at(3_600, [starting]);
    expect(raised).toEqual([]);
    await at(3_661, [starting]);
    expect(raised).toHaveLength(1);
  });

  it('clears the alert of a source that was removed', async () => {
    const { cleared, at } = watch();
    await at(90, [blind]);
    await at(91, []);
    expect(cleared).toEqual(['am']);
  });
});
