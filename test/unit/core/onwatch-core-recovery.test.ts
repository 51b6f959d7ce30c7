import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../electron/common/model/source-config.js';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { secretAccount } from '../../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import { SourceError } from '../../../electron/core/sources/source-error.js';
import { FakeClock, settle } from '../../support/fake-clock.js';
import { FakeNotifier } from '../../support/fake-notifier.js';
import { anIncident } from '../../support/incidents.js';
import { ScriptedSource } from '../../support/scripted-source.js';
import { makeTempDir } from '../../support/temp-dir.js';

/* The recovery policy as a responder meets it: the blind alert, and what Save and Test do. */

const second = 1000;
const config = {
  kind: 'alertmanager',
  id: 'am',
  name: 'Prod Alertmanager',
  baseUrl: 'http://127.0.0.1:9',
  auth: { type: 'bearer' },
  ackSilenceMinutes: 60,
  pollIntervalSeconds: 30,
  timeoutSeconds: 10,
} as SourceConfig;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startCore() {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'a', sources: [config] }),
  );
  const clock = new FakeClock();
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('am', 'token'), 'old-token-000000');
  const notifier = new FakeNotifier();
  /** The provider's side: which key it takes; the old one until a test says otherwise. */
  const provider = { accepts: (token?: string) => token !== 'old-token-000000' };
  /** Every source built, newest last: a restart builds a new one. */
  const built: ScriptedSource[] = [];
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log: silentLog,
    notifier,
    random: () => 1,
    timeZone: 'UTC',
    createSource: (sourceConfig, given) => {
      const source = new KeyedSource(sourceConfig.id, () => provider.accepts(given.token));
      built.push(source);
      return source;
    },
  });
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await settle();
  const blindAlerts = () => notifier.history.filter((n) => n.id === 'blind:am');
  return { core, clock, notifier, built, provider, blindAlerts };
}

/** A scripted source whose key the provider may reject, as the provider decides at each call. */
class KeyedSource extends ScriptedSource {
  constructor(
    id: string,
    private readonly keyWorks: () => boolean,
  ) {
    super(id);
  }

  override fetchIncidents() {
    this.checkKey();
    return super.fetchIncidents();
  }

  override testConnection() {
    this.checkKey();
    return super.testConnection();
  }

  private checkKey(): void {
    if (!this.keyWorks()) {
      throw new SourceError('auth', 'credentials rejected (HTTP 401)', { status: 401 });
    }
  }
}

describe('the blind alert', () => {
  it('goes out once, on time, for a source throttled past two intervals, and is taken down after', async () => {
    const { core, clock, notifier, built, provider, blindAlerts } = await startCore();
    const source = built[0]!;
    provider.accepts = () => true;
    await core.handlers.refresh({ sourceId: 'am' });
    expect(core.getState().sources[0]!.health).toBe('ok');
    const lastSuccess = clock.now();

    // Throttled with a two-minute Retry-After: no poll comes between now and then.
    source.failure = new SourceError('rate-limited', 'rate limited by 127.0.0.1:9 (HTTP 429)', {
      status: 429,
      retryAfterMs: 120 * second,
    });
    await clock.advance(30 * second);
    expect(core.getState().sources[0]!.health).toBe('degraded');
    await clock.advance(30 * second + 1);
    expect(core.getState().sources[0]!.health).toBe('blind');
    expect(blindAlerts()).toEqual([
      expect.objectContaining({
        title: "Can't reach Prod Alertmanager since 09:00 — you may miss pages",
        body: 'rate limited by 127.0.0.1:9 (HTTP 429)',
        urgency: 'critical',
      }),
    ]);
    expect(clock.now() - lastSuccess).toBeLessThanOrEqual(60 * second + 1);

    await clock.advance(60 * second);
    expect(blindAlerts()).toHaveLength(1);
    source.failure = undefined;
    await clock.advance(60 * second);
    expect(core.getState().sources[0]!.health).toBe('ok');
    expect(notifier.shown.has('blind:am')).toBe(false);
    expect(blindAlerts()).toHaveLength(1);
  });

  it('goes out for a rejected token two intervals on, though its next probe is a minute away', async () => {
    const { core, clock, blindAlerts } = await startCore();
    expect(core.getState().sources[0]).toMatchObject({ health: 'blind' });
    await clock.advance(60 * second);
    expect(blindAlerts()).toEqual([]);
    await clock.advance(1);
    expect(blindAlerts()).toHaveLength(1);
    expect(blindAlerts()[0]!.body).toMatch(/^token rejected — credentials rejected \(HTTP 401\)/);
  });
});

describe('a fixed token', () => {
  it('turns green at once when the responder saves it', async () => {
    const { core, built } = await startCore();
    expect(core.getState().sources[0]!.health).toBe('blind');
    await core.handlers.editSource({ config, secrets: { token: 'new-token-111111' } });
    await settle();
    expect(built).toHaveLength(2);
    expect(core.getState().sources[0]).toMatchObject({ health: 'ok' });
  });

  it('turns green at once when Test connection finds it working, without waiting a minute', async () => {
    const { core, provider } = await startCore();
    expect(core.getState().sources[0]!.health).toBe('blind');
    // The key was re-enabled at the provider: the running source would work if it asked.
    provider.accepts = () => true;
    const result = await core.handlers.testSource({ config });
    await settle();
    expect(result).toMatchObject({ ok: true });
    expect(core.getState().sources[0]).toMatchObject({ health: 'ok' });
  });
});

describe('an ack taken during a fault', () => {
  it('lands within an interval of the fault ending, not a backoff later', async () => {
    const { core, clock, built, provider } = await startCore();
    provider.accepts = () => true;
    const source = built[0]!;
    source.incidents = [anIncident({ sourceId: 'am' })];
    await core.handlers.refresh({ sourceId: 'am' });
    const faultAt = clock.now();
    const down = new SourceError('server', 'server error at 127.0.0.1:9 (HTTP 500)');
    source.failure = down;
    source.actFailure = down;
    await core.handlers.ack({ key: 'am:f00d' });

    // Real time for the journal's writes between steps of the fake clock.
    const step = async (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        await clock.advance(second);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    await step(200);
    expect(source.actions).toEqual([]);
    const endAt = clock.now();
    source.failure = undefined;
    source.actFailure = undefined;
    let landedAt: number | undefined;
    for (let i = 0; i < 60 && landedAt === undefined; i++) {
      await step(1);
      if (source.actions.length > 0) landedAt = clock.now();
    }
    expect(landedAt! - endAt).toBeLessThanOrEqual(30 * second);
    expect(source.actions).toEqual([{ key: 'am:f00d', action: 'ack' }]);
    expect(faultAt).toBeLessThan(endAt);
  });
});
