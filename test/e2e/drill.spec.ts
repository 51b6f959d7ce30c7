import { expect, test } from './onwatch-fixture.js';

test('with nothing configured, drill incidents appear and can be acknowledged', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);

  await expect(page.getByText(/Practice mode/)).toBeVisible();
  await expect(
    page.locator('[data-testid="source-status"][data-source-id="drill"]'),
  ).toHaveAttribute('data-health', 'ok');

  const triggered = page.locator('[data-testid="incident-row"][data-status="triggered"]');
  await expect(triggered.first()).toBeVisible();
  const key = await triggered.first().getAttribute('data-key');
  const row = page.locator(`[data-testid="incident-row"][data-key="${key}"]`);

  await row.click();
  await page.getByRole('button', { name: 'Acknowledge' }).click();

  await expect(row).toHaveAttribute('data-status', 'acknowledged');
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  // Acknowledged incidents sort below every triggered one.
  const statuses = await page
    .locator('[data-testid="incident-row"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(statuses.indexOf('acknowledged')).toBeGreaterThan(statuses.lastIndexOf('triggered'));
});

test('the page refuses to load without the token', async ({ page, onwatch }) => {
  const url = new URL(onwatch.url);
  url.search = '';
  const response = await page.goto(url.toString());
  expect(response?.status()).toBe(401);
  await expect(page.getByText(/access token/)).toBeVisible();
});
