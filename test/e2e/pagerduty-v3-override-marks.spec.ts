import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';
import { savePagerDutySource } from './pagerduty-settings.js';

let pagerduty: PagerDutyFake;

test.beforeAll(async () => {
  pagerduty = await startPagerDutyFake();
});

test.afterAll(async () => {
  await pagerduty.stop();
});

const hour = 3_600_000;

test('an override made in PagerDuty on a shift-based schedule is drawn striped on the timeline, saying who covers for whom', async ({
  page,
  onwatch,
}) => {
  // Mei takes Ravi's turns for a day, made in PagerDuty's web app rather than from Onwatch.
  const now = Date.now();
  pagerduty.overrideV3('PSCHV3B', {
    overridden: 'PRAVI02',
    overriding: 'PMEIC03',
    start: now + hour,
    end: now + 25 * hour,
  });
  await page.goto(onwatch.url);
  await savePagerDutySource(page, pagerduty);
  await page.getByRole('button', { name: 'Schedule' }).click();

  const row = page.locator('[data-testid="timeline-row"][data-schedule-id="PSCHV3B"]');
  const marked = row.locator('[data-testid="timeline-shift"][data-override="true"]');
  await expect(marked.first()).toBeVisible();
  await expect(marked.first()).toHaveAttribute(
    'title',
    /^Mei Chen covers for Ravi Patel \(override\)/,
  );
  // Turns the rotation gives are not marked; the classic schedule has no override at all.
  await expect(
    row.locator('[data-testid="timeline-shift"]:not([data-override])').first(),
  ).toBeVisible();
  await expect(
    page.locator('[data-testid="timeline-row"][data-schedule-id="PSCHV2A"] [data-override="true"]'),
  ).toHaveCount(0);
});
