import type { Page } from '@playwright/test';
import {
  startAlertmanager,
  type AlertmanagerHarness,
  type TestAlert,
} from '../support/alertmanager-harness.js';
import { expect, test } from './onwatch-fixture.js';

let alertmanager: AlertmanagerHarness;

const disk = (instance: string): TestAlert => ({
  labels: { alertname: 'DiskFull', severity: 'critical', job: 'node', instance },
  annotations: {
    summary: 'Disk almost full',
    description: `The data volume on ${instance} is 95% full.`,
    dashboard: 'https://grafana.example.com/d/disk',
  },
});
const storm = (n: number): TestAlert => ({
  labels: { alertname: `Storm${n}`, severity: 'warning', job: 'storm', service: 'storm' },
  annotations: { summary: `Storm alert number ${n}` },
});
const keyed = (n: number): TestAlert => ({
  labels: { alertname: `Key${n}`, severity: 'critical', service: 'keys' },
  annotations: { summary: `Keyboard alert ${n}` },
});
const checkout: TestAlert = {
  labels: { alertname: 'CheckoutSlow', severity: 'critical', service: 'checkout' },
  annotations: { summary: 'Checkout p99 above 2 s' },
};

test.beforeAll(async () => {
  alertmanager = await startAlertmanager();
  await alertmanager.postAlerts([
    disk('db-1:9100'),
    disk('db-2:9100'),
    checkout,
    keyed(1),
    keyed(2),
    keyed(3),
    ...Array.from({ length: 50 }, (_, i) => storm(i)),
  ]);
});

test.afterAll(async () => {
  await alertmanager.stop();
});

test.use({
  // Playwright reads a fixture's dependencies from its first parameter, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  settings: async ({}, use: (settings: unknown) => Promise<void>) =>
    use({
      version: 1,
      responderName: 'dana',
      sources: [
        {
          kind: 'alertmanager',
          id: 'prod-am',
          name: 'Prod AM',
          baseUrl: alertmanager.baseUrl,
          auth: { type: 'none' },
          pollIntervalSeconds: 5,
        },
      ],
    }),
});

const rows = (page: Page) => page.locator('[data-testid="incident-row"]');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
const list = (page: Page) => page.getByRole('listbox', { name: 'Open incidents' });

async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('search-result')).toHaveText('56 open');
}

test('search reads words and label matchers, shows them as chips, and the filters survive a reload', async ({
  page,
  onwatch,
}) => {
  await open(page, onwatch.url);

  await page.keyboard.press('/');
  const search = page.getByLabel('Search incidents');
  await expect(search).toBeFocused();
  await search.fill('alertname=~Storm1.*');
  // Storm1 and Storm10 to Storm19.
  await expect(page.getByTestId('search-result')).toHaveText('11 of 56 open shown');
  await expect(page.getByTestId('filter-chip')).toHaveText(['alertname=~Storm1.*×']);

  await search.fill('checkout');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Checkout p99 above 2 s');

  await search.fill('job=~(');
  await expect(
    page.getByRole('alert').filter({ hasText: 'not a valid regular expression' }),
  ).toBeVisible();

  await search.fill('severity=critical');
  await page.getByRole('button', { name: 'Mine', exact: true }).click();
  await page.reload();
  await expect(page.getByLabel('Search incidents')).toHaveValue('severity=critical');
  await expect(page.getByRole('button', { name: 'Mine', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('filter-chip')).toHaveText(['Mine only×', 'severity=critical×']);

  await page.getByRole('button', { name: 'Remove filter severity=critical' }).click();
  await page.getByRole('button', { name: 'Remove filter Mine only' }).click();
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect(page.getByTestId('search-result')).toHaveText('56 open');
});

test('grouping by service counts each group and Ack group acknowledges just that group', async ({
  page,
  onwatch,
}) => {
  await open(page, onwatch.url);
  await page.getByLabel('Group', { exact: true }).selectOption('service');
  // Two groups, so both stay in view of the virtualized list as their order changes.
  await page.getByLabel('Search incidents').fill('service=~checkout|keys');

  const checkoutHeader = page.locator('[data-testid="group-header"][data-group="checkout"]');
  await expect(checkoutHeader).toContainText('1 triggered');
  // The listbox names each group of options (the group itself has no box of its own).
  await expect(page.getByRole('group', { name: 'checkout: 1 triggered' })).toBeAttached();
  await page.getByRole('button', { name: /^Ack group checkout/ }).click();

  await expect(row(page, 'Checkout p99')).toHaveAttribute('data-status', 'acknowledged');
  await expect(checkoutHeader).toContainText('1 acked');
  await expect(page.locator('[data-testid="group-header"][data-group="keys"]')).toContainText(
    '3 triggered',
  );
  await expect(row(page, 'Keyboard alert 1')).toHaveAttribute('data-status', 'triggered');
});

test('Alertmanager siblings collapse into one row that shows what tells them apart', async ({
  page,
  onwatch,
}) => {
  await open(page, onwatch.url);
  const disks = row(page, 'Disk almost full');
  await expect(disks).toHaveCount(1);
  await expect(disks).toContainText('1 more like this');
  await expect(disks).toContainText('alertname=DiskFull');

  await disks.getByTestId('row-siblings').click();
  await expect(disks).toHaveCount(2);
  await expect(disks.nth(0)).toContainText('instance=db-1:9100');
  await expect(disks.nth(1)).toContainText('instance=db-2:9100');
  await expect(disks.nth(1)).not.toContainText('alertname=DiskFull');

  // The detail: description first, readable link names, no "Assignees — you".
  await disks.nth(1).click();
  const detail = page.getByTestId('incident-detail');
  await expect(page.getByTestId('detail-description')).toContainText(
    'The data volume on db-2:9100 is 95% full.',
  );
  await expect(detail.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(detail.getByText('Assignees')).toHaveCount(0);
});

test('the keyboard moves, acknowledges and shows the shortcuts, focus always visible', async ({
  page,
  onwatch,
}) => {
  await open(page, onwatch.url);
  await page.getByLabel('Search incidents').fill('service=keys');
  await expect(rows(page)).toHaveCount(3);
  await list(page).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const active = page.locator('[data-testid="incident-row"][data-active="true"]');
  await expect(active).toHaveCount(1);
  await expect(list(page)).toBeFocused();
  await expect(active).toHaveCSS('outline-style', 'solid');
  const activeId = await active.getAttribute('id');
  await expect(list(page)).toHaveAttribute('aria-activedescendant', activeId!);
  const key = await active.getAttribute('data-key');
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-key', key!);

  await page.keyboard.press('a');
  await expect(page.locator(`[data-testid="incident-row"][data-key="${key}"]`)).toHaveAttribute(
    'data-status',
    'acknowledged',
  );

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-title')).toBeFocused();

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Acknowledge every picked incident');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('fifty incidents are acknowledged in one bulk action, one silence each, with progress', async ({
  page,
  onwatch,
}) => {
  await open(page, onwatch.url);
  await page.getByLabel('Search incidents').fill('job=storm');
  await expect(page.getByTestId('search-result')).toHaveText('50 of 56 open shown');
  await page.getByRole('button', { name: 'Pick all 50 matching' }).click();
  await expect(page.getByTestId('bulk-actions')).toContainText('50 picked');
  await page.getByRole('button', { name: 'Acknowledge picked' }).click();

  await expect(page.getByTestId('bulk-status')).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('bulk-status')).toContainText('50 of 50 sent');
  await expect(rows(page).locator('xpath=self::*[@data-status="triggered"]')).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect
    .poll(
      async () =>
        (await alertmanager.listSilences()).filter((s) => s.status.state === 'active').length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThanOrEqual(50);
});
