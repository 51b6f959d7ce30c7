import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage-fake.js';
import type { Page } from '@playwright/test';
import { expect, test } from './onwatch-fixture.js';

let statuspage: StatuspageFake;

/** Settings → Connect a status page, as a responder does it, with reminders at once. */
async function connectAcme(page: Page) {
  // Connect: Test connection names the pages the key reaches and counts their components.
  await page.getByRole('button', { name: 'Settings' }).click();
  const connect = page.getByRole('form', { name: 'Connect a status page' });
  await connect.getByLabel('Status page name').fill('Acme public');
  await connect.getByLabel('Statuspage key').fill(statuspage.apiKey);
  await connect.getByLabel('Statuspage address (advanced)').fill(statuspage.baseUrl);
  await connect.getByLabel('Resolve reminder after (minutes)').fill('0');
  await connect.getByRole('button', { name: 'Test Statuspage connection' }).click();
  await expect(connect.getByTestId('sp-test-result')).toContainText(
    'Acme Status (6 components), Acme Internal (2 components)',
  );
  await connect
    .getByLabel('Page', { exact: true })
    .selectOption({ label: 'Acme Status (6 components)' });
  await connect.getByRole('button', { name: 'Connect status page' }).click();
  await expect(page.locator(`text=${statuspage.apiKey}`)).toHaveCount(0);
}

test.beforeEach(async () => {
  statuspage = await startStatuspageFake();
});

test.afterEach(async () => {
  await statuspage.stop();
});

test('a status page connected in Settings takes a drill page’s incident: declared prefilled, updated, resolved from the reminder, once each', async ({
  page,
  onwatch,
}) => {
  // Onwatch keeps to Statuspage's one request a second; a dozen reads and writes take a while.
  test.setTimeout(180_000);
  const publicPage = statuspage.pages.public;
  const ours = () =>
    statuspage
      .incidents(publicPage)
      .filter((i) => (i.metadata.onwatch as { key?: string } | undefined)?.key);
  await page.goto(onwatch.url);

  await connectAcme(page);

  // Map the drill's checkout service to the page's Checkout component.
  const rules = page.getByRole('form', { name: 'Component rules of Acme public' });
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await rules.getByLabel('Service').fill('checkout-api');
  await rules.getByLabel('Checkout', { exact: true }).check();
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByTestId('configured-status-page')).toContainText('1 component rule');

  // Declare from the drill page: the form comes prefilled from it.
  await page.getByRole('button', { name: 'Incidents', exact: true }).click();
  const row = page.locator('[data-testid="incident-row"]', {
    hasText: 'Checkout API p99 latency',
  });
  await row.click();
  await page.getByRole('button', { name: 'Update status page' }).click();
  const declare = page.getByRole('form', { name: 'Declare a status-page incident' });
  await expect(declare.getByLabel('Status page')).toHaveValue('acme-public');
  await expect(declare.getByLabel('Incident name')).toHaveValue('Slow responses on Checkout');
  await expect(declare.getByLabel('API › Checkout')).toHaveValue('partial_outage');
  await expect(declare.getByLabel('Status', { exact: true })).toHaveValue('investigating');
  await expect(declare.getByTestId('sp-preview')).toContainText('Checkout: Partial outage');
  await declare.getByRole('button', { name: 'Post to status page' }).click();

  await expect.poll(() => ours().length).toBe(1);
  expect(statuspage.component(publicPage, 'cmpcheckout1').status).toBe('partial_outage');
  const declared = ours()[0]!;
  const shown = page.locator(`[data-testid="sp-incident"][data-id="${declared.id}"]`);
  await expect(shown).toContainText('Slow responses on Checkout');

  // A follow-up from the Status page view: identified.
  await shown.getByRole('button', { name: 'Post update' }).click();
  const update = page.getByRole('form', { name: 'Update the status-page incident' });
  await expect(update.getByLabel('Status', { exact: true })).toHaveValue('identified');
  await update.getByRole('button', { name: 'Post update' }).click();
  await expect.poll(() => ours()[0]!.status).toBe('identified');
  await expect(shown).toHaveAttribute('data-status', 'identified');

  // The page resolves; the status page still says otherwise, so the reminder comes.
  await page.getByRole('button', { name: 'Incidents', exact: true }).click();
  await row.click();
  await expect(page.getByTestId('incident-sp-link')).toContainText('Identified');
  await page
    .getByTestId('incident-detail')
    .getByRole('button', { name: 'Resolve', exact: true })
    .click();
  const reminder = page.getByTestId('statuspage-reminder');
  await expect(reminder).toContainText(
    /Checkout API p99 latency above 2 s for 5 minutes resolved .* ago — status page still says Identified/,
  );
  await reminder.getByRole('button', { name: 'Resolve status page' }).click();

  await expect.poll(() => ours()[0]!.status).toBe('resolved');
  expect(statuspage.component(publicPage, 'cmpcheckout1').status).toBe('operational');
  await expect(reminder).toHaveCount(0);
  // One incident, one create; the follow-ups were one update each.
  expect(statuspage.writes('POST')).toHaveLength(1);
  expect(statuspage.writes('PATCH')).toHaveLength(2);
});

test('a maintenance scheduled from the Status page view reaches Statuspage once, and is advanced to completed', async ({
  page,
  onwatch,
}) => {
  test.setTimeout(180_000);
  const publicPage = statuspage.pages.public;
  await page.goto(onwatch.url);
  await connectAcme(page);

  await page.getByRole('button', { name: 'Status page', exact: true }).click();
  const section = page.locator('[data-testid="sp-page"][data-id="acme-public"]');
  await section.getByRole('button', { name: 'Schedule maintenance' }).click();
  const form = page.getByRole('form', { name: 'Schedule maintenance' });
  await form.getByLabel('Maintenance name').fill('Checkout database upgrade');
  await form.getByLabel('Message', { exact: true }).fill('Checkout may be slow for a few minutes.');
  // Two days ahead: allowed, with the warning that subscribers should hear a week ahead.
  const start = new Date(Date.now() + 2 * 24 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}T10:00`;
  await form.getByLabel('Starts', { exact: true }).fill(local);
  await form.getByLabel('Ends', { exact: true }).fill(local.replace('T10:00', 'T12:00'));
  await expect(form.getByTestId('sp-maintenance-warning')).toContainText(
    'subscribers should hear at least a week ahead',
  );
  await form.getByLabel('Checkout', { exact: true }).check();
  await form.getByLabel('Complete it automatically at the end time').uncheck();
  await form.getByRole('button', { name: 'Schedule maintenance' }).click();

  const ours = () =>
    statuspage.incidents(publicPage).find((i) => i.name === 'Checkout database upgrade');
  await expect.poll(() => ours()?.status).toBe('scheduled');
  const posted = statuspage.writes('POST');
  expect(posted).toHaveLength(1);
  expect(posted[0]!.body).toMatchObject({
    incident: {
      status: 'scheduled',
      component_ids: ['cmpcheckout1'],
      scheduled_for: new Date(local).toISOString(),
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: false,
      scheduled_remind_prior: true,
    },
  });

  const row = page.locator(`[data-testid="sp-incident"][data-id="${ours()!.id}"]`);
  for (const [button, status] of [
    ['Mark in progress', 'in_progress'],
    ['Mark verifying', 'verifying'],
    ['Mark completed', 'completed'],
  ] as const) {
    await row.getByRole('button', { name: button }).click();
    await expect.poll(() => ours()!.status).toBe(status);
    if (status === 'in_progress') {
      expect(statuspage.component(publicPage, 'cmpcheckout1').status).toBe('under_maintenance');
    }
  }
  expect(statuspage.component(publicPage, 'cmpcheckout1').status).toBe('operational');
  await expect(row).toHaveCount(0);
});
