import { expect, test } from './onwatch-fixture.js';

test('Settings → the reminder before a shift: a lead time is saved and shown again, one out of bounds is refused by name', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const lead = page.getByLabel('Remind me before a shift starts (minutes)');
  await expect(lead).toHaveValue('30');

  await lead.fill('2000');
  await page.getByRole('button', { name: 'Set reminder' }).click();
  await expect(
    page.getByText('the reminder before a shift can be at most 1440 minutes (a day) ahead'),
  ).toBeVisible();

  await lead.fill('45');
  await page.getByRole('button', { name: 'Set reminder' }).click();
  await expect(page.getByText('Reminding you 45 min before a shift starts.')).toBeVisible();
  // Saved on the main side: a fresh page reads it back from the state.
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Remind me before a shift starts (minutes)')).toHaveValue('45');
});
