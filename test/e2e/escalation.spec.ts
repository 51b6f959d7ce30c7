import { expect, test } from './onwatch-fixture.js';

// The ladder, compressed from minutes to seconds so a test can watch it climb.
test.use({
  settings: {
    version: 1,
    responderName: 'alice',
    sources: [],
    attention: {
      high: {
        criticalAfterSeconds: 2,
        repeatAfterSeconds: 4,
        repeatEverySeconds: 5,
        takeoverAfterSeconds: 10,
      },
    },
  },
});

test('a triggered drill page climbs the escalation ladder until it is acknowledged', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  const key = 'drill:checkout-latency-1';
  const row = page.locator(`[data-testid="incident-row"][data-key="${key}"]`);
  const stage = row.getByTestId('escalation-stage');
  const alarm = page.getByTestId('alarm-player');

  await expect(row).toHaveAttribute('data-status', 'triggered');
  await expect(stage).toHaveAttribute('data-stage', /notified|critical/);
  await expect(stage).toHaveAttribute('data-stage', 'critical');
  await expect(alarm).toHaveAttribute('data-state', 'playing');
  await expect(stage).toHaveAttribute('data-stage', 'repeating');
  await expect
    .poll(async () => Number(await alarm.getAttribute('data-ring')))
    .toBeGreaterThanOrEqual(2);

  const takeover = page.getByTestId('takeover');
  await expect(takeover).toBeVisible();
  await expect(takeover).toContainText('Checkout API p99 latency');
  await takeover.getByRole('button', { name: 'Acknowledge' }).click();

  await expect(takeover).toHaveCount(0);
  await expect(row).toHaveAttribute('data-status', 'acknowledged');
  await expect(stage).toHaveCount(0);
  await expect(alarm).toHaveAttribute('data-state', 'idle');
});

test('the alarm can be silenced for five minutes without acknowledging', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  const row = page.locator('[data-testid="incident-row"][data-key="drill:checkout-latency-1"]');
  await expect(row.getByTestId('escalation-stage')).toHaveAttribute('data-stage', 'critical');

  await page.getByRole('button', { name: 'Silence alarm 5 min' }).first().click();
  await expect(page.getByText(/Alarm silenced until/)).toBeVisible();
  await expect(page.getByTestId('alarm-player')).toHaveAttribute('data-state', 'idle');
  await expect(row).toHaveAttribute('data-status', 'triggered');
});
