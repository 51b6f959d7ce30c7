import { describe, expect, it } from 'vitest';
import { SourceHealth } from '../../../../electron/core/engine/source-health.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';

const down = new SourceError('unreachable', 'cannot connect to 127.0.0.1:9093 (ECONNREFUSED)');

describe('SourceHealth', () => {
  it('is blind before the first successful poll', () => {
    expect(new SourceHealth().snapshot().health).toBe('blind');
  });

  it('is ok after a success, with the time of that success', () => {
    const health = new SourceHealth();
    health.recordSuccess(1000);
    expect(health.snapshot()).toEqual({
      health: 'ok',
      consecutiveFailures: 0,
      lastSuccessAt: 1000,
    });
  });

  it('is degraded after one failure following a success, then blind after the second', () => {
    const health = new SourceHealth();
    health.recordSuccess(1000);
    health.recordFailure(down, 2000);
    expect(health.snapshot()).toMatchObject({
      health: 'degraded',
      lastError: down.message,
      lastErrorAt: 2000,
      lastSuccessAt: 1000,
      consecutiveFailures: 1,
    });
    health.recordFailure(down, 3000);
    expect(health.snapshot()).toMatchObject({
      health: 'blind',
      lastSuccessAt: 1000,
      consecutiveFailures: 2,
    });
  });

  it('is blind at once when the credential is rejected', () => {
    const health = new SourceHealth();
    health.recordSuccess(1000);
    health.recordFailure(new SourceError('auth', 'credentials rejected (HTTP 401)'), 2000);
    expect(health.snapshot().health).toBe('blind');
  });

  it('is blind when the source has never answered', () => {
    const health = new SourceHealth();
    health.recordFailure(down, 2000);
    expect(health.snapshot()).toMatchObject({ health: 'blind', lastSuccessAt: undefined });
  });

  it('recovers by itself on the next success', () => {
    const health = new SourceHealth();
    health.recordFailure(down, 1000);
    health.recordFailure(down, 2000);
    health.recordSuccess(3000);
    expect(health.snapshot()).toEqual({
      health: 'ok',
      consecutiveFailures: 0,
      lastSuccessAt: 3000,
    });
  });
});
