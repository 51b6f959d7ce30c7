import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';
import { savePagerDutySource } from './pagerduty-settings.js';

let pagerduty: PagerDutyFake;
const count = 50;

test.beforeAll(async () => {
  pagerduty = await startPagerDutyFake();
  const template = pagerduty.state.incidents.find((i) => i.status === 'triggered')!;
  const at = new Date().toISOString();
  for (let n = 1; n <= count; n++) {
    pagerduty.state.incidents.push({
      ...template,
      id: `PBULK${String(n).padStart(3, '0')}`,
      number: 3000 + n,
      title: `Worker ${n} of the bulk pool is stuck`,
      incidentKey: `queue/worker-${n}`,
      assigneeIds: [pagerduty.me.id],
      acknowledgements: [],
      notes: [],
      createdAt: at,
      updatedAt: at,
    });
  }
});
test.afterAll(async () => {
  await pagerduty.stop();
});

test('fifty PagerDuty incidents picked and acknowledged go out as bulk requests, each acked once', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await savePagerDutySource(page, pagerduty);
  await page.getByRole('button', { name: 'Incidents' }).click();

  await page.getByLabel('Search incidents').fill('bulk pool');
  await expect(page.getByTestId('search-result')).toContainText(`${count} of`);
  await page.getByRole('button', { name: `Pick all ${count} matching` }).click();
  await page.getByRole('button', { name: 'Acknowledge picked' }).click();
  await expect(page.getByTestId('bulk-status')).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('bulk-status')).toContainText(`${count} of ${count} sent`);

  const bulk = pagerduty.state.incidents.filter((i) => i.id.startsWith('PBULK'));
  await expect
    .poll(() => bulk.filter((i) => i.status === 'acknowledged').length, { timeout: 30_000 })
    .toBe(count);
  for (const incident of bulk) expect(pagerduty.ackCount(incident.id)).toBe(1);
  // Acks that meet in flight go out together: fewer requests than incidents, some of them bulk.
  const bulkSizes = pagerduty
    .writes('PUT', '/incidents')
    .map((put) => (put.body as { incidents?: unknown[] }).incidents?.length ?? 0);
  expect(Math.max(...bulkSizes)).toBeGreaterThanOrEqual(4);
  expect(pagerduty.writes('PUT').length).toBeLessThan(count * 0.75);
});
