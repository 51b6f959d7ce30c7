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

test('Schedule → Live calendar feeds → Subscribe hands the webcal address to the system, Copy puts the https one on the clipboard, and the page state never holds it', async ({
  page,
  context,
  onwatch,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(onwatch.url).origin,
  });
  // What the page asks the browser to open: a browser host cannot see the OS calendar app.
  await page.addInitScript(() => {
    const opened: string[] = [];
    (window as unknown as { onwatchOpened: string[] }).onwatchOpened = opened;
    const open = window.open.bind(window);
    window.open = (url, ...rest) => {
      opened.push(String(url));
      return open(url, ...rest);
    };
  });
  await page.goto(onwatch.url);
  await savePagerDutySource(page, pagerduty);
  await page.getByRole('button', { name: 'Schedule' }).click();

  const feeds = page.getByTestId('calendar-feed');
  await expect(feeds).toHaveCount(2);
  await expect(page.getByText('A feed address is a secret')).toBeVisible();
  const row = feeds.filter({ hasText: 'Payments follow-the-sun' });
  const feed = pagerduty.calendarFeed('PSCHV3B')!;
  const secret = /\/private\/([^/]+)\//.exec(feed.webcal)![1]!;
  // Before any click, nothing the window holds or shows contains the address.
  expect(await page.content()).not.toContain(secret);

  await row.getByRole('button', { name: 'Subscribe in your calendar' }).click();
  await expect(row.getByTestId('calendar-feed-result')).toHaveText('Handed to your calendar app.');
  expect(
    await page.evaluate(() => (window as unknown as { onwatchOpened: string[] }).onwatchOpened),
  ).toEqual([feed.webcal]);

  await row.getByRole('button', { name: 'Copy feed address' }).click();
  await expect(row.getByTestId('calendar-feed-result')).toHaveText(
    'Copied. Keep it secret: anyone with it can read this schedule.',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(feed.https);
  expect(await page.content()).not.toContain(secret);
});
