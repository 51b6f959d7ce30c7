import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';

let pagerduty: PagerDutyFake;

test.beforeAll(async () => {
  pagerduty = await startPagerDutyFake();
});

test.afterAll(async () => {
  await pagerduty.stop();
});

test('a PagerDuty source set up in the UI shows incidents and the schedule, and one ack reaches PagerDuty once', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('pagerduty');
  await page.getByLabel('Name', { exact: true }).fill('PagerDuty');
  await page.getByLabel('Email').fill(pagerduty.me.email);
  await page.getByLabel('API key').fill(pagerduty.tokens.user);
  await page.getByLabel('API URL (advanced)').fill(pagerduty.baseUrl);
  await page.getByLabel('Poll interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const report = page.getByRole('status');
  await expect(report).toContainText(pagerduty.me.name);
  await expect(report).toContainText(/acknowledge/i);
  await page.getByRole('button', { name: 'Save' }).click();
  // The key went to the keychain: the page never shows it again.
  await expect(page.locator(`text=${pagerduty.tokens.user}`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Incidents' }).click();
  const mine = page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC001"]');
  await expect(mine).toHaveAttribute('data-status', 'triggered');
  await expect(
    page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC003"]'),
  ).toHaveAttribute('data-status', 'acknowledged');

  await mine.click();
  // One `#` before the number, and PagerDuty's own page listed once under Links.
  await expect(page.getByTestId('detail-kicker')).toHaveText(/^PagerDuty#\d+$/);
  await expect(
    page.getByTestId('detail-links').getByRole('link', { name: 'Open in PagerDuty' }),
  ).toHaveCount(1);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(mine).toHaveAttribute('data-status', 'acknowledged');
  await expect(page.locator('[data-testid="action-status"]')).toHaveAttribute('data-state', 'done');

  expect(pagerduty.ackCount('PINC001')).toBe(1);
  const acks = pagerduty.applied.filter((change) => change.incidentId === 'PINC001');
  expect(acks).toEqual([
    expect.objectContaining({ kind: 'acknowledged', from: pagerduty.me.email }),
  ]);
  expect(pagerduty.writes('PUT', '/incidents/PINC001')).toHaveLength(1);

  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByTestId('on-call-now').first()).toBeVisible();
  await expect(page.getByTestId('schedule-timeline')).toBeVisible();
});
