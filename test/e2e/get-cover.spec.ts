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

test('Schedule → my next shift → Get cover for two hours → the fake holds one override, the timeline draws it, and removing it removes it at the fake', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await savePagerDutySource(page, pagerduty);

  await page.getByRole('button', { name: 'Schedule' }).click();
  // The next turn on the classic schedule that has not started yet.
  const shift = page
    .locator('[data-testid="my-shift"][data-schedule-id="PSCHV2A"]')
    .filter({ hasNotText: 'on call now' })
    .first();
  await shift.getByRole('button', { name: 'Get cover' }).click();
  const form = shift.getByTestId('cover-form');
  const start = await form.getByTestId('cover-start').inputValue();
  const twoHoursLater = await page.evaluate(
    ({ value, ms }) => {
      const d = new Date(new Date(value).getTime() + ms);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    },
    { value: start, ms: 2 * hour },
  );
  await form.getByTestId('cover-end').fill(twoHoursLater);
  await form.getByTestId('cover-search').fill('ravi');
  await form.getByRole('radio', { name: /Ravi Patel/ }).check();
  await form.getByRole('button', { name: 'Ask Ravi Patel to cover' }).click();

  const cover = page.getByTestId('cover');
  await expect(cover).toHaveAttribute('data-state', 'confirmed');
  expect(pagerduty.state.overrides).toHaveLength(1);
  const [override] = pagerduty.state.overrides;
  expect(override).toMatchObject({ scheduleId: 'PSCHV2A', userId: 'PRAVI02' });
  expect(Date.parse(override!.end) - Date.parse(override!.start)).toBe(2 * hour);
  await expect(
    page.locator(
      '[data-testid="timeline-row"][data-schedule-id="PSCHV2A"] [data-testid="timeline-cover"]',
    ),
  ).toHaveAttribute('data-state', 'confirmed');

  // It has not started, so the button says it is deleted rather than cut short.
  const remove = cover.getByRole('button', { name: /^Remove: .*deleted/ });
  await remove.click();
  await expect(page.getByTestId('cover')).toHaveCount(0);
  expect(pagerduty.state.overrides).toEqual([]);
  expect(pagerduty.applied.map((c) => c.kind)).toEqual(['override-created', 'override-deleted']);
});
