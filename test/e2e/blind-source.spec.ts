import { expect, test } from './onwatch-fixture.js';

// Nothing listens on this privileged loopback port, so every poll is refused.
test.use({
  settings: {
    version: 1,
    responderName: 'alice',
    sources: [
      {
        kind: 'alertmanager',
        id: 'prod-am',
        name: 'Prod Alertmanager',
        baseUrl: 'http://127.0.0.1:47',
        auth: { type: 'none' },
      },
    ],
  },
});

test('an unreachable source shows blind with its reason, and the page never claims all is quiet', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);

  const chip = page.locator('[data-testid="source-status"][data-source-id="prod-am"]');
  await expect(chip).toHaveAttribute('data-health', 'blind');
  await expect(chip).toContainText('nothing is listening at 127.0.0.1:47');
  await expect(chip).toContainText('never');

  // At the top of the page too, not only as a footer pill: the reason, and a way to try again.
  const banner = page.locator('[data-testid="blind-banner"][data-source-id="prod-am"]');
  await expect(banner).toContainText('Onwatch cannot see Prod Alertmanager');
  await expect(banner).toContainText('nothing is listening at 127.0.0.1:47');
  await banner.getByRole('button', { name: /Retry/ }).click();
  await expect(banner).toBeVisible();

  await expect(page.getByTestId('blind-empty-state')).toContainText('Prod Alertmanager');
  await expect(page.getByText('All quiet')).toHaveCount(0);
  await expect(page.getByText(/Practice mode/)).toHaveCount(0);
});
