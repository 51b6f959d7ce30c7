import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../electron/common/model/incident.js';
import type { SourceKind } from '../../../../electron/common/model/source-config.js';
import { IncidentFeed } from '../../../../electron/core/engine/incident-feed.js';
import { MigrationTwins } from '../../../../electron/core/engine/migration-twins.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { anIncident } from '../../../support/incidents.js';

const kinds: Record<string, SourceKind> = { og: 'opsgenie', jsm: 'jsm-ops', am: 'alertmanager' };

function setup() {
  const feed = new IncidentFeed(silentLog);
  const events: string[] = [];
  feed.events.on((batch) => events.push(...batch.map((e) => `${e.type} ${e.incident.key}`)));
  const twins = new MigrationTwins(
    (id) => kinds[id],
    (id, incidents) => feed.applySnapshot(id, incidents),
  );
  return { feed, twins, events };
}

const alert = (sourceId: string, externalId: string, alias?: string): Incident =>
  anIncident({ sourceId, externalId, labels: alias ? { alias } : {} });

describe('MigrationTwins', () => {
  it('shows an alert that both Opsgenie and JSM list, by alias, once: the JSM copy', () => {
    const { feed, twins, events } = setup();
    twins.snapshot('og', [alert('og', 'o1', 'checkout-5xx'), alert('og', 'o2', 'disk')]);
    twins.snapshot('jsm', [alert('jsm', 'j1', 'checkout-5xx')]);
    expect(
      feed
        .all()
        .map((i) => i.key)
        .sort(),
    ).toEqual(['jsm:j1', 'og:o2']);
    expect(events).toEqual(['new og:o1', 'new og:o2', 'new jsm:j1', 'resolved og:o1']);
    // The next Opsgenie poll still lists it; it stays left out, announcing nothing.
    twins.snapshot('og', [alert('og', 'o1', 'checkout-5xx'), alert('og', 'o2', 'disk')]);
    expect(events).toHaveLength(4);
  });

  it('brings the Opsgenie copy back when JSM stops listing it or goes away', () => {
    const { feed, twins } = setup();
    twins.snapshot('jsm', [alert('jsm', 'j1', 'a')]);
    twins.snapshot('og', [alert('og', 'o1', 'a')]);
    expect(feed.all().map((i) => i.key)).toEqual(['jsm:j1']);
    twins.snapshot('jsm', []);
    expect(feed.all().map((i) => i.key)).toEqual(['og:o1']);
    twins.snapshot('jsm', [alert('jsm', 'j1', 'a')]);
    feed.dropSource('jsm');
    twins.forget('jsm');
    expect(feed.all().map((i) => i.key)).toEqual(['og:o1']);
  });

  it('leaves every other source, and alerts without an alias, alone', () => {
    const { feed, twins } = setup();
    twins.snapshot('jsm', [alert('jsm', 'j1', 'a'), alert('jsm', 'j2')]);
    twins.snapshot('am', [alert('am', 'x', 'a')]);
    twins.snapshot('og', [alert('og', 'o1')]);
    expect(
      feed
        .all()
        .map((i) => i.key)
        .sort(),
    ).toEqual(['am:x', 'jsm:j1', 'jsm:j2', 'og:o1']);
  });
});
