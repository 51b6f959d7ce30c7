import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';
import { expect, test } from './onwatch-fixture.js';

let alertmanager: AlertmanagerHarness;

test.beforeAll(async () => {
  alertmanager = await startAlertmanager();
});

test.afterAll(async () => {
  await alertmanager.stop();
});

const labels = {
  alertname: 'DiskAlmostFull',
  severity: 'critical',
  instance: 'db-primary-1:9100',
  mountpoint: '/var/lib/postgresql',
};

test('an Alertmanager alert is acked from the UI as a silence on its exact labels', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Add source' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Prod Alertmanager');
  await page.getByLabel('Base URL').fill(alertmanager.baseUrl);
  await page.getByLabel('Poll interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Alertmanager 0\.25/ })).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();

  await alertmanager.postAlerts([
    {
      labels,
      annotations: {
        summary: 'Disk 95% full on db-primary-1 <script>alert(1)</script>',
        runbook_url: 'https://runbooks.example.com/disk-full',
      },
    },
  ]);

  await page.getByRole('button', { name: 'Incidents' }).click();
  const row = page.locator('[data-testid="incident-row"]', {
    hasText: 'Disk 95% full on db-primary-1',
  });
  await expect(row).toHaveAttribute('data-status', 'triggered');
  await expect(
    page.locator('[data-testid="source-status"][data-source-id="prod-alertmanager"]'),
  ).toHaveAttribute('data-health', 'ok');

  await row.click();
  // Hostile text is shown as text, never run as markup.
  await expect(page.getByRole('heading', { name: /<script>alert\(1\)<\/script>/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
    'href',
    'https://runbooks.example.com/disk-full',
  );
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row).toHaveAttribute('data-status', 'acknowledged');

  const silences = (await alertmanager.listSilences()).filter((s) => s.status.state === 'active');
  expect(silences).toHaveLength(1);
  const [silence] = silences;
  expect(
    silence!.matchers.map(({ name, value, isRegex, isEqual }) => ({
      name,
      value,
      isRegex,
      isEqual: isEqual ?? true,
    })),
  ).toEqual(
    expect.arrayContaining(
      Object.entries(labels).map(([name, value]) => ({
        name,
        value,
        isRegex: false,
        isEqual: true,
      })),
    ),
  );
  expect(silence!.matchers).toHaveLength(Object.keys(labels).length);
  expect(silence!.createdBy).toMatch(/^onwatch \(/);
  expect(silence!.comment).toMatch(/Onwatch/);

  // After the next poll the alert is still shown, as acknowledged (silenced), not as gone.
  await page.getByRole('button', { name: 'Refresh all' }).click();
  await expect(row).toHaveAttribute('data-status', 'acknowledged');
});
