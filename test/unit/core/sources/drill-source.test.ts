import { describe, expect, it } from 'vitest';
import { drillScript } from '../../../../electron/core/sources/drill/drill-script.js';
import { DrillSource } from '../../../../electron/core/sources/drill/drill-source.js';
import { FakeClock } from '../../../support/fake-clock.js';

function drill() {
  const clock = new FakeClock();
  return { clock, source: new DrillSource('drill', clock, () => 'alice') };
}

describe('DrillSource', () => {
  it('starts with practice pages of both urgencies, with services and labels', async () => {
    const { source } = drill();
    const incidents = await source.fetchIncidents();
    expect(incidents.length).toBeGreaterThanOrEqual(2);
    expect(new Set(incidents.map((i) => i.urgency))).toEqual(new Set(['high', 'low']));
    for (const incident of incidents) {
      expect(incident).toMatchObject({
        sourceId: 'drill',
        status: 'triggered',
        assignedToMe: true,
      });
      expect(incident.service).toBeTruthy();
      expect(incident.labels).toMatchObject({ drill: 'true' });
      expect(incident.capabilities).toMatchObject({ ack: true, resolve: true, silence: false });
    }
  });

  it('fires more pages as time passes and resolves some on its own', async () => {
    const { source, clock } = drill();
    const titles = async () => (await source.fetchIncidents()).map((i) => i.title);
    const selfResolving = drillScript.find((p) => p.atSeconds === 0 && p.resolvesAfterSeconds)!;
    expect(await titles()).toContain(selfResolving.title);
    await clock.advance(selfResolving.resolvesAfterSeconds! * 1000);
    expect(await titles()).not.toContain(selfResolving.title);
    expect((await titles()).length).toBeGreaterThan(1);
  });

  it('acknowledges and resolves, recording who acked and when', async () => {
    const { source, clock } = drill();
    const [first, second] = await source.fetchIncidents();
    await source.act(first!, { type: 'ack' });
    await source.act(second!, { type: 'resolve' });
    const after = await source.fetchIncidents();
    expect(after.find((i) => i.key === first!.key)).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: new Date(clock.now()).toISOString(),
      assignees: ['alice'],
    });
    expect(after.find((i) => i.key === second!.key)).toBeUndefined();
  });

  it('refuses to act on a page that has already cleared', async () => {
    const { source } = drill();
    const [first] = await source.fetchIncidents();
    await source.act(first!, { type: 'resolve' });
    await expect(source.act(first!, { type: 'ack' })).rejects.toThrow(/already resolved/);
  });

  it('replays the script each cycle with fresh ids, keeping unhandled pages open', async () => {
    const { source, clock } = drill();
    const firstCycle = await source.fetchIncidents();
    await clock.advance(30 * 60_000);
    const keys = (await source.fetchIncidents()).map((i) => i.key);
    expect(keys).toContain(firstCycle.find((i) => i.urgency === 'high')!.key);
    expect(keys.some((k) => k.endsWith('-2'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('describes itself for Test connection', async () => {
    const { source } = drill();
    expect((await source.testConnection()).summary).toMatch(/practice pages/);
  });
});

describe('DrillSource cover on the practice rotation', () => {
  const hour = 60 * 60_000;
  const window = (clock: FakeClock) => ({ since: clock.now(), until: clock.now() + 24 * hour });

  it('draws a cover as the teammate covering my turn, and takes it away again', async () => {
    const { source, clock } = drill();
    const [mine] = (await source.fetchShifts(window(clock))).filter((s) => s.isMe);
    const [sam] = await source.coverage.teammates();
    const start = Date.parse(mine!.start) + 2 * hour;
    const target = {
      coverId: 'c1',
      scheduleId: mine!.scheduleId,
      requestedAt: clock.now(),
      start,
      end: start + 2 * hour,
      coverUser: { id: sam!.id, name: sam!.name },
      forUser: { name: 'alice' },
    };
    expect(await source.coverage.findCover(target)).toBeUndefined();
    await source.coverage.createCover(target);
    expect(await source.coverage.findCover(target)).toEqual({});

    const covered = (await source.fetchShifts(window(clock))).filter(
      (s) =>
        Date.parse(s.start) < Date.parse(mine!.end!) &&
        Date.parse(s.end!) > Date.parse(mine!.start),
    );
    expect(covered.map((s) => [s.userName, s.isMe, s.override])).toEqual([
      ['alice', true, undefined],
      [sam!.name, false, { forUserName: 'alice' }],
      ['alice', true, undefined],
    ]);
    expect(covered[1]).toMatchObject({
      start: new Date(start).toISOString(),
      end: new Date(start + 2 * hour).toISOString(),
    });

    // Removed before it starts: gone; my turn is whole again.
    await source.coverage.removeCover(target, clock.now());
    const whole = (await source.fetchShifts(window(clock))).filter((s) => s.isMe);
    expect(whole[0]).toEqual(mine);
  });

  it('cuts a running cover short at the moment it is removed', async () => {
    const { source, clock } = drill();
    const [mine] = (await source.fetchShifts(window(clock))).filter((s) => s.isMe);
    const start = Date.parse(mine!.start);
    const target = {
      coverId: 'c2',
      scheduleId: mine!.scheduleId,
      requestedAt: clock.now(),
      start,
      end: start + 4 * hour,
      coverUser: { id: 'practice-lee', name: 'Lee Chen (practice)' },
      forUser: { name: 'alice' },
    };
    await source.coverage.createCover(target);
    await clock.advance(hour);
    await source.coverage.removeCover(target, clock.now());
    const cover = (await source.fetchShifts({ since: start, until: start + 24 * hour })).find(
      (s) => s.override,
    );
    expect(cover).toMatchObject({
      start: new Date(start).toISOString(),
      end: new Date(clock.now()).toISOString(),
    });
  });
});
