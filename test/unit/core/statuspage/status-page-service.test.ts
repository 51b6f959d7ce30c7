import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';
import { practiceStatusPage } from '../../../../electron/core/statuspage/practice-page.js';
import { StatusPageService } from '../../../../electron/core/statuspage/status-page-service.js';
import { FakeClock, settle } from '../../../support/fake-clock.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

/*
 * The service on a fake clock with the drill's practice page (in memory): when the declare
 * prompt comes, that a declare on its way silences it, and that nothing is read after stop.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup({ openAtStart = true } = {}) {
  const clock = new FakeClock();
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const notifier = new FakeNotifier();
  const paging: Incident = anIncident({
    sourceId: 'drill',
    externalId: 'checkout',
    title: 'Checkout 5xx above 5%',
    service: 'checkout-api',
    createdAt: new Date(clock.now()).toISOString(),
  });
  const open: Incident[] = openAtStart ? [paging] : [];
  const service = await StatusPageService.open({
    clock,
    log: silentLog,
    secrets: new MemorySecretStore(),
    dataDir: dir.path,
    notifier,
    configs: () => [practiceStatusPage],
    openIncidents: () => open,
    practiceSourceIds: () => new Set(['drill']),
    openIncident: () => {},
    onChange: () => {},
    firstRetryMs: 10,
    // No read of the page in the hour the tests look at: only the paging changes plan reminders.
    readIntervals: { idleMs: 3_600_000, linkedMs: 3_600_000 },
  });
  cleanups.push(() => service.stop());
  await service.start();
  await settle();
  return { clock, notifier, open, paging, service };
}

describe('StatusPageService with the practice page', () => {
  it('offers to declare after the set time, and stops once a declare is on its way', async () => {
    const { clock, notifier, paging, service } = await setup();
    expect(service.state().pages[0]).toMatchObject({ health: 'ok', practice: true });
    expect(service.state().pages[0]!.mappings).toEqual(practiceStatusPage.mappings);
    expect(service.state().reminders).toEqual([]);

    await clock.advance(15 * 60_000);
    expect(service.state().reminders).toEqual([
      expect.objectContaining({
        kind: 'declare',
        pagingIncidentKey: paging.key,
        componentIds: ['prc-checkout'],
      }),
    ]);
    expect([...notifier.shown.values()].map((n) => n.urgency)).toEqual(['low']);

    await service.declare(
      'practice',
      {
        name: 'Elevated errors on Checkout',
        status: 'investigating',
        body: '',
        components: { 'prc-checkout': 'partial_outage' },
        deliverNotifications: true,
      },
      { key: paging.key, title: paging.title },
    );
    expect(service.state().reminders).toEqual([]);
    // The outbox sends on the clock's next turn, once its journal is on disk.
    await until(async () => {
      await clock.advance(0);
      return service.state().links.length > 0;
    }, 'the link');
    expect(service.state().links).toEqual([
      expect.objectContaining({ pagingIncidentKey: paging.key, status: 'investigating' }),
    ]);
    expect(notifier.shown.size).toBe(0);
  });

  it('plans the prompt for a page that opens later, however many changes announce it at once', async () => {
    const { clock, open, paging, service } = await setup({ openAtStart: false });
    open.push(paging);
    for (let i = 0; i < 3; i++) service.pagingIncidentsChanged();
    await settle();
    await clock.advance(15 * 60_000);
    expect(service.state().reminders).toEqual([
      expect.objectContaining({ kind: 'declare', pagingIncidentKey: paging.key }),
    ]);
  });

  it('refuses to post to a page it has not read, in words', async () => {
    const { service } = await setup();
    await expect(service.resolve('nowhere', 'x')).rejects.toThrow(/has not been read yet/);
    await expect(service.resolve('practice', 'x')).rejects.toThrow(/not open on the status page/);
  });
});
