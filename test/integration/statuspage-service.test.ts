import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statusPagesStateSchema } from '../../electron/common/contract/status-page-state.js';
import type { Incident } from '../../electron/common/model/incident.js';
import type { StatusPageConfig } from '../../electron/common/model/status-page-config.js';
import { prefillIncidentDraft } from '../../electron/common/status-page/incident-form.js';
import { blankMaintenanceDraft } from '../../electron/common/status-page/maintenance-form.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { StatusPageService } from '../../electron/core/statuspage/status-page-service.js';
import { startStatuspageFake } from '../fakes/statuspage-fake.js';
import { FakeNotifier } from '../support/fake-notifier.js';
import { anIncident } from '../support/incidents.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * The status-page room of the core against the loopback Statuspage fake over real sockets,
 * with its outbox and links on disk: a page is read and shown, a declare from a paging
 * incident reaches Statuspage once and links the two, the page resolving raises the reminder,
 * whose button resolves the status page; a maintenance is scheduled and completed.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const config: StatusPageConfig = {
  kind: 'statuspage',
  id: 'acme',
  name: 'Acme public',
  pageId: 'acmepublic01',
  mappings: [{ componentIds: ['cmpcheckout1'], service: 'checkout-api' }],
  reminders: { resolveGraceMinutes: 0, declareAfterMinutes: 15 },
};

async function setup() {
  const fake = await startStatuspageFake({ rateLimit: { limit: 100, windowMs: 1_000 } });
  cleanups.push(fake.stop);
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const secrets = new MemorySecretStore();
  const notifier = new FakeNotifier();
  const world = { open: [] as Incident[], opened: [] as string[], changes: 0 };
  const service = await StatusPageService.open({
    clock: systemClock,
    log: silentLog,
    secrets,
    dataDir: dir.path,
    notifier,
    configs: () => [{ ...config, apiBaseUrl: fake.baseUrl }],
    openIncidents: () => world.open,
    practiceSourceIds: () => new Set(),
    openIncident: (key) => world.opened.push(key),
    onChange: () => world.changes++,
    budget: { perSecond: 50, burst: 5, windowMs: 1_000, marginMs: 20 },
    firstRetryMs: 20,
    random: () => 1,
  });
  cleanups.push(() => service.stop());
  await service.connections.storeKey('acme', fake.apiKey);
  await service.start();
  const page = () => service.state().pages.find((p) => p.id === 'acme')!;
  await until(() => page().health === 'ok', 'the first read', 10_000);
  const settled = () =>
    until(
      () => service.state().writes.every((w) => w.state === 'done'),
      'the writes to be confirmed',
      10_000,
    );
  return { fake, dir, notifier, world, service, page, settled };
}

describe('StatusPageService', () => {
  it('reads the page: components grouped as on the page, open incidents, maintenances', async () => {
    const { service, page } = await setup();

    const state = statusPagesStateSchema.parse(service.state());
    expect(state.pages[0]!.view!.pageName).toBe('Acme Status');
    const { catalog } = page().view!;
    expect(catalog.groups.map((g) => g.name)).toEqual(['API', 'Background jobs']);
    expect(catalog.groups[0]!.componentIds).toEqual([
      'cmpcheckout1',
      'cmppayments1',
      'cmpsearch001',
    ]);
    // Someone else's incident, with its newest update.
    expect(page().view!.openIncidents.map((i) => i.latestUpdate?.status)).toEqual(['identified']);
    expect(page().view!.upcomingMaintenances).toHaveLength(1);
  });

  it('declares once from a page, links both, reminds when the page resolves, and resolves from the reminder', async () => {
    const { fake, dir, notifier, world, service, page, settled } = await setup();
    const paging = anIncident({
      sourceId: 'drill',
      externalId: 'checkout',
      title: 'Checkout API p99 latency above 2 s',
      service: 'checkout-api',
    });
    world.open = [paging];
    const draft = prefillIncidentDraft({
      incident: paging,
      rules: config.mappings,
      catalog: page().view!.catalog,
    });
    expect(draft.components).toEqual({ cmpcheckout1: 'partial_outage' });

    await service.declare('acme', draft, { key: paging.key, title: paging.title });
    await settled();
    const ours = fake.incidents(fake.pages.public).filter((i) => i.name === draft.name);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.metadata).toEqual({
      onwatch: { key: expect.any(String), source: paging.key },
    });
    expect(fake.component(fake.pages.public, 'cmpcheckout1').status).toBe('partial_outage');
    await until(() => service.state().links.length === 1, 'the link');
    const saved = JSON.parse(await readFile(join(dir.path, 'statuspage-links.json'), 'utf8'));
    expect(saved.links[0]).toMatchObject({
      pagingIncidentKey: paging.key,
      incidentId: ours[0]!.id,
    });
    expect(await readFile(join(dir.path, 'statuspage-outbox.jsonl'), 'utf8')).toContain(draft.name);
    await until(() => page().view!.openIncidents.some((i) => i.id === ours[0]!.id), 'the view');
    expect(service.state().reminders).toEqual([]);

    // The page resolves; with no grace the reminder is due at once, quietly.
    world.open = [];
    service.pagingIncidentsChanged();
    await until(() => service.state().reminders.length === 1, 'the reminder');
    const reminder = service.state().reminders[0]!;
    expect(reminder).toMatchObject({
      kind: 'resolve-status-page',
      action: 'Resolve status page',
      incidentId: ours[0]!.id,
    });
    expect(reminder.title).toMatch(
      /^Checkout API p99 latency above 2 s resolved .* ago — status page still says Investigating$/,
    );
    expect(notifier.shown.get(reminder.id)).toMatchObject({ urgency: 'low' });

    notifier.press(reminder.id, notifier.shown.get(reminder.id)!.actions![0]!.id);
    await until(() => fake.incidents(fake.pages.public)[0]!.status === 'resolved', 'the resolve');
    expect(fake.component(fake.pages.public, 'cmpcheckout1').status).toBe('operational');
    await until(() => service.state().reminders.length === 0, 'the reminder to go');
    expect(notifier.shown.has(reminder.id)).toBe(false);
    expect(fake.writes('POST')).toHaveLength(1);
  });

  it('schedules a maintenance once, with its options, and completing it sets the components back', async () => {
    const { fake, service, page, settled } = await setup();
    const draft = {
      ...blankMaintenanceDraft(Date.now()),
      name: 'Database upgrade',
      body: 'Checkout may be slow for a few minutes.',
      componentIds: ['cmpcheckout1'],
      autoCompleted: false,
    };
    await service.scheduleMaintenance('acme', draft);
    await settled();
    const posted = fake.writes('POST');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({
      incident: {
        status: 'scheduled',
        component_ids: ['cmpcheckout1'],
        scheduled_auto_completed: false,
        scheduled_remind_prior: true,
      },
    });
    const maintenance = () =>
      page().view!.upcomingMaintenances.find((m) => m.name === 'Database upgrade');
    await until(() => maintenance() !== undefined, 'the maintenance in the view');

    const id = maintenance()!.id;
    await service.advanceMaintenance('acme', id, {
      status: 'in_progress',
      body: 'Started.',
      componentIds: ['cmpcheckout1'],
      deliverNotifications: true,
    });
    await settled();
    expect(fake.component(fake.pages.public, 'cmpcheckout1').status).toBe('under_maintenance');
    await service.advanceMaintenance('acme', id, {
      status: 'completed',
      body: 'Done.',
      componentIds: ['cmpcheckout1'],
      deliverNotifications: true,
    });
    await settled();
    expect(fake.component(fake.pages.public, 'cmpcheckout1').status).toBe('operational');
    expect(fake.incidents(fake.pages.public).find((i) => i.id === id)!.status).toBe('completed');
  });

  it('refuses a draft that breaks the limits, with the field, and queues nothing', async () => {
    const { service, fake } = await setup();
    await expect(
      service.declare('acme', {
        name: 'x'.repeat(256),
        status: 'investigating',
        body: '',
        components: { grpapi000001: 'major_outage' },
        deliverNotifications: true,
      }),
    ).rejects.toMatchObject({ code: 'invalid-request', issues: [{ path: ['name'] }] });
    expect(service.state().writes).toEqual([]);
    expect(fake.writes('POST')).toEqual([]);
  });
});
