import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { incidentFacts } from '../../../../electron/core/runbooks/incident-facts.js';
import { RunbookLibrary } from '../../../../electron/core/runbooks/runbook-library.js';
import { shippedRunbooksDir } from '../../../../electron/core/runbooks/runbook-folders.js';
import { drillScript } from '../../../../electron/core/sources/drill/drill-script.js';
import { DrillSource } from '../../../../electron/core/sources/drill/drill-source.js';
import { appRoot } from '../../../../electron/host/app-paths.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

/** One incident per page of the drill script, as the drill source makes them. */
async function everyDrillIncident(): Promise<Incident[]> {
  const clock = new FakeClock();
  const source = new DrillSource('drill', clock, () => 'alice');
  const bySlug = new Map<string, Incident>();
  for (const page of [...drillScript].sort((a, b) => a.atSeconds - b.atSeconds)) {
    await clock.advance(page.atSeconds * 1000 - (clock.now() - Date.parse('2026-11-22T09:00:00Z')));
    for (const incident of await source.fetchIncidents()) bySlug.set(incident.externalId, incident);
  }
  return [...bySlug.values()];
}

const shipped = () =>
  RunbookLibrary.open({
    folders: [{ path: shippedRunbooksDir(appRoot()), origin: 'shipped' }],
    watch: false,
  });

describe('the drill runbooks shipped with the app', () => {
  it('all load', async () => {
    const library = await shipped();
    expect(library.problems()).toEqual([]);
    expect(library.list().length).toBe(drillScript.length);
  });

  it('give every drill incident exactly one runbook, by its match rule', async () => {
    const library = await shipped();
    const incidents = await everyDrillIncident();
    expect(incidents.map((i) => i.labels.alertname).sort()).toEqual(
      drillScript.map((page) => page.labels.alertname).sort(),
    );
    const used = new Set<string>();
    for (const incident of incidents) {
      const { candidates } = library.match(incidentFacts(incident));
      expect(candidates, incident.title).toHaveLength(1);
      expect(candidates[0]!.via).toBe('match-rule');
      used.add(candidates[0]!.runbookId);
      const rendered = library.render(candidates[0]!.runbookId, incidentFacts(incident))!;
      // Every step can run on the drill's own labels, and every runbook has something to tick.
      expect(
        rendered.steps.filter((s) => s.blockedBy.length > 0),
        rendered.id,
      ).toEqual([]);
      expect(rendered.steps.some((s) => s.checklist.length > 0)).toBe(true);
      expect(
        rendered.steps.some((s) => s.danger.length > 0 && !s.inRunAll),
        rendered.id,
      ).toBe(true);
    }
    expect(used.size).toBe(drillScript.length);
  });

  it('never answer a real alert of the same name', async () => {
    const library = await shipped();
    const real = anIncident({
      labels: { alertname: 'NodeFilesystemAlmostFull', instance: 'db-1:9100' },
    });
    expect(library.match(incidentFacts(real)).candidates).toEqual([]);
  });
});
