import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';
import { savePagerDutySource } from './pagerduty-settings.js';

let pagerduty: PagerDutyFake;

/** A note a hostile integration could write: markup that must stay text, and a lot of it. */
const hostile = `<img src=x onerror="document.title='pwned'"> ${'Stack trace line\n'.repeat(12)}`;

test.beforeAll(async () => {
  pagerduty = await startPagerDutyFake();
  pagerduty.incident('PINC003').notes.push({
    id: 'PNOTE0203',
    userId: 'PMEIC03',
    content: hostile,
    createdAt: new Date(Date.now() - 20 * 60_000).toISOString(),
  });
});

test.afterAll(async () => {
  await pagerduty.stop();
});

test("the detail shows the incident's PagerDuty timeline, oldest first, refreshed on a change and on asking", async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await savePagerDutySource(page, pagerduty);
  await page.getByRole('button', { name: 'Incidents' }).click();

  // Ravi's acknowledged incident: the trigger, his ack, his note and the hostile one.
  await page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC003"]').click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const entries = timeline.getByRole('listitem');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toHaveAttribute('data-kind', 'opened');
  await expect(entries.nth(0)).toContainText('Triggered through the API');
  await expect(entries.nth(0)).toContainText('Search');
  await expect(entries.nth(1)).toHaveAttribute('data-kind', 'acknowledged');
  await expect(entries.nth(1)).toContainText('Ravi Patel');
  await expect(entries.nth(2)).toContainText('Reindex running');
  await expect(entries.nth(3)).toContainText('Mei Chen');

  // Markup stays text, and the long note is clamped until asked.
  const note = entries.nth(3);
  await expect(note).toContainText('<img src=x onerror=');
  await expect(timeline.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  const showAll = note.getByRole('button', { name: 'Show all' });
  await expect(showAll).toHaveAttribute('aria-expanded', 'false');
  await showAll.click();
  await expect(note.getByRole('button', { name: 'Show less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );

  // Acknowledging here: the status changes, and the timeline is read again with the ack.
  await page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC001"]').click();
  await expect(entries).toHaveCount(1);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1)).toHaveAttribute('data-kind', 'acknowledged');
  await expect(entries.nth(1)).toContainText('Jane Doe');

  // A note added elsewhere shows on Refresh, not before: the timeline is never polled.
  pagerduty.incident('PINC001').notes.push({
    id: 'PNOTE0101',
    userId: 'PRAVI02',
    content: 'Looking at the load balancer too.',
    createdAt: new Date().toISOString(),
  });
  await page.waitForTimeout(1500);
  await expect(entries).toHaveCount(2);
  await timeline.getByRole('button', { name: 'Refresh' }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(2)).toContainText('Looking at the load balancer too.');
});
