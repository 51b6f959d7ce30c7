import { describe, expect, it } from 'vitest';
import { BlindWatch, type BlindAlert } from '../../../../electron/core/attention/blind-watch.js';
import type { SourceStatus } from '../../../../electron/common/model/source-status.js';

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
  const raised: BlindAlert[] = [];
  const cleared: string[] = [];
  const blindWatch = new BlindWatch({
    raise: (alert) => raised.push(alert),
    clear: (id) => cleared.push(id),
    intervalOf: () => 30 * second,
    timeZone: 'UTC',
  });
  return { blindWatch, raised, cleared };
}

const blind = status({
  health: 'blind',
  lastError: 'cannot connect to 10.0.0.9:9093 (ECONNREFUSED)',
});

describe('BlindWatch', () => {
  it('raises one alert once a source has been unreadable for more than two intervals', () => {
    const { blindWatch, raised } = watch();
    blindWatch.update([blind], t0 + 59 * second);
    blindWatch.update([blind], t0 + 60 * second);
    expect(raised).toEqual([]);
    blindWatch.update([blind], t0 + 61 * second);
    blindWatch.update([blind], t0 + 600 * second);
    expect(raised).toEqual([
      {
        sourceId: 'am',
        title: "Can't reach Prod Alertmanager since 14:02 — you may miss pages",
        body: 'cannot connect to 10.0.0.9:9093 (ECONNREFUSED)',
      },
    ]);
  });

  it('does not alert for a source that is merely degraded', () => {
    const { blindWatch, raised } = watch();
    blindWatch.update([status({ health: 'degraded' })], t0 + 3_600 * second);
    expect(raised).toEqual([]);
  });

  it('clears the alert when the source answers, and alerts again for a new stretch', () => {
    const { blindWatch, raised, cleared } = watch();
    blindWatch.update([blind], t0 + 90 * second);
    blindWatch.update(
      [status({ lastSuccessAt: new Date(t0 + 100 * second).toISOString() })],
      t0 + 100 * second,
    );
    expect(cleared).toEqual(['am']);
    const later = status({
      health: 'blind',
      lastSuccessAt: new Date(t0 + 100 * second).toISOString(),
    });
    blindWatch.update([later], t0 + 200 * second);
    expect(raised).toHaveLength(2);
  });

  it('counts a source that never answered from when watching began', () => {
    const { blindWatch, raised } = watch();
    const never = status({ health: 'blind', lastSuccessAt: undefined });
    blindWatch.update([never], t0);
    blindWatch.update([never], t0 + 30 * second);
    expect(raised).toEqual([]);
    blindWatch.update([never], t0 + 61 * second);
    expect(raised[0]!.title).toContain('since 14:02');
  });

  it('clears the alert of a source that was removed', () => {
    const { blindWatch, cleared } = watch();
    blindWatch.update([blind], t0 + 90 * second);
    blindWatch.update([], t0 + 91 * second);
    expect(cleared).toEqual(['am']);
  });
});
