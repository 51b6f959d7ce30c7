import { escapeMarkdown } from '../../electron/common/markdown-escape.js';
import { drillScript } from '../../electron/core/sources/drill/drill-script.js';
import { expect, test } from './onwatch-fixture.js';

/** The drill's first pages fire the moment it starts, inside the practice rotation's first turn. */
const firstPages = drillScript.filter((page) => page.atSeconds === 0);

test('with no account, the shift report for the drill shift lists its incidents and copies as Markdown', async ({
  page,
  context,
  onwatch,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(onwatch.url).origin,
  });
  await page.goto(onwatch.url);
  // The drill's pages are in before the report is asked for.
  await expect(page.locator('[data-testid="incident-row"]')).toHaveCount(firstPages.length);
  const [first] = firstPages;
  await page.locator('[data-testid="incident-row"]', { hasText: first!.title }).click();
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(
    page.locator('[data-testid="incident-row"]', { hasText: first!.title }),
  ).toHaveAttribute('data-status', 'acknowledged');

  await page.getByRole('button', { name: 'Schedule' }).click();
  const shift = page.getByTestId('report-shift').filter({ hasText: 'Drill rotation' }).first();
  await expect(shift).toContainText('running');
  await shift.getByRole('button', { name: 'Shift report' }).click();

  const report = page.getByTestId('shift-report');
  const preview = report.getByTestId('shift-report-preview');
  for (const { title } of firstPages) await expect(preview).toContainText(title);
  await expect(report.getByTestId('report-pages')).toContainText(`${firstPages.length} pages`);
  await expect(preview).toContainText('Sam Okafor (practice)');
  // The acknowledged page shows who acknowledged it from here.
  await expect(preview.locator('tr', { hasText: first!.title })).toContainText(/after .* by /);

  // The drill's incidents take no notes: nothing shared can carry the report to the incoming.
  await expect(report.getByTestId('shift-report-no-carrier')).toContainText(
    'the incoming responder cannot acknowledge it',
  );
  await expect(page.getByTestId('handoff-none')).toBeVisible();
  await report
    .getByLabel('Watch items (one per line)')
    .fill('Replica disk grows 1%/h: vacuum if it pages');
  await report.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(report.getByTestId('shift-report-result')).toHaveText('Copied as Markdown.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^# Shift report: Drill rotation\n/);
  expect(copied).toContain('## Watch items\n\n- Replica disk grows 1%/h: vacuum if it pages');
  for (const { title } of firstPages) expect(copied).toContain(escapeMarkdown(title));
  expect(copied).toContain('## Still open');
});
