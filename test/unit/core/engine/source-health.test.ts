import { describe, expect, it } from 'vitest';
import { SourceHealth } from '../../../../electron/core/engine/source-health.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';

const down = new SourceError('unreachable', 'cannot connect to 127.0.0.1:9093 (ECONNREFUSED)');

describe('SourceHealth', () => {
  it('is blind before the first successful poll', () => {
    expect(new SourceHealth({ intervalMs: 30_000 }).snapshot().health).toBe('blind');
  });

  it('is ok after a success, with the time of that success', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordSuccess(1000);
    expect(health.snapshot()).toEqual({
      health: 'ok',
      consecutiveFailures: 0,
      lastSuccessAt: 1000,
    });
  });

  it('is blind at once when a slow failure leaves it without pages for over 1.5 intervals', () => {
    const health = new SourceHealth({ intervalMs: 5000 });
    health.recordSuccess(0);
    // A fast refusal one interval on: degraded, the poll may simply have been unlucky.
    health.recordFailure(down, 5010, 5000);
    expect(health.snapshot().health).toBe('degraded');

    const hung = new SourceHealth({ intervalMs: 5000 });
    hung.recordSuccess(0);
    // A hang that took its whole 4 s deadline: 9 s without fresh pages is blind now.
    hung.recordFailure(new SourceError('timeout', 'no answer within 4 s'), 9000, 5000);
    expect(hung.snapshot()).toMatchObject({ health: 'blind', consecutiveFailures: 1 });
  });

  it('is degraded after one failure following a success, then blind after the second', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
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
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordSuccess(1000);
    health.recordFailure(new SourceError('auth', 'credentials rejected (HTTP 401)'), 2000);
    expect(health.snapshot().health).toBe('blind');
  });

  it('says a rejected credential is a rejected token, and how often it is tried again', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordFailure(new SourceError('auth', 'PagerDuty rejected the API key (HTTP 401)'), 0);
    expect(health.snapshot().lastError).toBe(
      'token rejected — PagerDuty rejected the API key (HTTP 401). Checking again every 1 min; ' +
        'Save or Test connection checks now.',
    );
    const hourly = new SourceHealth({ intervalMs: 3_600_000 });
    hourly.recordFailure(new SourceError('auth', 'API id or key rejected (HTTP 403)'), 0);
    expect(hourly.snapshot().lastError).toContain('Checking again every 1 h;');
  });

  it('turns blind once an interval has passed since the failing poll began, with no poll needed', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordSuccess(0);
    // The poll that began at 30 s failed at 40 s (a hang cut off by its timeout).
    health.recordFailure(down, 40_000, 30_000);
    expect(health.snapshot().health).toBe('degraded');
    expect(health.blindAt()).toBe(60_000);
    expect(health.turnBlindIfDue(59_999)).toBe(false);
    expect(health.snapshot().health).toBe('degraded');
    expect(health.turnBlindIfDue(60_000)).toBe(true);
    expect(health.snapshot()).toMatchObject({
      health: 'blind',
      lastError: down.message,
      consecutiveFailures: 1,
    });
    expect(health.blindAt()).toBeUndefined();
  });

  it('is blind at once when the failing poll itself took a whole interval', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordSuccess(0);
    health.recordFailure(down, 60_000, 30_000);
    expect(health.snapshot().health).toBe('blind');
  });

  it('starts counting afresh after an answer', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordSuccess(0);
    health.recordFailure(down, 31_000, 30_000);
    health.recordSuccess(50_000);
    expect(health.blindAt()).toBeUndefined();
    health.recordFailure(down, 81_000, 80_000);
    expect(health.blindAt()).toBe(110_000);
  });

  it('is blind when the source has never answered', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
    health.recordFailure(down, 2000);
    expect(health.snapshot()).toMatchObject({ health: 'blind', lastSuccessAt: undefined });
  });

  it('recovers by itself on the next success', () => {
    const health = new SourceHealth({ intervalMs: 30_000 });
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
