import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import { commands } from '../../../electron/common/contract/ipc-contract.js';
import type { IncidentEvent } from '../../../electron/common/model/incident-event.js';
import type { SourceConfig } from '../../../electron/common/model/source-config.js';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import type { Log } from '../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import { createSource } from '../../../electron/core/sources/create-source.js';
import type { SourceFactory } from '../../../electron/core/sources/source-factory.js';
import { SourceError } from '../../../electron/core/sources/source-error.js';
import { FakeClock, settle } from '../../support/fake-clock.js';
import { until } from '../../support/until.js';
import { anIncident } from '../../support/incidents.js';
import { ScriptedSource } from '../../support/scripted-source.js';
import { makeTempDir } from '../../support/temp-dir.js';

const amConfig = (overrides: Partial<SourceConfig> = {}) =>
  ({
    kind: 'alertmanager',
    id: 'am',
    name: 'Prod Alertmanager',
    baseUrl: 'http://127.0.0.1:9',
    auth: { type: 'basic', username: 'alice' },
    ackSilenceMinutes: 60,
    pollIntervalSeconds: 30,
    timeoutSeconds: 10,
    ...overrides,
  }) as SourceConfig;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A core on a fake clock with an in-memory keychain; alertmanager configs get scripted sources. */
async function startCore(options: { settings?: unknown; rawSettings?: string } = {}) {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  if (options.settings) await writeFile(settingsPath, JSON.stringify(options.settings));
  if (options.rawSettings) await writeFile(settingsPath, options.rawSettings);
  const clock = new FakeClock();
  const secrets = new MemorySecretStore();
  const scripted = new Map<string, ScriptedSource>();
  const logLines: string[] = [];
  const log: Log = {
    info: (m) => logLines.push(m),
    warn: (m) => logLines.push(m),
    error: (m) => logLines.push(m),
  };
  const secretsSeen = new Map<string, unknown>();
  const factory: SourceFactory = (config, secretValues, deps) => {
    secretsSeen.set(config.id, secretValues);
    if (config.kind === 'drill') return createSource(config, secretValues, deps);
    const source = new ScriptedSource(config.id);
    // A restarted source talks to the same provider, which still holds the same pages.
    source.incidents = scripted.get(config.id)?.incidents ?? [];
    scripted.set(config.id, source);
    return source;
  };
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log,
    random: () => 1,
    createSource: factory,
  });
  const states: AppState[] = [];
  const events: IncidentEvent[] = [];
  core.onStateChanged((s) => states.push(s));
  core.onIncidentEvents((e) => events.push(...e));
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await settle();
  return {
    core,
    clock,
    secrets,
    scripted,
    secretsSeen,
    settingsPath,
    dir,
    logLines,
    states,
    events,
  };
}

describe('OnwatchCore with nothing configured', () => {
  it('plays the drill and says so', async () => {
    const { core } = await startCore();
    const state = core.getState();
    expect(state.settings.drillIsDefault).toBe(true);
    expect(state.sources).toMatchObject([{ id: 'drill', health: 'ok' }]);
    expect(state.incidents.length).toBeGreaterThan(0);
    expect(state.incidents[0]!.status).toBe('triggered');
  });

  it('acks a drill incident end to end', async () => {
    const { core, events, clock } = await startCore();
    const target = core.getState().incidents.find((i) => i.urgency === 'high')!;
    await core.handlers.ack({ key: target.key });
    await clock.advance(0);
    await until(() => core.getState().actions[0]?.state === 'done');
    expect(core.getState().incidents.find((i) => i.key === target.key)?.status).toBe(
      'acknowledged',
    );
    const statusChanges = events.filter(
      (e) =>
        e.type === 'changed' &&
        e.incident.key === target.key &&
        e.previous.status !== e.incident.status,
    );
    expect(statusChanges).toHaveLength(1);
  });
});

describe('OnwatchCore settings', () => {
  it('moves a corrupt settings file aside, starts with defaults and tells the user', async () => {
    const { core, dir } = await startCore({ rawSettings: '{"sources": [' });
    const [notice] = core.getState().notices;
    expect(notice).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/could not be read/),
    });
    const movedTo = /moved to (\S+) and/.exec(notice!.message)![1]!;
    expect(movedTo.startsWith(dir.path)).toBe(true);
    expect(await readFile(movedTo, 'utf8')).toBe('{"sources": [');
    expect(core.getState().settings.drillIsDefault).toBe(true);
    await core.handlers.dismissNotice({ id: notice!.id });
    expect(core.getState().notices).toEqual([]);
  });

  it('stores a source secret in the keychain only, never in settings, state or logs', async () => {
    const { core, secrets, settingsPath, states, logLines } = await startCore();
    const password = 'hunter2-very-secret-value';
    await core.handlers.addSource({ config: amConfig(), secrets: { password } });

    expect(await secrets.get('source:am:password')).toBe(password);
    expect(await readFile(settingsPath, 'utf8')).not.toContain(password);
    const state = core.getState();
    expect(state.settings.drillIsDefault).toBe(false);
    expect(state.settings.sources).toEqual([
      { config: amConfig(), secretsConfigured: { password: true, token: false } },
    ]);
    expect(state.sources.map((s) => s.id)).toEqual(['am']);
    expect(JSON.stringify(states)).not.toContain(password);
    expect(logLines.join('\n')).not.toContain(password);
  });

  it('hands each source the secret values it needs, and nothing else', async () => {
    const { core, secretsSeen } = await startCore();
    await core.handlers.addSource({ config: amConfig(), secrets: { password: 'hunter2' } });
    expect(secretsSeen.get('am')).toEqual({ password: 'hunter2' });
    await core.handlers.testSource({
      config: amConfig({ id: 'other' }),
      secrets: { password: 'typed' },
    });
    expect(secretsSeen.get('other')).toEqual({ password: 'typed' });
  });

  it('refuses a source whose required secret is missing, changing nothing', async () => {
    const { core, settingsPath } = await startCore();
    await expect(core.handlers.addSource({ config: amConfig() })).rejects.toThrow(
      /password is required/,
    );
    await expect(readFile(settingsPath, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(core.getState().settings.drillIsDefault).toBe(true);
  });

  it('refuses a duplicate id, naming the field', async () => {
    const { core } = await startCore();
    await core.handlers.addSource({ config: amConfig(), secrets: { password: 'p' } });
    const refused = core.handlers.addSource({ config: amConfig(), secrets: { password: 'p' } });
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/already exists/),
      issues: [{ path: ['config', 'id'], message: expect.stringMatching(/already exists/) }],
    });
  });

  it('refuses to edit or remove a source that does not exist', async () => {
    const { core } = await startCore();
    const noSuch = { code: 'failed', message: 'There is no source with the id "am".' };
    await expect(core.handlers.editSource({ config: amConfig() })).rejects.toMatchObject(noSuch);
    await expect(core.handlers.removeSource({ id: 'am' })).rejects.toMatchObject(noSuch);
    await expect(core.handlers.removeSource({ id: 'am' })).rejects.toBeInstanceOf(CommandError);
  });

  it('keeps a stored secret on edit, and drops it when the auth no longer needs it', async () => {
    const { core, secrets } = await startCore();
    await core.handlers.addSource({ config: amConfig(), secrets: { password: 'p' } });
    await core.handlers.editSource({ config: amConfig({ name: 'Renamed' }) });
    expect(await secrets.get('source:am:password')).toBe('p');
    expect(core.getState().sources[0]!.name).toBe('Renamed');

    await core.handlers.editSource({ config: amConfig({ auth: { type: 'none' } }) });
    expect(await secrets.get('source:am:password')).toBeUndefined();
    expect(core.getState().settings.sources[0]!.secretsConfigured).toEqual({
      password: false,
      token: false,
    });
  });

  it('removes a source with its secrets and its incidents, falling back to the drill', async () => {
    const { core, secrets, scripted, clock } = await startCore();
    await core.handlers.addSource({ config: amConfig(), secrets: { password: 'p' } });
    await settle(); // the first poll, started on add, finishes empty
    scripted.get('am')!.incidents = [anIncident()];
    await core.handlers.refresh({});
    expect(core.getState().incidents.map((i) => i.key)).toEqual(['am:f00d']);

    await core.handlers.removeSource({ id: 'am' });
    await clock.advance(0);
    expect(await secrets.get('source:am:password')).toBeUndefined();
    expect(core.getState().settings.drillIsDefault).toBe(true);
    expect(core.getState().incidents.every((i) => i.sourceId === 'drill')).toBe(true);
  });

  it('saves the alarm sound and the ack shortcut, keeping what was not asked to change', async () => {
    const { core, settingsPath } = await startCore();
    await core.handlers.updateSettings({ alarmSound: 'klaxon', ackShortcut: 'Alt+Shift+K' });
    expect(core.getState().settings).toMatchObject({
      alarmSound: 'klaxon',
      ackShortcut: 'Alt+Shift+K',
    });
    const saved = JSON.parse(await readFile(settingsPath, 'utf8'));
    expect(saved).toMatchObject({ ackShortcut: 'Alt+Shift+K', attention: { sound: 'klaxon' } });
    await core.handlers.updateSettings({ responderName: 'Alice' });
    expect(core.getState().settings).toMatchObject({
      responderName: 'Alice',
      alarmSound: 'klaxon',
    });
  });

  it('moves Alertmanager to its fast lane when asked, and back, at once', async () => {
    const { core, clock, settingsPath } = await startCore({
      settings: { version: 1, responderName: 'a', sources: [amConfig({ auth: { type: 'none' } })] },
    });
    const nextPollIn = () => Date.parse(core.getState().sources[0]!.nextPollAt!) - clock.now();
    // Off call, on the default "while on call": the source's own 30 s.
    await clock.advance(0);
    expect(nextPollIn()).toBeGreaterThan(2_000);

    await core.handlers.updateSettings({ fastLane: 'always' });
    await clock.advance(0);
    expect(core.getState().settings.fastLane).toBe('always');
    expect(nextPollIn()).toBeLessThanOrEqual(2_000);
    const saved = JSON.parse(await readFile(settingsPath, 'utf8'));
    expect(saved.attention.fastLane).toBe('always');

    await core.handlers.updateSettings({ fastLane: 'off' });
    await clock.advance(0);
    expect(nextPollIn()).toBeGreaterThan(2_000);
  });

  it('saves the reminder lead time, and the contract refuses one out of bounds by name', async () => {
    const { core, settingsPath } = await startCore();
    expect(core.getState().settings.shiftReminderLeadMinutes).toBe(30);
    await core.handlers.updateSettings({ shiftReminderLeadMinutes: 0 });
    expect(core.getState().settings.shiftReminderLeadMinutes).toBe(0);
    const saved = JSON.parse(await readFile(settingsPath, 'utf8'));
    expect(saved.attention.shiftReminderLeadMinutes).toBe(0);

    const request = commands.updateSettings.request;
    const problem = (minutes: unknown) =>
      request.safeParse({ shiftReminderLeadMinutes: minutes }).error?.issues[0]?.message;
    expect(problem(-5)).toBe('the reminder before a shift cannot be negative (0 turns it off)');
    expect(problem(7.5)).toBe('the reminder before a shift is a whole number of minutes');
    expect(problem(1441)).toBe(
      'the reminder before a shift can be at most 1440 minutes (a day) ahead',
    );
    expect(problem('30')).toBe('the reminder before a shift is a number of minutes');
    expect(problem(1440)).toBeUndefined();
  });

  it('saves the responder name', async () => {
    const { core, settingsPath } = await startCore();
    await core.handlers.updateSettings({ responderName: 'Alice' });
    expect(core.getState().settings.responderName).toBe('Alice');
    expect(JSON.parse(await readFile(settingsPath, 'utf8')).responderName).toBe('Alice');
  });
});

describe('OnwatchCore polling and health', () => {
  it('turns a failing source degraded then blind with the reason, and recovers by itself', async () => {
    const { core, scripted, clock } = await startCore({
      settings: { version: 1, responderName: 'a', sources: [amConfig({ auth: { type: 'none' } })] },
    });
    const source = scripted.get('am')!;
    expect(core.getState().sources[0]).toMatchObject({ health: 'ok' });

    source.failure = new SourceError('unreachable', 'cannot connect to 127.0.0.1:9 (ECONNREFUSED)');
    await clock.advance(30_000);
    expect(core.getState().sources[0]).toMatchObject({
      health: 'degraded',
      lastError: source.failure.message,
    });
    await clock.advance(30_000);
    const blind = core.getState().sources[0]!;
    expect(blind).toMatchObject({ health: 'blind', consecutiveFailures: 2 });
    expect(Date.parse(blind.lastSuccessAt!)).toBeLessThan(clock.now());

    source.failure = undefined;
    await clock.advance(60_000);
    expect(core.getState().sources[0]).toMatchObject({ health: 'ok', consecutiveFailures: 0 });
  });

  it('shows a source blind when its secret cannot be read from the keychain', async () => {
    const { core } = await startCore({
      settings: { version: 1, responderName: 'a', sources: [amConfig()] },
    });
    expect(core.getState().sources[0]).toMatchObject({
      health: 'blind',
      lastError: expect.stringMatching(/missing from the keychain/),
    });
  });

  it("keeps a source's pages through a save that restarts it, announcing none again", async () => {
    const { core, scripted, events } = await startCore();
    const amEvents = () => events.filter((e) => e.incident.sourceId === 'am').map((e) => e.type);
    await core.handlers.addSource({ config: amConfig(), secrets: { password: 'old' } });
    await settle();
    scripted.get('am')!.incidents = [anIncident()];
    await core.handlers.refresh({});
    expect(amEvents()).toEqual(['new']);

    // A new password restarts the source; until its first answer its pages stay as they were.
    await core.handlers.editSource({ config: amConfig(), secrets: { password: 'new' } });
    expect(core.getState().incidents.map((i) => i.key)).toEqual(['am:f00d']);
    await core.handlers.refresh({});
    expect(core.getState().incidents.map((i) => i.key)).toEqual(['am:f00d']);
    expect(amEvents()).toEqual(['new']);
  });

  it('keeps the last known incidents while a source is failing, without duplicate events', async () => {
    const { core, scripted, clock, events } = await startCore({
      settings: { version: 1, responderName: 'a', sources: [amConfig({ auth: { type: 'none' } })] },
    });
    const source = scripted.get('am')!;
    source.incidents = [anIncident()];
    await clock.advance(30_000);
    source.failure = new SourceError('server', 'HTTP 502');
    await clock.advance(60_000);
    source.failure = undefined;
    await clock.advance(120_000);
    expect(core.getState().incidents.map((i) => i.key)).toEqual(['am:f00d']);
    expect(events.map((e) => e.type)).toEqual(['new']);
  });
});

describe('OnwatchCore actions', () => {
  async function withOneIncident() {
    const setup = await startCore({
      settings: { version: 1, responderName: 'a', sources: [amConfig({ auth: { type: 'none' } })] },
    });
    const source = setup.scripted.get('am')!;
    source.incidents = [anIncident()];
    await setup.core.handlers.refresh({});
    return { ...setup, source };
  }

  const actionStates = (core: OnwatchCore) =>
    core
      .getState()
      .actions.map((a) => a.state)
      .join(',');

  it('shows the incident acknowledged at once while the ack is pending, then confirmed', async () => {
    const { core, source, clock, states } = await withOneIncident();
    const hold = source.holdNextAction();
    const { actionId } = await core.handlers.ack({ key: 'am:f00d' });
    await clock.advance(0);
    await until(() => source.actionsStarted === 1, 'the ack to reach the source');
    expect(core.getState().actions).toMatchObject([
      { id: actionId, incidentKey: 'am:f00d', action: { type: 'ack' }, state: 'pending' },
    ]);
    expect(core.getState().incidents[0]).toMatchObject({ status: 'acknowledged' });

    hold.release();
    await until(() => actionStates(core) === 'done', 'the ack to be confirmed');
    expect(states.at(-1)!.incidents[0]).toMatchObject({ status: 'acknowledged' });
    expect(source.actions).toEqual([{ key: 'am:f00d', action: 'ack' }]);
  });

  it('ignores a poll that started before the ack landed, so the incident does not flip back', async () => {
    const { core, source, events, clock } = await withOneIncident();
    const poll = source.holdNextPoll();
    const refresh = core.handlers.refresh({});
    await settle();
    await core.handlers.ack({ key: 'am:f00d' });
    await clock.advance(0);
    await until(() => actionStates(core) === 'done');
    poll.release(); // this poll still says "triggered"
    await refresh;
    expect(core.getState().incidents[0]!.status).toBe('acknowledged');
    expect(events.filter((e) => e.type === 'changed')).toHaveLength(1);
  });

  it('rolls the incident back and says why when the provider refuses the action', async () => {
    const { core, source, clock } = await withOneIncident();
    source.actFailure = new SourceError('rejected', 'matcher value is invalid');
    await core.handlers.ack({ key: 'am:f00d' });
    expect(core.getState().incidents[0]!.status).toBe('acknowledged');
    await clock.advance(0);
    await until(() => actionStates(core) === 'failed');
    expect(core.getState().actions[0]).toMatchObject({ lastError: 'matcher value is invalid' });
    expect(core.getState().incidents[0]!.status).toBe('triggered');

    source.actFailure = undefined;
    await core.handlers.retryAction({ id: core.getState().actions[0]!.id });
    await clock.advance(0);
    await until(() => actionStates(core) === 'done');
    expect(core.getState().incidents[0]!.status).toBe('acknowledged');
  });

  it('sends a note typed with an ack after the ack is confirmed, as an action of its own', async () => {
    const { core, source, clock } = await withOneIncident();
    source.incidents = [anIncident({ capabilities: { ...anIncident().capabilities, note: true } })];
    await core.handlers.refresh({});
    await core.handlers.act({ key: 'am:f00d', action: { type: 'ack', note: 'on it' } });
    await clock.advance(0);
    await until(() => actionStates(core) === 'done,pending', 'the ack to be confirmed');
    await clock.advance(0);
    await until(() => actionStates(core) === 'done,done', 'the note to follow');
    expect(source.actions).toEqual([
      { key: 'am:f00d', action: 'ack' },
      { key: 'am:f00d', action: 'note' },
    ]);
    expect(core.getState().actions.map((a) => a.action)).toEqual([
      { type: 'ack', note: 'on it' },
      { type: 'note', text: 'on it' },
    ]);
  });

  it('refuses a note with an ack where the incident takes no notes, sending nothing', async () => {
    const { core } = await withOneIncident();
    await expect(
      core.handlers.act({ key: 'am:f00d', action: { type: 'ack', note: 'on it' } }),
    ).rejects.toThrow('This incident takes no notes: send it without one.');
    expect(core.getState().actions).toEqual([]);
  });

  it('refuses an action the incident does not support', async () => {
    const { core } = await withOneIncident();
    await expect(core.handlers.resolve({ key: 'am:f00d' })).rejects.toThrow(
      /“Resolve” is not available/,
    );
    await expect(
      core.handlers.act({ key: 'am:f00d', action: { type: 'note', text: 'hi' } }),
    ).rejects.toThrow(/“Add note” is not available/);
    expect(core.getState().actions).toEqual([]);
  });

  it('keeps retrying an action the provider does not answer, showing why', async () => {
    const { core, source, clock } = await withOneIncident();
    source.holdNextAction();
    await core.handlers.ack({ key: 'am:f00d' });
    await clock.advance(0);
    await until(() => source.actionsStarted === 1);
    await clock.advance(10_000);
    await until(() => core.getState().actions[0]?.lastError !== undefined);
    expect(core.getState().actions[0]).toMatchObject({
      state: 'pending',
      lastError: 'no answer within 10 s',
      nextAttemptAt: expect.any(String),
    });
    await clock.advance(60_000);
    await until(() => actionStates(core) === 'done');
    expect(source.actions).toHaveLength(1);
  });
});

describe('OnwatchCore Test connection', () => {
  it('reports success with identity, or the failure reason', async () => {
    const { core } = await startCore();
    const config = amConfig({ auth: { type: 'none' } });
    expect(await core.handlers.testSource({ config })).toEqual({
      ok: true,
      summary: 'scripted source',
      identity: 'tester',
    });
    expect(await core.handlers.testSource({ config: amConfig() })).toEqual({
      ok: false,
      error: expect.stringMatching(/password/i),
    });
  });
});
