import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Shift } from '../../../electron/common/model/shift.js';
import { sourceConfigSchema } from '../../../electron/common/model/source-config.js';
import { OnwatchCore } from '../../../electron/core/onwatch-core.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { secretAccount } from '../../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.js';
import type { SourceFactory } from '../../../electron/core/sources/source-factory.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeNotifier } from '../../support/fake-notifier.js';
import { anIncident } from '../../support/incidents.js';
import { ScriptedSource } from '../../support/scripted-source.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** A scripted source that also knows rotations, as PagerDuty does. */
class ScriptedScheduleSource extends ScriptedSource {
  shifts: Shift[] = [];
  async fetchShifts(): Promise<Shift[]> {
    return structuredClone(this.shifts);
  }
}

const start = Date.parse('2026-11-22T09:00:00Z');
const minutes = (m: number) => m * 60_000;

const pagerDuty = { kind: 'pagerduty', id: 'pd', name: 'PagerDuty', email: 'sam@example.com' };
const alertmanager = {
  kind: 'alertmanager',
  id: 'am',
  name: 'Alertmanager',
  baseUrl: 'http://127.0.0.1:9',
  ringFor: 'while-on-call',
};

const alert = anIncident({ sourceId: 'am', externalId: 'disk' });
const danas = anIncident({
  sourceId: 'pd',
  externalId: 'P1',
  title: 'Checkout latency',
  assignedToMe: false,
  assignees: ['Dana Lee'],
});
const mine = anIncident({ sourceId: 'pd', externalId: 'P2', assignees: ['Sam Roe'] });
/** Sam's shift, from ten minutes after the start. */
const samsShift: Shift = {
  sourceId: 'pd',
  scheduleId: 'PRIMARY',
  scheduleName: 'Primary',
  userName: 'Sam Roe',
  isMe: true,
  start: new Date(start + minutes(10)).toISOString(),
  end: new Date(start + minutes(600)).toISOString(),
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startCore() {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  await writeFile(
    settingsPath,
    JSON.stringify({ version: 1, responderName: 'sam', sources: [alertmanager, pagerDuty] }),
  );
  const clock = new FakeClock(start);
  const notifier = new FakeNotifier();
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('pd', 'token'), 'pd-token');
  const scripted = new Map<string, ScriptedSource>();
  const factory: SourceFactory = (config) => {
    const source =
      config.kind === 'pagerduty'
        ? Object.assign(new ScriptedScheduleSource(config.id), {
            incidents: [danas, mine],
            shifts: [samsShift],
          })
        : Object.assign(new ScriptedSource(config.id), { incidents: [alert] });
    scripted.set(config.id, source);
    return source;
  };
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log: silentLog,
    random: () => 1,
    notifier,
    createSource: factory,
    timeZone: 'UTC',
  });
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  await clock.advance(0);
  return { core, clock, notifier };
}

describe('OnwatchCore, who rings', () => {
  it('rings for my PagerDuty page, lists a teammate’s quietly, and says why', async () => {
    const { core, clock, notifier } = await startCore();
    expect(notifier.shown.has(mine.key)).toBe(true);
    expect(notifier.shown.has(danas.key)).toBe(false);
    expect(core.getState().incidents.map((i) => i.key)).toEqual(
      expect.arrayContaining([mine.key, danas.key]),
    );
    expect(core.getState().attention.ring[danas.key]).toEqual({
      rings: false,
      reason: 'Quiet: assigned to Dana Lee — this source rings for your pages only',
    });

    await clock.advance(minutes(5));
    expect(core.getState().attention.takeover).toBe(mine.key);
    await core.handlers.ack({ key: mine.key });
    await clock.advance(minutes(1));
    expect(core.getState().attention.takeover).toBeNull();
    expect(notifier.history.filter((n) => n.id === danas.key)).toEqual([]);
  });

  it('starts ringing an “only while on call” source the moment my shift starts', async () => {
    const { core, clock, notifier } = await startCore();
    expect(notifier.shown.has(alert.key)).toBe(false);
    expect(core.getState().attention.ring[alert.key]).toEqual({
      rings: false,
      reason: 'Quiet: you are not on call',
    });

    await clock.advance(minutes(10));
    expect(core.getState().schedule.onCallNow).toEqual([expect.objectContaining({ isMe: true })]);
    expect(notifier.shown.get(alert.key)).toMatchObject({ urgency: 'normal' });
    expect(core.getState().attention.ring[alert.key]).toEqual({
      rings: true,
      reason: 'Rings: you are on call',
    });
  });

  it('applies a changed “Ring for” at once', async () => {
    const { core, notifier } = await startCore();
    const config = sourceConfigSchema.parse({ ...pagerDuty, ringFor: 'everything' });
    await core.handlers.editSource({ config });
    // It climbs now; the restarted source announced its pages again, so they may share a summary.
    expect(core.getState().attention.stages[danas.key]).toMatchObject({ stage: 'notified' });
    expect(notifier.shown.size).toBeGreaterThan(0);
    expect(core.getState().attention.ring[danas.key]).toEqual({
      rings: true,
      reason: 'Rings: this source rings for every page',
    });
  });
});
