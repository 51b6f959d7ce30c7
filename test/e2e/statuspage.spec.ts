import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage-fake.js';
import { expect, test } from './onwatch-fixture.js';

let statuspage: StatuspageFake;

test.beforeAll(async () => {
  statuspage = await startStatuspageFake();
});

test.afterAll(async () => {
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

  // Connect: Test connection names the pages the key reaches and counts their components.
  await page.getByRole('button', { name: 'Settings' }).click();
  const connect = page.getByRole('form', { name: 'Connect a status page' });
  await connect.getByLabel('Status page name').fill('Acme public');
  await connect.getByLabel('Statuspage API key').fill(statuspage.apiKey);
  await connect.getByLabel('Statuspage API URL (advanced)').fill(statuspage.baseUrl);
  await connect.getByLabel('Resolve reminder after (minutes)').fill('0');
  await connect.getByRole('button', { name: 'Test connection' }).click();
  await expect(connect.getByTestId('sp-test-result')).toContainText(
    'Acme Status (6 components), Acme Internal (2 components)',
  );
  await connect
    .getByLabel('Page', { exact: true })
    .selectOption({ label: 'Acme Status (6 components)' });
  await connect.getByRole('button', { name: 'Connect status page' }).click();
  await expect(page.locator(`text=${statuspage.apiKey}`)).toHaveCount(0);

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
