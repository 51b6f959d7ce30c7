import { describe, expect, it } from 'vitest';
import { SharedLimits } from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import { silentLog } from '../../../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../../../electron/core/secrets/memory-secret-store.js';
import { SourceRegistry } from '../../../../../electron/core/engine/source-registry.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { ScriptedSource } from '../../../../support/scripted-source.js';

describe('SharedLimits', () => {
  it('hands every holder of a key the same value, made once', () => {
    const limits = new SharedLimits();
    let made = 0;
    const create = () => ({ n: ++made });
    const a = limits.lease('pagerduty:k1', create);
    const b = limits.lease('pagerduty:k1', create);
    const other = limits.lease('pagerduty:k2', create);
    expect(a.value).toBe(b.value);
    expect(other.value).not.toBe(a.value);
    expect(made).toBe(2);
  });

  it('forgets a key when its last holder lets go, and counts a double release once', () => {
    const limits = new SharedLimits();
    const a = limits.lease('k', () => ({}));
    const b = limits.lease('k', () => ({}));
    a.release();
    a.release();
    expect(limits.size).toBe(1);
    b.release();
    expect(limits.size).toBe(0);
    const fresh = limits.lease('k', () => ({ fresh: true }));
    expect(fresh.value).toEqual({ fresh: true });
  });

  it('is handed by the registry to every source it makes, Test connection included', async () => {
    const handed: unknown[] = [];
    const registry = new SourceRegistry({
      clock: new FakeClock(),
      secrets: new MemorySecretStore(),
      log: silentLog,
      responderName: () => 'sam',
      createSource: (config, _secrets, deps) => {
        handed.push(deps.rateLimits);
        return new ScriptedSource(config.id);
      },
    });
    const config = (id: string) => ({
      kind: 'drill' as const,
      id,
      name: id,
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    });
    await registry.start(config('a'));
    await registry.start(config('b'));
    await registry.createDetached(config('c'));
    expect(handed).toHaveLength(3);
    expect(handed[0]).toBeInstanceOf(SharedLimits);
    expect(new Set(handed).size).toBe(1);
  });
});
