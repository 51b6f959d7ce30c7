import { describe, expect, it } from 'vitest';
import { DrillSource } from '../../../../electron/core/sources/drill/drill-source.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

describe("the drill's timeline", () => {
  it('tells a practice page from its script: fired, paged, and acknowledged once acked', async () => {
    const clock = new FakeClock();
    const source = new DrillSource('drill', clock, () => 'alice');
    const [page] = await source.fetchIncidents();

    const fresh = await source.readTimeline(page!);
    expect(fresh.entries).toEqual([
      { at: page!.createdAt, kind: 'opened', text: "Fired by the drill's script", by: 'Drill' },
      { at: page!.createdAt, kind: 'notified', text: 'Paged alice (practice)', by: 'Drill' },
    ]);

    await clock.advance(90_000);
    await source.act(page!, { type: 'ack' });
    const acked = (await source.fetchIncidents()).find((i) => i.key === page!.key)!;
    const after = await source.readTimeline(acked);
    expect(after.entries.at(-1)).toEqual({
      at: new Date(clock.now()).toISOString(),
      kind: 'acknowledged',
      text: 'Acknowledged in Onwatch',
      by: 'alice',
    });
  });

  it('refuses an incident the script never fired', async () => {
    const source = new DrillSource('drill', new FakeClock(), () => 'alice');
    await expect(
      source.readTimeline(anIncident({ sourceId: 'drill', externalId: 'nope-1' })),
    ).rejects.toThrow(/not in the script/);
  });
});
