import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusPageViewSchema } from '../../../../electron/common/model/status-page-view.js';
import {
  prefillIncidentDraft,
  resolveDraft,
} from '../../../../electron/common/status-page/incident-form.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { drillScript } from '../../../../electron/core/sources/drill/drill-script.js';
import {
  PracticeStatusPage,
  practiceStatusPage,
} from '../../../../electron/core/statuspage/practice-page.js';
import { StatusPageLinks } from '../../../../electron/core/statuspage/status-page-links.js';
import { readStatusPage } from '../../../../electron/core/statuspage/status-page-reader.js';
import { planStatusPageReminders } from '../../../../electron/core/statuspage/status-page-reminders.js';
import { StatusPageWrites } from '../../../../electron/core/statuspage/status-page-writes.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const target = { statusPageId: practiceStatusPage.id, pageId: 'practice' };
const signal = () => new AbortController().signal;

describe('the practice status page', () => {
  it('says everywhere that it is practice', async () => {
    const clock = new FakeClock();
    const view = await readStatusPage(new PracticeStatusPage(clock), target, signal(), clock.now());
    expect(view).toMatchObject({
      practice: true,
      pageName: 'Practice status page (writes nowhere)',
    });
    expect(view.catalog.groups).toEqual([
      {
        id: 'prc-shop',
        name: 'Shop',
        componentIds: ['prc-checkout', 'prc-payments', 'prc-orders'],
      },
    ]);
    expect(view.templates.map((t) => t.name)).toEqual(['Elevated errors', 'Payments degraded']);
    // What the window will be sent.
    expect(statusPageViewSchema.parse(view)).toEqual(view);
  });

  it('maps every paging drill service but the database to a component', async () => {
    const clock = new FakeClock();
    const { catalog } = await readStatusPage(new PracticeStatusPage(clock), target, signal(), 0);
    const mapped = drillScript.map((page) => [
      page.slug,
      Object.keys(
        prefillIncidentDraft({
          incident: anIncident({ sourceId: 'drill', service: page.service, labels: page.labels }),
          rules: practiceStatusPage.mappings,
          catalog,
        }).components,
      ),
    ]);
    expect(mapped).toEqual([
      ['checkout-latency', ['prc-checkout']],
      ['replica-disk', []],
      ['payment-webhooks', ['prc-payments']],
      ['queue-backlog', ['prc-orders']],
      ['cert-expiry', ['prc-website', 'prc-api']],
    ]);
  });

  it('runs the whole flow through the outbox without a single network call', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const clock = new FakeClock();
    const dir = await makeTempDir();
    cleanups.push(dir.remove);
    const practice = new PracticeStatusPage(clock);
    const links = await StatusPageLinks.open(join(dir.path, 'links.json'), silentLog);
    const writes = await StatusPageWrites.open({
      path: join(dir.path, 'statuspage-outbox.jsonl'),
      clock,
      log: silentLog,
      apiFor: (id) => (id === practiceStatusPage.id ? practice : undefined),
      onChange: () => {},
      onConfirmed: async ({ entry, incident }) => {
        if (entry.write.type !== 'create-incident' || !entry.write.pagingIncident) return;
        const paging = entry.write.pagingIncident;
        await links.link({
          pagingIncidentKey: paging.key,
          pagingTitle: paging.title,
          statusPageId: entry.statusPageId,
          pageId: entry.pageId,
          incidentId: incident.id,
          incidentName: incident.name,
          status: incident.status,
        });
      },
    });
    cleanups.push(() => writes.stop());
    const settle = async (what: string) => {
      await clock.advance(0);
      await until(() => writes.list().every((w) => w.state === 'done'), what);
    };

    // Update status page, from the drill's checkout page.
    const script = drillScript[0]!;
    const drill = anIncident({
      sourceId: 'drill',
      externalId: script.slug,
      title: script.title,
      service: script.service,
      urgency: script.urgency,
      labels: script.labels,
    });
    let view = await readStatusPage(practice, target, signal(), clock.now());
    const draft = prefillIncidentDraft({
      incident: drill,
      rules: practiceStatusPage.mappings,
      catalog: view.catalog,
    });
    await writes.declare({ ...target, catalog: view.catalog }, draft, {
      key: drill.key,
      title: drill.title,
    });
    await settle('the declaration');

    view = await readStatusPage(practice, target, signal(), clock.now());
    expect(view.openIncidents).toMatchObject([
      {
        name: 'Slow responses on Checkout',
        status: 'investigating',
        impact: 'major',
        pagingIncidentKey: drill.key,
        components: [{ id: 'prc-checkout', status: 'partial_outage' }],
      },
    ]);
    expect(view.catalog.components.find((c) => c.id === 'prc-checkout')!.status).toBe(
      'partial_outage',
    );

    // The page resolves; ten minutes later the reminder is due.
    await links.notePagingIncidents(new Set(), clock.now());
    await clock.advance(10 * 60_000);
    const plan = planStatusPageReminders({
      now: clock.now(),
      pages: [
        {
          statusPageId: practiceStatusPage.id,
          pageName: view.pageName,
          practice: true,
          rules: practiceStatusPage.mappings,
          catalog: view.catalog,
          reminders: practiceStatusPage.reminders,
        },
      ],
      links: links.all(),
      openIncidents: [],
      practiceSourceIds: new Set(['drill']),
    });
    expect(plan.due.map((r) => r.title)).toEqual([
      `${drill.title} resolved 10 min ago — status page still says Investigating`,
    ]);

    // Resolve status page.
    const open = view.openIncidents[0]!;
    await writes.postUpdate({ ...target, catalog: view.catalog }, open.id, resolveDraft(open));
    await settle('the resolution');
    view = await readStatusPage(practice, target, signal(), clock.now());
    expect(view.openIncidents).toEqual([]);
    expect(view.catalog.components.every((c) => c.status === 'operational')).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
