import { expect, test } from './onwatch-fixture.js';

test('with no account, the drill rotation takes cover: asked, confirmed by the next schedule read, drawn as an override, removed', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Schedule' }).click();
  const shift = page
    .locator('[data-testid="my-shift"][data-schedule-id="drill-rotation"]')
    .filter({ hasNotText: 'on call now' })
    .first();
  await shift.getByRole('button', { name: 'Get cover' }).click();
  const form = shift.getByTestId('cover-form');
  await form.getByTestId('cover-search').fill('lee');
  await form.getByRole('radio', { name: /Lee Chen \(practice\)/ }).check();
  await form.getByRole('button', { name: 'Ask Lee Chen (practice) to cover' }).click();

  const cover = page.getByTestId('cover');
  await expect(cover).toHaveAttribute('data-state', 'confirmed');
  const row = page.locator('[data-testid="timeline-row"][data-schedule-id="drill-rotation"]');
  await expect(row.locator('[data-override="true"]').first()).toBeAttached();

  await cover.getByRole('button', { name: /^Remove: .*deleted/ }).click();
  await expect(page.getByTestId('cover')).toHaveCount(0);
  await expect(row.locator('[data-override="true"]')).toHaveCount(0);
});
