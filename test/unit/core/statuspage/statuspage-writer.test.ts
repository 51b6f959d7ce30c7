import { describe, expect, it } from 'vitest';
import type { IncidentDraft } from '../../../../electron/common/model/status-page.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { PracticeStatusPage } from '../../../../electron/core/statuspage/practice-page.js';
import {
  StatuspageWriter,
  type StatuspageEntry,
  type StatuspageWrite,
  type WriteConfirmation,
} from '../../../../electron/core/statuspage/statuspage-writer.js';
import { FakeClock } from '../../../support/fake-clock.js';

const draft: IncidentDraft = {
  name: 'Elevated errors on Checkout',
  status: 'investigating',
  body: 'We are investigating.',
  components: { 'prc-checkout': 'partial_outage' },
  deliverNotifications: true,
};
const key = '5b3f9d4e-8c1a-4f6b-9e2d-7a1c3b5d9f01';

function setup() {
  const clock = new FakeClock();
  const page = new PracticeStatusPage(clock);
  const confirmed: WriteConfirmation[] = [];
  const writer = new StatuspageWriter({
    apiFor: (id) => (id === 'practice' ? page : undefined),
    clock,
    log: silentLog,
    onConfirmed: (c) => void confirmed.push(c),
  });
  const entry = (write: StatuspageWrite, statusPageId = 'practice'): StatuspageEntry => ({
    id: 'a1',
    createdAt: clock.now(),
    statusPageId,
    pageId: 'practice',
    write,
  });
  const send = (e: StatuspageEntry, mayHaveBeenSent: boolean) =>
    writer.deliver(e, { actionId: e.id, mayHaveBeenSent });
  const all = async () => [
    ...(await page.listUnresolvedIncidents('practice')).items,
    ...(await page.searchIncidents('practice', '')).items.filter((i) => i.status === 'resolved'),
  ];
  return { clock, page, confirmed, entry, send, all };
}

describe('StatuspageWriter', () => {
  it('adopts the incident an earlier attempt made instead of posting again', async () => {
    const { entry, send, confirmed, all } = setup();
    const create = entry({ type: 'create-incident', key, draft });
    await send(create, false);
    await send(create, true);
    expect(await all()).toHaveLength(1);
    expect(confirmed.map((c) => c.how)).toEqual(['sent', 'found']);
    expect(confirmed[1]!.incident.id).toBe(confirmed[0]!.incident.id);
  });

  it('posts when an earlier attempt never arrived, with its key and paging incident', async () => {
    const { entry, send, confirmed } = setup();
    const paging = { key: 'pd:PINC001', title: 'Checkout 5xx' };
    await send(entry({ type: 'create-incident', key, draft, pagingIncident: paging }), true);
    expect(confirmed.map((c) => c.how)).toEqual(['sent']);
    expect(confirmed[0]!.incident.metadata).toEqual({ onwatch: { key, source: 'pd:PINC001' } });
  });

  it('finds its incident by search when someone resolved it in the meantime', async () => {
    const { entry, send, confirmed, page, all } = setup();
    const create = entry({ type: 'create-incident', key, draft });
    await send(create, false);
    await page.updateIncident('practice', confirmed[0]!.incident.id, { status: 'resolved' });
    await send(create, true);
    expect(confirmed.map((c) => c.how)).toEqual(['sent', 'found']);
    expect(await all()).toHaveLength(1);
  });

  it('recognises its own update, even under a colleague’s later one', async () => {
    const { entry, send, confirmed, page, clock } = setup();
    await send(entry({ type: 'create-incident', key, draft }), false);
    const id = confirmed[0]!.incident.id;
    await clock.advance(60_000);
    const update = entry({
      type: 'update-incident',
      incidentId: id,
      draft: {
        status: 'identified',
        body: 'A bad deploy.',
        components: {},
        deliverNotifications: true,
      },
    });
    await send(update, false);
    await page.updateIncident('practice', id, { status: 'monitoring', body: 'Rolled back.' });
    await send(update, true);
    expect(confirmed.map((c) => c.how)).toEqual(['sent', 'sent', 'found']);
    const { incident_updates } = await page.getIncident('practice', id);
    expect(incident_updates.map((u) => u.body)).toEqual([
      'Rolled back.',
      'A bad deploy.',
      'We are investigating.',
    ]);
  });

  it('posts an update again when what is there is older than the write', async () => {
    const { entry, send, confirmed, page, clock } = setup();
    await send(entry({ type: 'create-incident', key, draft }), false);
    const id = confirmed[0]!.incident.id;
    await page.updateIncident('practice', id, { status: 'identified', body: 'Same words.' });
    await clock.advance(6 * 60_000);
    const update = entry({
      type: 'update-incident',
      incidentId: id,
      draft: {
        status: 'identified',
        body: 'Same words.',
        components: {},
        deliverNotifications: true,
      },
    });
    await send(update, true);
    expect(confirmed.map((c) => c.how)).toEqual(['sent', 'sent']);
  });

  it('refuses for good a write for a page that was removed', async () => {
    const { entry, send } = setup();
    await expect(
      send(entry({ type: 'create-incident', key, draft }, 'gone'), false),
    ).rejects.toMatchObject({
      kind: 'rejected',
      message: 'this status page has been removed from settings',
    });
  });
});
