import { describe, expect, it } from 'vitest';
import type { StatusPageConfig } from '../../../../electron/common/model/status-page-config.js';
import { statusPageKeyAccount } from '../../../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';
import { SharedLimits } from '../../../../electron/core/sources/rate-limit/shared-limits.js';
import { practiceStatusPage } from '../../../../electron/core/statuspage/practice-page.js';
import { StatusPageConnections } from '../../../../electron/core/statuspage/status-page-connections.js';
import { FakeClock } from '../../../support/fake-clock.js';

const acme: StatusPageConfig = {
  kind: 'statuspage',
  id: 'acme',
  name: 'Acme',
  pageId: 'p1',
  apiBaseUrl: 'http://127.0.0.1:9/v1',
  mappings: [],
  reminders: { resolveGraceMinutes: 10, declareAfterMinutes: 15 },
};

function setup() {
  const secrets = new MemorySecretStore();
  const limits = new SharedLimits();
  const connections = new StatusPageConnections({ clock: new FakeClock(), secrets, limits });
  return { secrets, limits, connections };
}

describe('StatusPageConnections', () => {
  it('connects a page whose key is stored, and says so when it is not', async () => {
    const { secrets, connections } = setup();
    expect(await connections.reconcile([acme])).toEqual(new Set(['acme']));
    expect(connections.apiFor('acme')).toBeUndefined();
    expect(connections.problemOf('acme')).toMatch(/API key is missing/);
    expect(connections.keyConfigured('acme')).toBe(false);

    await connections.storeKey('acme', 'k-123');
    expect(await secrets.get(statusPageKeyAccount('acme'))).toBe('k-123');
    await connections.reconcile([acme]);
    expect(connections.apiFor('acme')?.practice).toBe(false);
    expect(connections.keyConfigured('acme')).toBe(true);
  });

  it('keeps a connection whose address did not change, rebuilds one whose did', async () => {
    const { connections } = setup();
    await connections.storeKey('acme', 'k-123');
    await connections.reconcile([acme]);
    const first = connections.apiFor('acme');
    expect(await connections.reconcile([{ ...acme, name: 'Acme public' }])).toEqual(new Set());
    expect(connections.apiFor('acme')).toBe(first);
    await connections.reconcile([{ ...acme, apiBaseUrl: 'http://127.0.0.1:10/v1' }]);
    expect(connections.apiFor('acme')).not.toBe(first);
  });

  it('refuses a blank key when none is stored, keeps the stored one otherwise', async () => {
    const { secrets, connections } = setup();
    await expect(connections.storeKey('acme', undefined)).rejects.toThrow(/API key is required/);
    await connections.storeKey('acme', 'k-1');
    await connections.storeKey('acme', undefined);
    expect(await secrets.get(statusPageKeyAccount('acme'))).toBe('k-1');
    await connections.forgetKey('acme');
    expect(await secrets.get(statusPageKeyAccount('acme'))).toBeUndefined();
  });

  it('lets go of the key budget of a page removed, and serves the practice page from memory', async () => {
    const { limits, connections } = setup();
    await connections.storeKey('acme', 'k-1');
    await connections.reconcile([acme, practiceStatusPage]);
    expect(limits.size).toBe(1);
    expect(connections.apiFor('practice')?.practice).toBe(true);
    await connections.reconcile([practiceStatusPage]);
    expect(limits.size).toBe(0);
    expect(connections.apiFor('acme')).toBeUndefined();
  });

  it('tests with the form key, else the stored one', async () => {
    const { connections } = setup();
    await expect(connections.detachedClient({ id: 'acme' })).rejects.toThrow(/Enter the API key/);
    await connections.storeKey('acme', 'k-1');
    const client = await connections.detachedClient({ id: 'acme' });
    expect(client.practice).toBe(false);
    client.dispose();
  });
});
