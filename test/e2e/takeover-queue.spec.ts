import type { Page } from '@playwright/test';
import { expect, test } from './onwatch-fixture.js';

// Three drill sources each play the same high-urgency page at start, so three incidents climb
// side by side; the ladder is compressed to seconds so they reach the takeover together.
const sourceIds = ['drill-a', 'drill-b', 'drill-c'];
test.use({
  settings: {
    version: 1,
    responderName: 'alice',
    sources: sourceIds.map((id) => ({ kind: 'drill', id, name: `Drill ${id.at(-1)}` })),
    attention: {
      high: {
        criticalAfterSeconds: 1,
        repeatAfterSeconds: 2,
        repeatEverySeconds: 5,
        takeoverAfterSeconds: 3,
      },
    },
  },
});

const keys = sourceIds.map((id) => `${id}:checkout-latency-1`);
const rowOf = (page: Page, key: string) =>
  page.locator(`[data-testid="incident-row"][data-key="${key}"]`);

test('takeovers reached together are shown one at a time until every page is acknowledged', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  for (const key of keys) {
    await expect(rowOf(page, key).getByTestId('escalation-stage')).toHaveAttribute(
      'data-stage',
      'takeover',
    );
  }

  const takeover = page.getByTestId('takeover');
  const shown: string[] = [];
  for (let left = keys.length; left > 0; left--) {
    await expect(takeover).toBeVisible();
    const key = (await takeover.getAttribute('data-key'))!;
    expect(keys.filter((k) => !shown.includes(k))).toContain(key);
    shown.push(key);
    await takeover.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(rowOf(page, key)).toHaveAttribute('data-status', 'acknowledged');
    await expect(rowOf(page, key).getByTestId('escalation-stage')).toHaveCount(0);
    // The next page still climbing takes the screen over at once.
    if (left > 1) await expect(takeover).not.toHaveAttribute('data-key', key);
  }

  expect([...shown].sort()).toEqual(keys);
  await expect(takeover).toHaveCount(0);
  await expect(page.getByTestId('alarm-player')).toHaveAttribute('data-state', 'idle');
});
