import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../electron/common/model/incident-event.js';
import type { SourceConfigInput } from '../../electron/common/model/source-config.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { secretAccount } from '../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { fakeUsername, startOpsgenieFake } from '../fakes/opsgenie-fake.js';
import { startPagerDutyFake } from '../fakes/pagerduty-fake.js';
import { startSplunkOnCallFake } from '../fakes/splunk-oncall-fake.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeNotifier } from '../support/fake-notifier.js';
import { makeTempDir } from '../support/temp-dir.js';

/** A provider's fake, as the core needs it: a source config, its key, and a fault switch. */
interface Provider {
  config: SourceConfigInput;
  token: string;
  fail(status: number | null): void;
  stop(): Promise<void>;
}

const providers: Record<string, () => Promise<Provider>> = {
  pagerduty: async () => {
    const fake = await startPagerDutyFake();
    return {
      config: {
        kind: 'pagerduty',
        id: 'src',
        name: 'PagerDuty',
        email: fake.me.email,
        apiBaseUrl: fake.baseUrl,
      },
      token: fake.tokens.user,
      fail: (status) => fake.setFault(status === null ? null : { status }),
      stop: () => fake.stop(),
    };
  },
  opsgenie: async () => {
    const fake = await startOpsgenieFake();
    return {
      config: {
        kind: 'opsgenie',
        id: 'src',
        name: 'Opsgenie',
        // The fake's responder, so some of its alerts are hers and ring.
        username: fakeUsername,
        apiBaseUrl: fake.url,
      },
      token: fake.apiKey,
      fail: (status) => fake.setFault(status === null ? null : { status }),
      stop: () => fake.stop(),
    };
  },
  'splunk-oncall': async () => {
    const fake = await startSplunkOnCallFake();
    return {
      config: {
        kind: 'splunk-oncall',
        id: 'src',
        name: 'Splunk On-Call',
        apiId: fake.apiId,
        username: 'alice',
        apiBaseUrl: fake.url,
      },
      token: fake.apiKey,
      fail: (status) => fake.setFault(status === null ? null : { status }),
      stop: () => fake.stop(),
    };
  },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startCoreOn(provider: Provider) {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'jane', sources: [provider.config] }),
  );
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('src', 'token'), provider.token);
  const clock = new FakeClock(Date.now());
  const notifier = new FakeNotifier();
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log: silentLog,
    notifier,
    random: () => 1,
  });
  const events: IncidentEvent[] = [];
  core.onIncidentEvents((e) => events.push(...e));
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  const health = () => core.getState().sources[0]!;
  /**
   * Waits for real I/O while nudging the fake clock, since a source may pace its requests on
   * that clock (Opsgenie spaces them out per second).
   */
  const settle = async (condition: () => boolean, what: string) => {
    for (let step = 0; !condition(); step++) {
      if (step > 400) throw new Error(`timed out waiting for ${what}`);
      await clock.advance(50);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  /** Moves to the next poll and waits for its answer. */
  const nextPoll = async () => {
    const before = health();
    const due = Date.parse(before.nextPollAt ?? new Date(clock.now()).toISOString());
    await clock.advance(Math.max(0, due - clock.now()));
    await settle(() => health() !== before && !health().polling, 'the poll to finish');
  };
  return { core, clock, notifier, events, health, nextPoll, settle };
}

describe.each(Object.keys(providers))('%s faults, seen through the core', (name) => {
  it('turns degraded then blind with the reason, recovers by itself, and repeats nothing', async () => {
    const provider = await providers[name]!();
    cleanups.push(provider.stop);
    const { core, notifier, events, health, nextPoll, settle } = await startCoreOn(provider);
    await settle(() => health().health === 'ok', `${name} to answer`);
    const keys = core
      .getState()
      .incidents.map((i) => i.key)
      .sort();
    expect(keys.length).toBeGreaterThan(0);

    provider.fail(500);
    await nextPoll();
    expect(health()).toMatchObject({ health: 'degraded', lastError: expect.stringMatching(/500/) });
    await nextPoll();
    expect(health()).toMatchObject({ health: 'blind', lastError: expect.stringMatching(/500/) });
    // What we last saw stays on screen while we are blind.
    expect(
      core
        .getState()
        .incidents.map((i) => i.key)
        .sort(),
    ).toEqual(keys);

    provider.fail(null);
    await nextPoll();
    expect(health()).toMatchObject({ health: 'ok', consecutiveFailures: 0 });
    expect(
      core
        .getState()
        .incidents.map((i) => i.key)
        .sort(),
    ).toEqual(keys);
    expect(events.filter((e) => e.type !== 'new')).toEqual([]);
    // Each page that rings (the responder's own, by default) was announced exactly once,
    // however often the outage made us re-read it; everyone else's never.
    const { incidents, attention } = core.getState();
    const ringing = new Set(
      incidents
        .filter((i) => i.status === 'triggered' && attention.ring[i.key]?.rings)
        .map((i) => i.key),
    );
    expect(ringing.size).toBeGreaterThan(0);
    for (const key of keys) {
      const firstNotices = notifier.history.filter((n) => n.id === key && n.urgency === 'normal');
      expect(firstNotices).toHaveLength(ringing.has(key) ? 1 : 0);
    }
  });

  it('goes blind at once on a rejected key, says so, and recovers when the key works again', async () => {
    const provider = await providers[name]!();
    cleanups.push(provider.stop);
    const { health, nextPoll, settle } = await startCoreOn(provider);
    await settle(() => health().health === 'ok', `${name} to answer`);

    provider.fail(401);
    await nextPoll();
    expect(health()).toMatchObject({ health: 'blind', consecutiveFailures: 1 });
    expect(health().lastError).toMatch(/rejected|401|missing/i);

    provider.fail(null);
    await nextPoll();
    expect(health().health).toBe('ok');
  });
});
