import { startJsmOpsFake, type JsmFake } from '../fakes/jsm-ops-fake.js';
import { expect, test } from './onwatch-fixture.js';

let jsm: JsmFake;
const hour = 3_600_000;

/** Sam's next daily turn on Payments primary (Sam, Dana, Lee from 16 Nov 09:00 UTC). */
function samsNextTurn(now: number): number {
  const first = Date.parse('2026-11-16T09:00:00Z');
  let index = Math.floor((now - first) / (24 * hour)) + 1;
  while (index % 3 !== 0) index += 1;
  return first + index * 24 * hour;
}

test.beforeEach(async () => {
  jsm = await startJsmOpsFake();
});

test.afterEach(async () => {
  await jsm.stop();
});

test('JSM schedule → Get cover for two hours → one override at JSM, drawn as Sam covering for Dana, removed again; an override made in JSM is marked too', async ({
  page,
  onwatch,
}) => {
  const schedule = jsm.scheduleIds.paymentsPrimary;
  const [, sam, lee] = jsm.users;
  // Made in JSM itself, before Onwatch looks: Lee takes two hours of Sam's next turn.
  const samsTurn = samsNextTurn(Date.now());
  jsm.overrides.get(schedule)!.push({
    alias: 'made-in-jsm',
    responder: { type: 'user', id: lee!.accountId },
    startDate: new Date(samsTurn + hour).toISOString(),
    endDate: new Date(samsTurn + 3 * hour).toISOString(),
  });

  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('jsm-ops');
  await page.getByLabel('Name', { exact: true }).fill('JSM');
  await page.getByLabel('Atlassian site').fill(jsm.url);
  await page.getByLabel('Atlassian email').fill(jsm.email);
  await page.getByLabel('API token').fill(jsm.token);
  await page.getByLabel('API URL (advanced)').fill(jsm.url);
  await page.getByRole('button', { name: 'Save' }).click();

  await page.getByRole('button', { name: 'Schedule' }).click();
  const row = page.locator(`[data-testid="timeline-row"][data-schedule-id="${schedule}"]`);
  const elsewhere = row.locator('[data-testid="timeline-shift"][data-override="true"]');
  await expect(elsewhere).toHaveCount(1);
  await expect(elsewhere).toHaveAttribute('title', /^Lee Chen covers for Sam Rivera \(override\)/);

  // My next turn that has not started yet.
  const shift = page
    .locator(`[data-testid="my-shift"][data-schedule-id="${schedule}"]`)
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
  await form.getByTestId('cover-search').fill('sam');
  // Teammates come from the site's user search: people only, not the Automation app.
  await expect(form.getByRole('radio')).toHaveCount(1);
  await form.getByRole('radio', { name: /Sam Rivera/ }).check();
  await form.getByRole('button', { name: 'Ask Sam Rivera to cover' }).click();

  const cover = page.getByTestId('cover');
  await expect(cover).toHaveAttribute('data-state', 'confirmed');
  const made = jsm.overrides.get(schedule)!.filter((o) => o.alias !== 'made-in-jsm');
  expect(made).toHaveLength(1);
  expect(made[0]!.responder).toEqual({ type: 'user', id: sam!.accountId });
  expect(Date.parse(made[0]!.endDate) - Date.parse(made[0]!.startDate)).toBe(2 * hour);
  const posts = jsm.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/overrides'));
  expect(posts).toHaveLength(1);
  await expect(row.locator('[data-testid="timeline-cover"]')).toHaveAttribute(
    'data-state',
    'confirmed',
  );
  // The schedule's final layer now holds it: Sam's stretch is marked as covering for me.
  await expect(
    row.locator('[data-testid="timeline-shift"][data-override="true"]', {
      hasText: 'Sam Rivera covers for Dana Scully',
    }),
  ).toHaveCount(1);

  // It has not started, so the button says it is deleted rather than cut short.
  await cover.getByRole('button', { name: /^Remove: .*deleted/ }).click();
  await expect(page.getByTestId('cover')).toHaveCount(0);
  expect(jsm.overrides.get(schedule)!.map((o) => o.alias)).toEqual(['made-in-jsm']);
  expect(
    jsm.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/overrides/')),
  ).toHaveLength(1);
});
