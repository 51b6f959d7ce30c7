import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import { createSource } from '../../../electron/core/sources/create-source.js';
import type { SourceFactory } from '../../../electron/core/sources/source-factory.js';
import { SourceError } from '../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeNotifier } from '../../support/fake-notifier.js';
import { ScriptedSource } from '../../support/scripted-source.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startCore(settings?: unknown) {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  if (settings) await writeFile(settingsPath, JSON.stringify(settings));
  const clock = new FakeClock();
  const notifier = new FakeNotifier();
  const opened: string[] = [];
  const scripted = new Map<string, ScriptedSource>();
  const factory: SourceFactory = (config, secrets, deps) => {
    if (config.kind === 'drill') return createSource(config, secrets, deps);
    const source = new ScriptedSource(config.id);
    scripted.set(config.id, source);
    return source;
  };
  const core = await OnwatchCore.start({
    settingsPath,
    secrets: new MemorySecretStore(),
    clock,
    log: silentLog,
    random: () => 1,
    notifier,
    createSource: factory,
    timeZone: 'UTC',
  });
  core.onOpenIncident((key) => opened.push(key));
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await clock.advance(0);
  return { core, clock, notifier, opened, scripted };
}

const highTriggered = (core: OnwatchCore) =>
  core.getState().incidents.find((i) => i.urgency === 'high' && i.status === 'triggered')!;

describe('OnwatchCore attention', () => {
  it('climbs the ladder for a triggered page and stops the moment it is acked here', async () => {
    const { core, clock, notifier } = await startCore();
    const page = highTriggered(core);
    expect(core.getState().attention.stages[page.key]).toMatchObject({ stage: 'notified' });
    expect(notifier.shown.get(page.key)).toMatchObject({
      urgency: 'normal',
      actions: [{ id: 'ack' }],
    });

    await clock.advance(60_000);
    expect(core.getState().attention.stages[page.key]).toMatchObject({ stage: 'critical' });
    expect(core.getState().attention.alarm).toMatchObject({
      incidentKey: page.key,
      ring: 1,
      sound: 'pulse',
    });
    expect(notifier.shown.get(page.key)).toMatchObject({ urgency: 'critical' });

    await clock.advance(240_000);
    expect(core.getState().attention).toMatchObject({ takeover: page.key });

    await core.handlers.ack({ key: page.key });
    const state = core.getState().attention;
    expect(state.stages[page.key]).toBeUndefined();
    expect(state.alarm).toBeNull();
    expect(state.takeover).toBeNull();
    expect(notifier.shown.has(page.key)).toBe(false);
  });

  it('acks from the notification button, through the outbox, in the source', async () => {
    const { core, clock, notifier } = await startCore();
    const page = highTriggered(core);
    notifier.press(page.key, 'ack');
    await until(() => core.getState().actions.length === 1);
    await clock.advance(0);
    await until(() => core.getState().actions[0]!.state === 'done');
    await core.handlers.refresh({});
    expect(core.getState().incidents.find((i) => i.key === page.key)).toMatchObject({
      status: 'acknowledged',
      assignees: [expect.any(String)],
    });
  });

  it('takes its notifications down when it stops, blind alerts included', async () => {
    const { core, notifier } = await startCore();
    expect(notifier.shown.size).toBeGreaterThan(0);
    await core.stop();
    expect(notifier.disposed).toBe(true);
    expect(notifier.shown.size).toBe(0);
  });

  it('opens the incident when the notification itself is clicked', async () => {
    const { core, notifier, opened } = await startCore();
    const page = highTriggered(core);
    notifier.press(page.key, 'open');
    expect(opened).toEqual([page.key]);
  });

  it('silences the alarm for five minutes without acking, then resumes', async () => {
    const { core, clock } = await startCore();
    const page = highTriggered(core);
    await clock.advance(60_000);
    expect(core.getState().attention.alarm).not.toBeNull();
    await core.handlers.silenceAlarm({});
    expect(core.getState().attention).toMatchObject({
      alarm: null,
      silencedUntil: new Date(clock.now() + 5 * 60_000).toISOString(),
    });
    expect(core.getState().actions).toEqual([]);
    expect(core.getState().incidents.find((i) => i.key === page.key)!.status).toBe('triggered');
    await clock.advance(5 * 60_000);
    // Other drill pages have fired meanwhile; whichever rang last is playing, ours still climbs.
    expect(core.getState().attention.alarm).not.toBeNull();
    expect(core.getState().attention.stages[page.key]).toMatchObject({ stage: 'takeover' });
    expect(core.getState().attention.silencedUntil).toBeUndefined();
  });

  it('sends a test page that climbs the whole ladder and stops on ack', async () => {
    const { core, clock } = await startCore({
      version: 1,
      responderName: 'alice',
      sources: [{ kind: 'alertmanager', id: 'am', name: 'AM', baseUrl: 'http://127.0.0.1:9' }],
    });
    const { key } = await core.handlers.sendTestPage({});
    expect(core.getState().incidents.find((i) => i.key === key)).toMatchObject({ urgency: 'high' });
    await clock.advance(300_000);
    expect(core.getState().attention).toMatchObject({ takeover: key, alarm: { incidentKey: key } });
    await core.handlers.ack({ key });
    await clock.advance(0);
    await until(() => core.getState().actions[0]?.state === 'done');
    expect(core.getState().incidents.find((i) => i.key === key)!.status).toBe('acknowledged');
    expect(core.getState().attention.stages[key]).toBeUndefined();
  });

  it('raises one notification when a source stays blind for more than two intervals', async () => {
    const { core, clock, notifier, scripted } = await startCore({
      version: 1,
      responderName: 'alice',
      sources: [{ kind: 'alertmanager', id: 'am', name: 'Prod AM', baseUrl: 'http://127.0.0.1:9' }],
    });
    scripted.get('am')!.failure = new SourceError(
      'unreachable',
      'cannot connect to 127.0.0.1:9 (ECONNREFUSED)',
    );
    await clock.advance(30_000);
    expect(core.getState().sources[0]!.health).toBe('degraded');
    await clock.advance(30_000);
    expect(core.getState().sources[0]!.health).toBe('blind');
    expect(notifier.shown.has('blind:am')).toBe(false);
    await clock.advance(60_000);
    const alerts = notifier.history.filter((n) => n.id === 'blind:am');
    expect(alerts).toEqual([
      expect.objectContaining({
        title: "Can't reach Prod AM since 09:00 — you may miss pages",
        urgency: 'critical',
      }),
    ]);
    scripted.get('am')!.failure = undefined;
    await clock.advance(300_000);
    expect(notifier.shown.has('blind:am')).toBe(false);
  });
});
