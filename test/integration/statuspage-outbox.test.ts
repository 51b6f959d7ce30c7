import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDraft, MaintenanceDraft } from '../../electron/common/model/status-page.js';
import { statusPageViewSchema } from '../../electron/common/model/status-page-view.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { SharedLimits } from '../../electron/core/sources/rate-limit/shared-limits.js';
import { readStatusPage } from '../../electron/core/statuspage/status-page-reader.js';
import { StatusPageWrites } from '../../electron/core/statuspage/status-page-writes.js';
import { StatuspageClient } from '../../electron/core/statuspage/statuspage-client.js';
import type { WriteConfirmation } from '../../electron/core/statuspage/statuspage-writer.js';
import { startStatuspageFake } from '../fakes/statuspage-fake.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * Statuspage writes through the real outbox (a journal on disk) and the real client, against
 * the loopback fake over real sockets: a lost answer never becomes a second incident or a
 * second public update, and a maintenance reaches the page once, as it was scheduled.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const fake = await startStatuspageFake({ rateLimit: { limit: 50, windowMs: 1_000 } });
  cleanups.push(fake.stop);
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const client = new StatuspageClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    clock: systemClock,
    limits: new SharedLimits(),
    budget: { perSecond: 40, burst: 5, windowMs: 1_000, marginMs: 50 },
  });
  const confirmed: WriteConfirmation[] = [];
  const writes = await StatusPageWrites.open({
    path: join(dir.path, 'statuspage-outbox.jsonl'),
    clock: systemClock,
    log: silentLog,
    apiFor: (id) => (id === 'acme' ? client : undefined),
    onChange: () => {},
    onConfirmed: (c) => void confirmed.push(c),
    firstRetryMs: 20,
    random: () => 1,
    timeoutMs: 1_500,
  });
  cleanups.push(() => writes.stop());
  const pageId = fake.pages.public;
  const view = await readStatusPage(
    client,
    { statusPageId: 'acme', pageId },
    AbortSignal.timeout(5_000),
    Date.now(),
  );
  // What the window will be sent, from what the fake answered.
  expect(statusPageViewSchema.parse(view)).toEqual(view);
  const target = { statusPageId: 'acme', pageId, catalog: view.catalog };
  const settled = (what: string) =>
    until(
      () => writes.list().length > 0 && writes.list().every((w) => w.state !== 'pending'),
      what,
      10_000,
    );
  const ours = () =>
    fake.incidents(pageId).filter((i) => (i.metadata.onwatch as { key?: string } | undefined)?.key);
  return { fake, writes, confirmed, target, settled, ours, pageId };
}

const draft: IncidentDraft = {
  name: 'Elevated errors on Checkout',
  status: 'investigating',
  body: 'We are investigating elevated errors on Checkout.',
  components: { cmpcheckout1: 'partial_outage' },
  deliverNotifications: true,
};

describe('Statuspage writes through the outbox', () => {
  it('leaves exactly one incident when the answer to the create is lost and it is retried', async () => {
    const { fake, writes, confirmed, target, settled, ours } = await setup();
    const lost = fake.loseNextReply({ method: 'POST' });
    const queued = await writes.declare(target, draft, {
      key: 'pd:PINC001',
      title: 'Checkout 5xx',
    });
    await lost;
    await settled('the create to be confirmed');

    expect(writes.list()).toMatchObject([{ id: queued.id, state: 'done', attempts: 2 }]);
    expect(fake.writes('POST')).toHaveLength(1);
    expect(ours()).toHaveLength(1);
    const { write } = queued;
    expect(write.type === 'create-incident' && ours()[0]!.metadata).toEqual({
      onwatch: { key: write.type === 'create-incident' && write.key, source: 'pd:PINC001' },
    });
    expect(fake.component(target.pageId, 'cmpcheckout1').status).toBe('partial_outage');
    expect(confirmed.map((c) => [c.how, c.incident.id])).toEqual([['found', ours()[0]!.id]]);
  });

  it('posts once when the first attempt never reached Statuspage', async () => {
    const { fake, writes, target, settled, ours } = await setup();
    fake.setFault({ status: 503 }, { method: 'POST' });
    await writes.declare(target, draft);
    await until(
      () => writes.list()[0]!.attempts >= 1 && writes.list()[0]!.lastError !== undefined,
      'a failed attempt',
    );
    fake.setFault(null);
    await settled('the create to be confirmed');
    expect(ours()).toHaveLength(1);
    expect(writes.list()[0]).toMatchObject({ state: 'done' });
  });

  it('posts an update once when its answer is lost and it is retried', async () => {
    const { fake, writes, target, settled, ours } = await setup();
    await writes.declare(target, draft);
    await settled('the create');
    const incident = ours()[0]!;
    const lost = fake.loseNextReply({ method: 'PATCH' });
    await writes.postUpdate(target, incident.id, {
      status: 'identified',
      body: 'A bad deploy; rolling back.',
      components: { cmpcheckout1: 'degraded_performance' },
      deliverNotifications: true,
    });
    await lost;
    await settled('the update');
    expect(fake.writes('PATCH')).toHaveLength(1);
    expect(incident.updates.map((u) => u.status)).toEqual(['identified', 'investigating']);
    expect(fake.component(target.pageId, 'cmpcheckout1').status).toBe('degraded_performance');
  });

  it('treats a double click as one post', async () => {
    const { fake, writes, target, settled, ours } = await setup();
    const hung = fake.hangNextReply({ method: 'POST' });
    const first = await writes.declare(target, draft);
    const second = await writes.declare(target, draft);
    expect(second.id).toBe(first.id);
    await hung;
    expect(ours()).toHaveLength(1);
    // The hung answer times out; the retry finds the incident it made.
    await settled('the create');
    expect(ours()).toHaveLength(1);
    expect(fake.writes('POST')).toHaveLength(1);
  });

  it('refuses a draft Statuspage would refuse, before anything is sent', async () => {
    const { fake, writes, target } = await setup();
    await expect(writes.declare(target, { ...draft, name: 'n'.repeat(256) })).rejects.toMatchObject(
      {
        code: 'invalid-request',
        issues: [{ path: ['name'], message: '256 characters; Statuspage takes at most 255' }],
      },
    );
    await expect(
      writes.declare(target, { ...draft, components: { grpapi000001: 'major_outage' } }),
    ).rejects.toMatchObject({ issues: [{ path: ['components', 'grpapi000001'] }] });
    expect(writes.list()).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });

  it('schedules a maintenance once, as chosen, and completing it sets its components operational', async () => {
    const { fake, writes, target, settled, ours } = await setup();
    const start = Date.now() + 8 * 24 * 3_600_000;
    const maintenance: MaintenanceDraft = {
      name: 'Payments failover test',
      body: 'We will fail Payments and Checkout over to the standby region.',
      componentIds: ['cmpcheckout1', 'cmppayments1'],
      scheduledFor: new Date(start).toISOString(),
      scheduledUntil: new Date(start + 2 * 3_600_000).toISOString(),
      deliverNotifications: true,
      remindPrior: true,
      autoInProgress: false,
      autoCompleted: true,
      notifyAtStart: false,
      notifyAtEnd: true,
    };
    const lost = fake.loseNextReply({ method: 'POST' });
    await writes.scheduleMaintenance(target, maintenance);
    await lost;
    await settled('the maintenance');

    expect(fake.writes('POST')).toHaveLength(1);
    expect(ours()).toHaveLength(1);
    const scheduled = ours()[0]!;
    expect(scheduled).toMatchObject({
      name: 'Payments failover test',
      status: 'scheduled',
      scheduledFor: new Date(start).toISOString(),
      scheduledUntil: new Date(start + 2 * 3_600_000).toISOString(),
      componentIds: ['cmpcheckout1', 'cmppayments1'],
      options: {
        scheduled_remind_prior: true,
        scheduled_auto_in_progress: false,
        scheduled_auto_completed: true,
        auto_transition_to_maintenance_state: false,
        auto_transition_to_operational_state: true,
        auto_transition_deliver_notifications_at_start: false,
        auto_transition_deliver_notifications_at_end: true,
      },
    });
    // Scheduling changes no component yet.
    expect(fake.component(target.pageId, 'cmpcheckout1').status).toBe('operational');

    const step = async (status: 'in_progress' | 'verifying' | 'completed') => {
      await writes.advanceMaintenance(target, scheduled.id, {
        status,
        body: `Maintenance ${status}.`,
        componentIds: ['cmpcheckout1', 'cmppayments1'],
        deliverNotifications: true,
      });
      await settled(`the maintenance ${status}`);
      return ['cmpcheckout1', 'cmppayments1'].map((id) => fake.component(target.pageId, id).status);
    };
    expect(await step('in_progress')).toEqual(['under_maintenance', 'under_maintenance']);
    expect(await step('verifying')).toEqual(['under_maintenance', 'under_maintenance']);
    expect(await step('completed')).toEqual(['operational', 'operational']);
    expect(scheduled.status).toBe('completed');
    expect(scheduled.updates.map((u) => u.status)).toEqual([
      'completed',
      'verifying',
      'in_progress',
      'scheduled',
    ]);
  });
});
